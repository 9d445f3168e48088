/**
 * The three outputs of `openedx-config describe`: readable text blocks, the hover's Markdown,
 * and JSON. Every text from a schema or a settings source is escaped for the terminal
 * (`terminalText.ts`): documentation is upstream text, and upstream text may hold anything.
 */
import type { DescribedSetting, DescribeSource, SettingDescription } from './settingDescription';
import { jsonTerminalSafe, terminalSafe } from './terminalText';

/** What the text format says of the schema the descriptions come from. */
export interface TextContext {
  /** The schema's revision: the live source folder, or `repo@commit (date)` of a shipped one. */
  revision: string;
  /** Set when the schema's documentation can be downloaded: the command that does it. */
  fetchCommand?: string;
}

/** Longest default shown in text, in characters: a default of several KB is a file, not a line. */
const MAX_DEFAULT_TEXT = 200;

/** The label width: values line up after it. */
const LABEL_WIDTH = 13;

const SOURCE_WORDS: Readonly<Record<DescribeSource, string>> = {
  live: 'live',
  documentation: 'shipped+docs',
  shipped: 'shipped',
  user: 'schema file',
};

/** The settings as JSON: an array of {@link SettingDescription}, two-space indented, one final newline. */
export function formatJson(settings: readonly DescribedSetting[]): string {
  return `${jsonTerminalSafe(JSON.stringify(settings.map((s) => s.json), null, 2))}\n`;
}

/** The settings as the hover shows them, separated by horizontal rules. */
export function formatMarkdown(settings: readonly DescribedSetting[]): string {
  return `${settings.map((s) => safeLines(s.markdown)).join('\n\n---\n\n')}\n`;
}

/** The settings as readable text: one block per name, a blank line between blocks. */
export function formatText(settings: readonly DescribedSetting[], context: TextContext): string {
  return `${settings.map((s) => textBlock(s.json, context)).join('\n\n')}\n`;
}

function textBlock(setting: SettingDescription, context: TextContext): string {
  const lines = [terminalSafe(setting.name)];
  const field = (label: string, value: string): void => {
    const [first, ...rest] = value.split(/\r?\n/);
    lines.push(`  ${`${label}:`.padEnd(LABEL_WIDTH)}${terminalSafe(first)}`);
    for (const line of rest) lines.push(`  ${' '.repeat(LABEL_WIDTH)}${terminalSafe(line)}`);
  };
  if (!setting.known || setting.source === null) {
    field('unknown', setting.message ?? `not a setting of ${setting.ida}`);
    return lines.join('\n');
  }
  field('type', setting.type ?? 'unknown');
  field('default', defaultText(setting));
  field('description', setting.description ?? missingDescription(setting, context));
  const definition = setting.links.find((l) => l.kind === 'definition');
  if (setting.origin !== null) field('defined in', definition === undefined ? setting.origin : `${setting.origin} ${definition.url}`);
  for (const link of setting.links) if (link.kind === 'reference') field('reference', link.url);
  field('source', `${SOURCE_WORDS[setting.source]} (${context.revision})`);
  return lines.join('\n');
}

/** The default on one line: JSON, else the Python source text, clipped. */
function defaultText(setting: SettingDescription): string {
  let text: string;
  if (setting.default !== null) text = JSON.stringify(setting.default);
  else if (setting.defaultPython !== null) text = `${setting.defaultPython} (Python)`;
  else return '(none)';
  // One line: a Python source text may span several.
  text = text.replace(/\s*\n\s*/g, ' ');
  return text.length > MAX_DEFAULT_TEXT ? `${text.slice(0, MAX_DEFAULT_TEXT)}… (${text.length - MAX_DEFAULT_TEXT} more characters)` : text;
}

/**
 * Why there is no description: a shipped schema's own settings get theirs from the download
 * (base layers' are documented by their own schema), so the command that fetches it is named.
 */
function missingDescription(setting: SettingDescription, context: TextContext): string {
  if (setting.source === 'shipped' && setting.layer === null && context.fetchCommand !== undefined) return `(no description: run \`${context.fetchCommand}\`)`;
  return '(no description)';
}

/** Each line escaped for the terminal, the line breaks kept. */
function safeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
