/**
 * Every diagnostic kind is a rule: an id users can name in settings and `disable` comments, a
 * default severity they can change, and the one function that words its message.
 */
import { inlineCode } from '../common/markdown';

/** Severity of a diagnostic, in LSP words; `off` silences a rule. */
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A rule definition. */
export interface Rule<A> {
  readonly id: RuleId;
  readonly defaultSeverity: RuleSeverity;
  /** One line for settings UIs and docs. */
  readonly description: string;
  readonly message: (args: A) => string;
}

/**
 * Quote a name as inline code. Messages are also hover Markdown (an unknown key's hover shows the
 * diagnostic's text), and a YAML key may hold backticks or a line break: `inlineCode` keeps it one span.
 */
const code = (s: string): string => inlineCode(s);

function rule<A>(id: RuleId, defaultSeverity: RuleSeverity, description: string, message: (args: A) => string): Rule<A> {
  return { id, defaultSeverity, description, message };
}

/** The rules, by id. */
export const RULES = {
  'yaml-syntax': rule<{ message: string }>('yaml-syntax', 'error', 'YAML that PyYAML cannot load (YAML 1.1).', (a) => a.message),
  'duplicate-key': rule<{ key: string; firstLine: number }>(
    'duplicate-key',
    'error',
    'A top-level key set more than once: PyYAML keeps the last value and silently drops the others.',
    (a) => `Duplicate key ${code(a.key)} (first set on line ${a.firstLine + 1}): PyYAML keeps only this last value.`,
  ),
  'missing-required': rule<{ keys: readonly string[]; parent?: string }>(
    'missing-required',
    'error',
    'Keys the service needs and this file does not set.',
    (a) =>
      a.parent === undefined
        ? `Missing required ${a.keys.length === 1 ? 'setting' : 'settings'}: ${a.keys.map(code).join(', ')}.`
        : `${code(a.parent)} is missing the required ${a.keys.length === 1 ? 'key' : 'keys'} ${a.keys.map(code).join(', ')}.`,
  ),
  'type-mismatch': rule<{ expected: string; found: string; hint?: string }>(
    'type-mismatch',
    'error',
    'A value of the wrong type, as PyYAML would load it: an error against a declared or read type, a warning against one seen only in a default.',
    (a) => `Expected ${a.expected}, found ${a.found}${a.hint === undefined ? '' : ` (${a.hint})`}.`,
  ),
  'unknown-key': rule<{ key: string; ida: string; suggestion?: string; parent?: string }>(
    'unknown-key',
    'warning',
    'A key no settings module defines: a warning when it looks like a typo of exactly one known setting the file does not set, otherwise information (always, inside a mapping).',
    (a) => {
      // An invisible byte order mark in front of a key makes it another key to PyYAML; say so, or
      // the message would name what looks like a known setting.
      const bom = a.key.startsWith('\uFEFF') ? ' The key starts with an invisible U+FEFF (byte order mark), which PyYAML keeps in its name.' : '';
      if (a.suggestion !== undefined) {
        return a.parent === undefined
          ? `Unknown setting ${code(a.key)}: did you mean ${code(a.suggestion)}?${bom}`
          : `Unknown key ${code(a.key)} in ${code(a.parent)}: did you mean ${code(a.suggestion)}?${bom}`;
      }
      return a.parent === undefined
        ? `${code(a.key)} is not defined by ${a.ida} settings; only a plugin could read it.${bom}`
        : `${code(a.key)} is not a known key of ${code(a.parent)} in ${a.ida} settings.${bom}`;
    },
  ),
  'overwritten-key': rule<{ key: string; ida: string; where: string }>(
    'overwritten-key',
    'warning',
    'A key the service overwrites after loading the file: its value here has no effect.',
    (a) => `${code(a.key)} has no effect: ${a.ida} overwrites it after loading this file (${a.where}).`,
  ),
  'conditional-key': rule<{ key: string; condition: string; setting: string }>(
    'conditional-key',
    'warning',
    'A key read only when another setting is true, and this file turns that setting off.',
    (a) => `${code(a.key)} has no effect: it is read only when ${code(a.condition)}, and this file sets ${code(a.setting)} to a false value.`,
  ),
  deprecated: rule<{ key: string; reason?: string; replacement?: string; features?: boolean }>(
    'deprecated',
    'information',
    'Deprecated usage, such as an entry of the FEATURES dict, which now sets a top-level setting.',
    (a) => {
      if (a.features === true) return `${code(`FEATURES: ${a.key}`)} is deprecated: ${code(a.key)} is now a top-level setting; set it at the top level.`;
      const parts = [`${code(a.key)} is deprecated.`];
      if (a.replacement !== undefined) parts.push(`Use ${code(a.replacement)} instead.`);
      if (a.reason !== undefined && a.reason !== '') parts.push(a.reason.endsWith('.') ? a.reason : `${a.reason}.`);
      return parts.join(' ');
    },
  ),
  'removal-date-passed': rule<{ key: string; date: string }>(
    'removal-date-passed',
    'information',
    "A toggle whose target removal date has passed: it may already be gone from the code.",
    (a) => `${code(a.key)} was due to be removed on ${a.date} (toggle_target_removal_date); check that the code still reads it.`,
  ),
  'insecure-secret': rule<{ key: string }>(
    'insecure-secret',
    'warning',
    'A secret left at the insecure default from the source, in a file that is not a devstack or test file.',
    (a) => `${code(a.key)} is still the insecure default from the settings source; set a real secret.`,
  ),
  'file-too-large': rule<{ size: number; limit: number }>(
    'file-too-large',
    'information',
    'A file too large to parse: its YAML syntax and its settings are not checked, only the characters PyYAML refuses.',
    (a) => `File too large (${formatSize(a.size)}, limit ${formatSize(a.limit)}): YAML syntax is not checked (only characters PyYAML refuses are), and settings are not validated.`,
  ),
  'too-many-problems': rule<{ hidden: number; shown: number }>(
    'too-many-problems',
    'information',
    'More problems than the editor lists for one file: where the unlisted ones start, and how many there are.',
    (a) => `And ${a.hidden.toLocaleString('en-US')} more problems not shown (only the first ${a.shown.toLocaleString('en-US')} of a file are listed).`,
  ),
} as const;

/** Rule ids. */
export type RuleId =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'missing-required'
  | 'type-mismatch'
  | 'unknown-key'
  | 'overwritten-key'
  | 'conditional-key'
  | 'deprecated'
  | 'removal-date-passed'
  | 'insecure-secret'
  | 'file-too-large'
  | 'too-many-problems';

/** All rule ids, in a stable order (for settings schemas and docs). */
export const RULE_IDS: readonly RuleId[] = Object.keys(RULES) as RuleId[];

/** Whether `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}

function formatSize(chars: number): string {
  return chars >= 1_048_576 ? `${(chars / 1_048_576).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}
