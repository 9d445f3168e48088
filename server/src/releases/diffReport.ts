/**
 * The settings changelog ({@link SettingsDiff}) as Markdown, for people: a summary line, then one
 * section per kind of change that has any, each a table or a list. Values are shown as compact
 * JSON in inline code, cut after {@link MAX_VALUE_CHARS} characters; every text from the sources
 * (names, files, reasons) is escaped.
 */
import { escapeMarkdownText, inlineCode } from '../common/markdown';
import type { JsonValue } from '../catalog/types';
import { isEmptyDiff, type DiffSetting, type SettingsDiff } from './settingsDiff';

/** Longest value shown in a table cell. */
const MAX_VALUE_CHARS = 80;

function value(v: JsonValue | undefined, text?: string): string {
  if (v === undefined) return text === undefined ? '' : `${inlineCode(text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text)} (computed)`;
  const json = JSON.stringify(v);
  return inlineCode(json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS)}…` : json);
}

/** A table cell: pipes and line breaks would end it. */
function cell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function settingsTable(settings: readonly DiffSetting[]): string[] {
  return ['| setting | type | default | defined in |', '|---|---|---|---|', ...settings.map((s) => `| ${cell(inlineCode(s.name))} | ${cell(escapeMarkdownText(s.type))} | ${cell(value(s.default, s.defaultText))} | ${cell(s.definedIn === undefined ? '' : inlineCode(s.definedIn))} |`)];
}

function count(n: number, one: string, many = one): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The changelog as a Markdown document. */
export function diffMarkdown(diff: SettingsDiff): string {
  const lines: string[] = [`# Settings of ${escapeMarkdownText(diff.ida)}: ${escapeMarkdownText(diff.from)} → ${escapeMarkdownText(diff.to)}`, ''];
  if (isEmptyDiff(diff)) return [...lines, 'No setting changed.', ''].join('\n');
  const summary = [
    count(diff.added.length, 'added'),
    count(diff.removed.length, 'removed'),
    count(diff.renamed.length, 'likely rename', 'likely renames'),
    count(diff.defaultChanged.length, 'default changed', 'defaults changed'),
    count(diff.typeChanged.length, 'type changed', 'types changed'),
    count(diff.deprecated.length, 'newly deprecated'),
    count(diff.featuresToTopLevel.length, '`FEATURES` entry now a setting', '`FEATURES` entries now settings'),
    count(diff.yamlReadStarted.length + diff.yamlReadStopped.length, 'change in what is read from the YAML file', 'changes in what is read from the YAML file'),
  ];
  lines.push(`${summary.join(', ')}.`, '');
  if (diff.added.length > 0) lines.push(`## Added (${diff.added.length})`, '', ...settingsTable(diff.added), '');
  if (diff.removed.length > 0) lines.push(`## Removed (${diff.removed.length})`, '', 'A config file that still sets one of these sets a key the service no longer reads.', '', ...settingsTable(diff.removed), '');
  if (diff.renamed.length > 0) {
    lines.push(`## Likely renamed (${diff.renamed.length})`, '', 'Same module, same default and same documentation under a new name.', '');
    for (const r of diff.renamed) lines.push(`- ${inlineCode(r.from)} → ${inlineCode(r.to)}${r.definedIn === undefined ? '' : ` (${inlineCode(r.definedIn)})`}`);
    lines.push('');
  }
  if (diff.defaultChanged.length > 0) {
    lines.push(`## Default changed (${diff.defaultChanged.length})`, '', '| setting | before | after |', '|---|---|---|');
    for (const c of diff.defaultChanged) lines.push(`| ${cell(inlineCode(c.name))} | ${cell(value(c.before))} | ${cell(value(c.after))} |`);
    lines.push('');
  }
  if (diff.typeChanged.length > 0) {
    lines.push(`## Type changed (${diff.typeChanged.length})`, '', '| setting | before | after |', '|---|---|---|');
    for (const c of diff.typeChanged) lines.push(`| ${cell(inlineCode(c.name))} | ${cell(escapeMarkdownText(c.before))} | ${cell(escapeMarkdownText(c.after))} |`);
    lines.push('');
  }
  if (diff.deprecated.length > 0) {
    lines.push(`## Newly deprecated (${diff.deprecated.length})`, '');
    for (const d of diff.deprecated) {
      const instead = d.replacement === undefined ? '' : `; use ${inlineCode(d.replacement)}`;
      lines.push(`- ${inlineCode(d.name)}${d.reason === undefined ? '' : `: ${escapeMarkdownText(d.reason)}`}${instead}`);
    }
    lines.push('');
  }
  if (diff.featuresToTopLevel.length > 0) {
    lines.push(`## \`FEATURES\` entries now top-level settings (${diff.featuresToTopLevel.length})`, '', 'Set them at the top level of the file.', '');
    for (const name of diff.featuresToTopLevel) lines.push(`- ${inlineCode(name)}`);
    lines.push('');
  }
  if (diff.yamlReadStarted.length + diff.yamlReadStopped.length > 0) {
    lines.push('## Read from the YAML file', '');
    for (const name of diff.yamlReadStarted) lines.push(`- ${inlineCode(name)}: read from the file now (it was overwritten after loading it).`);
    for (const s of diff.yamlReadStopped) lines.push(`- ${inlineCode(s.name)}: overwritten after loading the file now (${inlineCode(s.where)}); a value there has no effect.`);
    lines.push('');
  }
  return lines.join('\n');
}
