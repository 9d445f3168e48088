/**
 * The language service's validation settings from the `openedxConfig` settings: rule severities
 * (rule ids the service does not know are dropped and reported) and the known-keys allowlist.
 */
import type { OpenedxConfigSettings } from '../registry/settings';
import { isRuleId, type RuleId, type RuleSeverity } from '../service/rules';
import type { ValidationSettings } from '../service/types';

/** Validation settings, and the names of the rule settings that were ignored. */
export function validationSettings(settings: OpenedxConfigSettings): { validation: ValidationSettings; unknownRules: string[] } {
  const severities: Partial<Record<RuleId, RuleSeverity | 'off'>> = {};
  const unknownRules: string[] = [];
  for (const [rule, severity] of Object.entries(settings.rules)) {
    if (isRuleId(rule)) severities[rule] = severity;
    else unknownRules.push(rule);
  }
  return { validation: { severities, allowedUnknownKeys: [...settings.knownKeys] }, unknownRules };
}
