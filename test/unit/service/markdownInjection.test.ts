/**
 * Settings sources (Python files in a workspace or a user's checkout) write the defaults,
 * documentation, annotation fields and file names that hovers and completion documentation show.
 * Whatever they hold, the Markdown must render it as text: no heading, image, link, list or HTML
 * of theirs, and the one link the extension builds ("Defined in …") keeps its target.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';
import { renderSettingMarkdown } from '../../../server/src/schema/markdown';
import { createLanguageService } from '../../../server/src/service';
import { parseFromScratch } from '../../../server/src/yaml';
import { caretPosition } from '../../helpers/caret';
import { prop, schemaOf } from '../../helpers/schema';

/**
 * A real CommonMark renderer (markdown-it, installed with @vscode/vsce), with raw HTML on and every
 * link target allowed (markdown-it drops `javascript:` and `file:` links by default; VS Code does
 * not drop `file:`): if any hostile construct survived as markup, it shows up as an HTML element.
 */
interface MarkdownRenderer {
  render(source: string): string;
  validateLink: (url: string) => boolean;
}
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: { html: boolean }) => MarkdownRenderer;
const commonMark = new MarkdownIt({ html: true });
commonMark.validateLink = () => true;

const FENCE_BREAKER = '```\n# Heading\n![x](https://evil.example/x.png)\n```';
const HOSTILE_TEXTS = [
  FENCE_BREAKER,
  'Docs <img src=https://evil.example/i.png> and <a href="https://evil.example">here</a> <script>alert(1)</script>',
  '[click](javascript:alert(1)) and ![remote](https://evil.example/r.png)',
  '# Heading\n\n- list\n1. ordered\n> quote\n\n---\n===\n<https://evil.example/autolink>',
  '````` five ` one `` two ``` three\n````\n~~~\nend with a backtick`',
];

/** A setting whose every source-written field holds `text`. */
function hostileProp(text: string, live: boolean): PropertySchema {
  const doc = { source: 'annotation' as const, line: 1, description: text, fields: { warning: text, use_cases: text, creation_date: text, target_removal_date: text, tickets: text } };
  const roles = [
    { kind: 'yaml-only' as const, note: text, file: `${text}.py`, line: 3 },
    { kind: 'renamed' as const, target: text, file: 'x.py', line: 4 },
    { kind: 'deprecated' as const, replacement: text, reason: text, file: 'x.py', line: 5 },
  ];
  const p = prop('string', {
    default: text,
    facts: { origin: { file: `evil ${text} ).py`, line: 7, column: 0 }, doc, roles, defaultText: text, computedFrom: [text], required: { source: 'overlay', reason: text } },
  });
  // A live schema's builder stores the rendered documentation; a facts-only one leaves it to the hover.
  if (live) p.markdownDescription = renderSettingMarkdown({ description: text, fields: doc.fields, roles });
  return p;
}

function hostileSchema(live: boolean): IdaSchema {
  const properties: Record<string, PropertySchema> = {};
  HOSTILE_TEXTS.forEach((text, i) => {
    properties[`EVIL_${i}`] = hostileProp(text, live);
  });
  properties.EVIL_NOTHING = prop('object', { default: { [FENCE_BREAKER]: FENCE_BREAKER } });
  return schemaOf(properties, live ? { root: '/srv/evil (checkout)' } : {});
}

const service = createLanguageService();

function hoverMarkdown(yaml: string, schema: IdaSchema): string {
  const { text, position } = caretPosition(yaml);
  const h = service.hover(parseFromScratch(text), position, schema);
  assert.ok(h !== null && typeof h.contents === 'object' && 'kind' in h.contents && h.contents.kind === 'markdown');
  return h.contents.value;
}

function completionMarkdown(label: string, schema: IdaSchema): string {
  const { text, position } = caretPosition('|');
  const item = service.complete(parseFromScratch(text), position, schema).items.find((i) => i.label === label);
  assert.ok(item !== undefined, label);
  const doc = service.resolveCompletion(item, schema).documentation;
  assert.ok(typeof doc === 'object' && doc.kind === 'markdown');
  return doc.value;
}

/** Asserts that `markdown` renders no element a settings source could have asked for. */
function assertNoInjectedMarkup(markdown: string, live: boolean): void {
  const html = commonMark.render(markdown);
  for (const forbidden of [/<img/i, /<script/i, /<h[1-6]/i, /<ol/i, /<blockquote/i, /<hr/i, /(href|src)="javascript/i, /href="https:/i, /src="/i]) {
    assert.doesNotMatch(html, forbidden, `${forbidden} in\n${html}`);
  }
  // The only list is the extension's own list of what the service does with the key.
  for (const item of html.match(/<li>.*/g) ?? []) assert.match(item, /^<li>(Read from the YAML file only: |Stored as the setting <code>)/, html);
  // The only link is the extension's own, to the definition file.
  const links = html.match(/<a /g) ?? [];
  assert.equal(links.length, live ? 1 : 0, html);
  if (live) assert.match(html, /<a href="file:\/\/\/srv\/evil%20%28checkout%29\/[^"<>\s]*\.py#L\d+">[^<]*\.py:\d+<\/a><\/p>\n$/);
}

test('a default that closes the hover\'s code block cannot inject a heading or a remote image', () => {
  const markdown = hoverMarkdown('EVIL_0|: x\n', hostileSchema(false));
  assert.ok(markdown.includes('**Default:**\n\n~~~yaml\nEVIL_0: |-\n  ```\n  # Heading\n  ![x](https://evil.example/x.png)\n  ```\n~~~'), markdown);
  assert.ok(markdown.startsWith('**`EVIL_0`** · `string` · required · deprecated\n\n\\`\\`\\`\n\\# Heading\n\\!\\[x\\](https://evil.example/x.png)\n\\`\\`\\`'), markdown);
  assertNoInjectedMarkup(markdown, false);
});

test('hostile documentation, fields, roles, defaults and file names: no markup survives in hovers (facts-only and live schemas)', () => {
  for (const live of [false, true]) {
    const schema = hostileSchema(live);
    for (const name of Object.keys(schema.properties)) {
      assertNoInjectedMarkup(hoverMarkdown(`${name}|: x\n`, schema), live);
    }
  }
});

test('hostile documentation, fields, roles, defaults and file names: no markup survives in completion documentation', () => {
  for (const live of [false, true]) {
    const schema = hostileSchema(live);
    for (const name of Object.keys(schema.properties)) {
      assertNoInjectedMarkup(completionMarkdown(name, schema), live);
    }
  }
});

test('a file name with a parenthesis and spaces stays inside the "Defined in" link', () => {
  const schema = schemaOf({ A: prop('string', { facts: { origin: { file: 'a b)[x](https://evil.example).py', line: 2, column: 0 } } }) }, { root: '/srv/demo' });
  const markdown = hoverMarkdown('A|: x\n', schema);
  assert.equal(markdown.split('\n\n').pop(), 'Defined in [a b)\\[x\\](https://evil.example).py:2](file:///srv/demo/a%20b%29%5Bx%5D%28https:/evil.example%29.py#L2)');
  assert.match(commonMark.render(markdown), /<a href="file:\/\/\/srv\/demo\/a%20b%29%5Bx%5D%28https:\/evil\.example%29\.py#L2">a b\)\[x\]\(https:\/\/evil\.example\)\.py:2<\/a>/);
});

test('an unknown key holding backticks and a line break stays one code span in its hover', () => {
  const schema = schemaOf({ PORT: prop('integer') });
  const markdown = hoverMarkdown('"a`b\\n# c|": 1\n', schema);
  assert.equal(markdown, '``a`b # c`` is not defined by demo settings; only a plugin could read it.');
});

test('an unknown key\'s hover escapes the IDA name a schema file declares', () => {
  const schema = schemaOf({ PORT: prop('integer') }, { ida: '![x](https://evil.example/x.png)' });
  const markdown = hoverMarkdown('OTHER|: 1\n', schema);
  assert.equal(markdown, '`OTHER` is not defined by \\!\\[x\\](https://evil.example/x.png) settings; only a plugin could read it.');
  assertNoInjectedMarkup(markdown, false);
});
