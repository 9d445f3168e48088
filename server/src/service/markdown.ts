/**
 * The Markdown of a setting, shown the same way in hover and completion details: name, type,
 * default as YAML, required and why, documentation (via the schema package's
 * `renderSettingMarkdown`, which the schema builder also uses), what the service does with the
 * key, and where it is defined (a link when the schema is live). Every name, value and text from
 * a schema or a settings source goes through `common/markdown`, so it renders literally.
 */
import type { SettingReader, YamlRole } from '../catalog/types';
import { clipMarkdown, codeBlock, escapeMarkdownText, inlineCode, markdownLink } from '../common/markdown';
import type { IdaSchema, PropertySchema } from '../schema/format';
import { renderSettingMarkdown } from '../schema/markdown';
import { LIBRARIES } from '../schema/librariesLayer';
import { originOf, overwriteSite, readerSite, type OriginSite } from './origin';
import { keyValueYaml } from './yamlText';
import { formatCondition } from './conditions';

/** What the header of a setting's documentation says about the key written in the file. */
export interface MarkdownContext {
  /** Set for a `FEATURES` entry: the documentation is that of this top-level setting. */
  readonly viaFeatures?: string;
  /** Why the key is required, when it is. */
  readonly requiredReason?: string;
}

/** The full Markdown documentation of property `name` (dotted for nested keys). */
export function renderPropertyMarkdown(name: string, prop: PropertySchema, schema: IdaSchema, context: MarkdownContext = {}): string {
  const facts = prop['x-openedx'];
  const parts: string[] = [];
  const header = [`**${inlineCode(name)}**`, inlineCode(typeText(prop))];
  const reason = context.requiredReason ?? facts?.required?.reason;
  if (reason !== undefined) header.push('required');
  if (prop.deprecated === true || facts?.roles?.some((r) => r.kind === 'deprecated')) header.push('deprecated');
  parts.push(header.join(' · '));
  if (context.viaFeatures !== undefined) {
    parts.push(`${inlineCode(`FEATURES: ${context.viaFeatures}`)} sets the top-level setting ${inlineCode(context.viaFeatures)}; writing it inside \`FEATURES\` is deprecated.`);
  }
  const docs = prop.markdownDescription ?? renderSettingMarkdown({ description: prop.description ?? facts?.doc?.description, fields: facts?.doc?.fields, roles: facts?.roles });
  const site = originOf(prop, schema);
  if (docs !== '') {
    const { text, clipped } = clipMarkdown(docs, MAX_DOC_MARKDOWN);
    parts.push(text);
    const full = facts?.reference ?? site?.webUrl ?? (site?.uri !== undefined ? `${site.uri}#L${site.line + 1}` : undefined);
    if (clipped) parts.push(full !== undefined ? `*${markdownLink('The rest of the documentation', full)}*` : '*…the rest is left out.*');
  }
  const defaultText = defaultMarkdown(name, prop);
  if (defaultText !== undefined) parts.push(defaultText);
  if (reason !== undefined) parts.push(`**Required:** ${escapeMarkdownText(reason)}`);
  const roles = (facts?.roles ?? []).map(roleText).filter((t): t is string => t !== undefined);
  if (roles.length > 0) parts.push(roles.map((r) => `- ${r}`).join('\n'));
  if (facts?.reference !== undefined && /^https:\/\//.test(facts.reference)) parts.push(`Reference: ${markdownLink(`Django settings: ${name}`, facts.reference)}`);
  // A plugin app's setting is defined where the plugin sets it: that reader is the "Defined in" below.
  const others = facts?.readers?.filter((r) => facts.origin.layer !== undefined || r.file !== facts.origin.file || r.line !== facts.origin.line);
  const readers = readersMarkdown(others, schema);
  if (readers !== undefined) parts.push(readers);
  // A key only libraries read is defined nowhere: its readers say where it comes from.
  if (site !== undefined && facts?.origin.layer !== LIBRARIES) parts.push(definedIn(site, schema, facts?.origin.layer));
  return parts.join('\n\n');
}

/**
 * Who outside the settings modules reads or sets the key: `Read by celery 5.2.6 (celery/app/defaults.py:51)`,
 * one line per place, each a link when the file is on this machine or pinned upstream.
 */
function readersMarkdown(readers: readonly SettingReader[] | undefined, schema: IdaSchema): string | undefined {
  if (readers === undefined || readers.length === 0) return undefined;
  const lines = readers.map((reader) => {
    const site = readerSite(reader, schema);
    const where = site.url !== undefined ? markdownLink(site.label, site.url) : inlineCode(site.label);
    const who = `${reader.package}${reader.version !== undefined ? ` ${reader.version}` : ''}`;
    const name = site.home !== undefined ? markdownLink(who, site.home) : escapeMarkdownText(who);
    return `${READER_VERB[reader.how]} ${name} (${where})`;
  });
  return lines.length === 1 ? lines[0] : lines.map((l) => `- ${l}`).join('\n');
}

/** How each kind of reader is said. */
const READER_VERB: Readonly<Record<SettingReader['how'], string>> = {
  getattr: 'Read by',
  attribute: 'Read by',
  defaults: 'Default from',
  plugin: 'Set by the plugin app of',
  overwrite: 'Set after the file is loaded by the plugin app of',
};

/** `integer`, `string | null`, `computed`, `unknown`, … */
export function typeText(prop: PropertySchema): string {
  const kind = prop['x-openedx']?.typeKind;
  if (kind === 'computed') return 'computed';
  if (prop.type === undefined) return kind === 'unknown' ? 'unknown type' : 'any';
  const words: Record<string, string> = { object: 'mapping', array: 'list' };
  const types = Array.isArray(prop.type) ? prop.type : [prop.type];
  return types.map((t) => words[t] ?? t).join(' | ');
}

/** First line (sentence) of a setting's documentation, for completion lists. */
export function firstDocLine(prop: PropertySchema): string | undefined {
  const text = prop.description ?? prop['x-openedx']?.doc?.description;
  if (text === undefined) return undefined;
  const line = text.trim().split('\n')[0].trim();
  const sentence = /^(.*?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}

function defaultMarkdown(name: string, prop: PropertySchema): string | undefined {
  const facts = prop['x-openedx'];
  const shownName = name.split('.').pop() ?? name;
  if (prop.default !== undefined) return `**Default:**\n\n${codeBlock(clipped(keyValueYaml(shownName.replace(/\[\]$/, ''), prop.default)), 'yaml')}`;
  const parts: string[] = [];
  if (facts?.defaultText !== undefined) parts.push(`**Default (Python):** ${inlineCode(facts.defaultText)}`);
  if (facts?.computedFrom !== undefined && facts.computedFrom.length > 0) parts.push(`computed from ${facts.computedFrom.map(inlineCode).join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Longest documentation shown in a hover, in characters (Django's longest reference entries run to some 8,000): past it, a link to the rest. */
const MAX_DOC_MARKDOWN = 3_000;

/** Longest default shown, in characters (the longest shipped one has about 1,300): a 4 MB literal must not become a 4 MB hover. */
const MAX_DEFAULT_YAML = 4_000;

/** `yaml`, cut after {@link MAX_DEFAULT_YAML} characters (at a line end when there is one) with a note saying how much is left out. */
function clipped(yaml: string): string {
  if (yaml.length <= MAX_DEFAULT_YAML) return yaml;
  const lineEnd = yaml.lastIndexOf('\n', MAX_DEFAULT_YAML);
  const cut = lineEnd > 0 ? lineEnd : MAX_DEFAULT_YAML;
  return `${yaml.slice(0, cut)}${lineEnd > 0 ? '' : '…'}\n# … ${yaml.length - cut} more characters`;
}

/** What the service does with the key, in a sentence; `deprecated` is left to the documentation. */
function roleText(role: YamlRole): string | undefined {
  switch (role.kind) {
    case 'merged':
      return role.depth === 'shallow'
        ? `Merged into the default with \`.update()\`: a partial mapping is fine (${where(role)}).`
        : `Merged into the default ${role.depth === 'deep' ? 'at every depth' : 'one level down'} (${where(role)}).`;
    case 'appended':
      return `Appended to ${inlineCode(role.target)} (${where(role)}).`;
    case 'renamed':
      return `Stored as the setting ${inlineCode(role.target)} (${where(role)}).`;
    case 'yaml-only':
      return `Read from the YAML file only${role.note === undefined ? '' : `: ${escapeMarkdownText(role.note)}`} (${where(role)}).`;
    case 'overwritten':
      return `**Overwritten after the file is loaded** (${escapeMarkdownText(overwriteSite(role))}): a value here has no effect.`;
    case 'conditional':
      return `Read only when ${inlineCode(formatCondition(role.condition))} (${where(role)}).`;
    case 'spread':
      return `Each key of this mapping becomes a top-level setting (${where(role)}).`;
    case 'deprecated':
      return undefined;
  }
}

/** `file:line` of a role, escaped (a source file's name is the source's to choose). */
function where(role: { readonly file: string; readonly line: number }): string {
  return escapeMarkdownText(`${role.file}:${role.line}`);
}

/** "Defined in" a local file (live), an upstream permalink (shipped), or a path with its revision. */
function definedIn(site: OriginSite, schema: IdaSchema, layer: string | undefined): string {
  if (site.uri !== undefined) return `Defined in ${markdownLink(site.label, `${site.uri}#L${site.line + 1}`)}`;
  if (site.webUrl !== undefined) return `Defined in ${markdownLink(site.label, site.webUrl)} (${escapeMarkdownText(site.revision ?? '')})`;
  return `Defined in ${inlineCode(site.label)}${revision(schema, layer)}`;
}

/** Where a shipped schema's sources came from: the repository and commit, or the base layer's name. */
function revision(schema: IdaSchema, layer: string | undefined): string {
  if (layer !== undefined) return ` (${escapeMarkdownText(layer)})`;
  const source = schema['x-openedx-schema']?.source;
  if (source?.repo === undefined) return '';
  return ` (${escapeMarkdownText(`${source.repo}${source.commit === undefined ? '' : `@${source.commit.slice(0, 7)}`}`)})`;
}
