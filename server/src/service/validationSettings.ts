/**
 * The language service's validation settings from the `openedxConfig` settings: rule severities
 * (rule ids the service does not know are dropped and reported) and the known-keys allowlist.
 */
import { isRuleId, type RuleId, type RuleSeverity } from './rules';
import type { ValidationSettings } from './types';

/** The parts of the `openedxConfig` settings validation reads (the registry's settings have this shape). */
export interface RuleSettings {
  /** Rule id → severity, as the user wrote them (unknown ids are reported, not applied). */
  readonly rules: Readonly<Record<string, RuleSeverity | 'off'>>;
  /** Keys never reported as unknown. */
  readonly knownKeys: readonly string[];
}

/** Validation settings, and the names of the rule settings that were ignored. */
export function validationSettings(settings: RuleSettings): { validation: ValidationSettings; unknownRules: string[] } {
  const severities: Partial<Record<RuleId, RuleSeverity | 'off'>> = {};
  const unknownRules: string[] = [];
  for (const [rule, severity] of Object.entries(settings.rules)) {
    if (isRuleId(rule)) severities[rule] = severity;
    else unknownRules.push(rule);
  }
  return { validation: { severities, allowedUnknownKeys: [...settings.knownKeys] }, unknownRules };
}
