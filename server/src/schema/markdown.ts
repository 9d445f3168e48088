/**
 * Renders a setting's documentation as Markdown. The schema builder stores the result as
 * `markdownDescription`; hover and completion call the same function on a property's facts,
 * so a setting reads the same everywhere (also for facts-only schemas, which have no description).
 */
import type { YamlRole } from '../catalog/types';
import { escapeMarkdownText, inlineCode } from '../common/markdown';

/** What the renderer reads: a setting's description, its annotation fields and its YAML roles. */
export interface SettingMarkdownInput {
  /** The main documentation text; absent in facts-only schemas. */
  description?: string;
  /** Annotation fields without their `setting_`/`toggle_` prefix (`warning`, `use_cases`, `creation_date`, …). */
  fields?: Readonly<Record<string, string>>;
  /** Only `deprecated` roles are rendered here. */
  roles?: readonly YamlRole[];
}

/**
 * Renders description, warning, deprecation, use cases, dates and tickets as Markdown paragraphs.
 * Returns `''` when there is nothing to show. RST inline literals (``` ``x`` ```) become Markdown code spans.
 */
export function renderSettingMarkdown(input: SettingMarkdownInput): string {
  const fields = input.fields ?? {};
  const paragraphs: string[] = [];
  const description = clean(input.description);
  if (description) paragraphs.push(description);
  const warning = clean(fields.warning);
  if (warning) paragraphs.push(`**Warning:** ${warning}`);
  for (const role of input.roles ?? []) {
    if (role.kind === 'deprecated') paragraphs.push(renderDeprecation(role.replacement, clean(role.reason)));
  }
  const facts = factLine(fields);
  if (facts) paragraphs.push(facts);
  return paragraphs.join('\n\n');
}

function renderDeprecation(replacement: string | undefined, reason: string): string {
  const parts = ['**Deprecated.**'];
  if (replacement) parts.push(`Use ${inlineCode(replacement)} instead.`);
  if (reason) parts.push(reason);
  return parts.join(' ');
}

/** Use cases, dates and tickets on one line, separated by middle dots. */
function factLine(fields: Readonly<Record<string, string>>): string {
  const items: string[] = [];
  const useCases = splitList(fields.use_cases);
  if (useCases.length > 0) items.push(`*Use cases:* ${useCases.map(escapeMarkdownText).join(', ')}`);
  const created = clean(fields.creation_date);
  if (created) items.push(`*Created:* ${created}`);
  const removal = clean(fields.target_removal_date);
  if (removal) items.push(`*Target removal:* ${removal}`);
  const tickets = splitList(fields.tickets);
  if (tickets.length > 0) items.push(`*Tickets:* ${tickets.map(escapeMarkdownText).join(', ')}`);
  return items.join(' · ');
}

/** Splits a comma- or space-separated token list (`use_cases`, `tickets`). */
function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Trims, drops trailing spaces on each line, and renders the text as Markdown: RST ``literals``
 * become code spans, everything else is escaped (the text comes from settings sources and must not
 * open headings, links, images or HTML in a hover). Line breaks stay soft breaks and blank lines
 * paragraphs, as before.
 */
function clean(text: string | undefined): string {
  if (text === undefined) return '';
  const trimmed = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  const literal = /``([^`\n]+)``/g;
  let out = '';
  let last = 0;
  for (let m = literal.exec(trimmed); m !== null; m = literal.exec(trimmed)) {
    out += escapeMarkdownText(trimmed.slice(last, m.index)) + inlineCode(m[1]);
    last = m.index + m[0].length;
  }
  return out + escapeMarkdownText(trimmed.slice(last));
}
