import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { parseFromScratch } from '../../../server/src/yaml';
import { caretPosition } from '../../helpers/caret';
import { demoSchema } from '../../helpers/demoSchema';
import { rangeText } from '../../helpers/diagnostics';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IdaSchema } from '../../../server/src/schema/format';
import { renderPropertyMarkdown } from '../../../server/src/service/markdown';
import { githubBlobUrl } from '../../../server/src/service/origin';

const REPO_ROOT_FOR_LINKS = path.resolve(__dirname, '..', '..', '..', '..');

const service = createLanguageService();

function hover(marked: string, root?: string): Hover | null {
  const { text, position } = caretPosition(marked);
  return service.hover(parseFromScratch(text), position, demoSchema(root));
}

function markdown(h: Hover | null): string {
  assert.ok(h !== null && typeof h.contents === 'object' && 'kind' in h.contents);
  return h.contents.value;
}

test('hover on a top-level key: name, type, required and why, docs, default as YAML, origin', () => {
  const h = hover('SECR|ET_KEY: x\n');
  assert.equal(rangeText(h?.range ?? { start: { line: 9, character: 9 }, end: { line: 9, character: 9 } }), '0:0-0:10');
  assert.equal(
    markdown(h),
    [
      '**`SECRET_KEY`** · `string` · required',
      'Secret used to sign sessions.\nKeep it secret.',
      '**Default:**\n\n```yaml\nSECRET_KEY: dev key\n```',
      '**Required:** Django refuses to start without it.',
      'Defined in `demo/settings/base.py:12`',
    ].join('\n\n'),
  );
});

test('hover shows roles and dates; on a live schema the origin is a file link', () => {
  const text = markdown(hover('TIME_ZONE|: x\n', '/srv/demo'));
  assert.match(text, /\*\*Overwritten after the file is loaded\*\* \(demo\/settings\/production\.py:80\): a value here has no effect\./);
  assert.match(text, /Defined in \[demo\/settings\/base\.py:12\]\(file:\/\/\/srv\/demo\/demo\/settings\/base\.py#L12\)/);
  const toggle = markdown(hover('ENABLE_OLD_THING|: true\n'));
  assert.match(toggle, /\*Use cases:\* temporary · \*Target removal:\* 2021-01-01/);
});

test('hover on a nested key and on a value', () => {
  assert.match(markdown(hover('YOUTUBE:\n  TIME|OUT: 3\n')), /^\*\*`YOUTUBE\.TIMEOUT`\*\* · `integer`/);
  assert.match(markdown(hover('PORT: 80|80\n')), /^\*\*`PORT`\*\* · `integer`/);
  assert.match(markdown(hover('HOSTS:\n- lo|calhost\n')), /^\*\*`HOSTS`\*\* · `list`/);
});

test('hover on a FEATURES entry shows the top-level setting it maps to', () => {
  const text = markdown(hover('FEATURES:\n  DEB|UG: true\n'));
  assert.match(text, /^\*\*`DEBUG`\*\* · `boolean`/);
  assert.match(text, /`FEATURES: DEBUG` sets the top-level setting `DEBUG`; writing it inside `FEATURES` is deprecated\./);
});

test('hover on computed and unknown types says so', () => {
  assert.match(markdown(hover('COMP|UTED: 1\n')), /^\*\*`COMPUTED`\*\* · `computed`[\s\S]*\*\*Default \(Python\):\*\* `Derived\(lambda s: s\.PORT \+ 1\)`, computed from `PORT`/);
  assert.match(markdown(hover('LMS_ROOT_URL|: x\n')), /^\*\*`LMS_ROOT_URL`\*\* · `unknown type` · required/);
});

test('hover on an unknown key words it as the unknown-key diagnostic does', () => {
  assert.equal(markdown(hover('PRO|T: 1\n')), 'Unknown setting `PROT`: did you mean `PORT`?');
  assert.equal(markdown(hover('MY_PLUG|IN: 1\n')), '`MY_PLUGIN` is not defined by demo settings; only a plugin could read it.');
  // The file sets PORT already, so PORX is no typo of it (the diagnostic drops the suggestion too).
  assert.equal(markdown(hover('PORT: 1\nPOR|X: 2\n')), '`PORX` is not defined by demo settings; only a plugin could read it.');
});

test('no hover on comments, blank lines or without a schema', () => {
  assert.equal(hover('# PO|RT\nPORT: 1\n'), null);
  assert.equal(service.hover(parseFromScratch('PORT: 1\n'), { line: 0, character: 1 }, undefined), null);
});

test('a shipped schema: "Defined in" links to the file upstream at the commit it was read at, for the IDA\'s own files and Django\'s', () => {
  const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT_FOR_LINKS, 'schemas', 'lms.json'), 'utf8')) as IdaSchema;
  const last = (name: string): string | undefined => renderPropertyMarkdown(name, shipped.properties[name], shipped).split('\n\n').pop();
  assert.equal(
    last('PLATFORM_NAME'),
    'Defined in [openedx/envs/common.py:982](https://github.com/openedx/openedx-platform/blob/0012533516d08010c876256ef79c33ca166783c5/openedx/envs/common.py#L982) (openedx/openedx-platform@0012533)',
  );
  const emailHost = renderPropertyMarkdown('EMAIL_HOST', shipped.properties.EMAIL_HOST, shipped).split('\n\n');
  assert.equal(emailHost.at(-2), 'Reference: [Django settings: EMAIL\\_HOST](https://docs.djangoproject.com/en/dev/ref/settings/#std-setting-EMAIL_HOST)');
  assert.equal(
    last('EMAIL_HOST'),
    'Defined in [django/conf/global\\_settings.py:197](https://github.com/django/django/blob/8a67d71e7e7ba94699197eb96938346f721da93c/django/conf/global_settings.py#L197) (django/django@8a67d71)',
  );
});

test('githubBlobUrl: each path segment percent-encoded', () => {
  assert.equal(githubBlobUrl({ repo: 'o/r', commit: 'c0ffee', path: 'a b/#x?.py' }), 'https://github.com/o/r/blob/c0ffee/a%20b/%23x%3F.py');
});

test('a documentation longer than a hover shows: cut at a paragraph, with a link to the rest', () => {
  const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT_FOR_LINKS, 'schemas', 'lms.json'), 'utf8')) as IdaSchema;
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of a long reference entry, written out at some length to fill the hover.`);
  const prop = { ...shipped.properties.EMAIL_HOST, markdownDescription: paragraphs.join('\n\n') };
  const parts = renderPropertyMarkdown('EMAIL_HOST', prop, shipped).split('\n\n');
  const shown = parts.filter((p) => p.startsWith('Paragraph '));
  assert.ok(shown.length > 10 && shown.length < 40, `${shown.length} paragraphs shown`);
  assert.equal(shown.join('\n\n').length <= 3000, true);
  assert.equal(parts[1 + shown.length], '*[The rest of the documentation](https://docs.djangoproject.com/en/dev/ref/settings/#std-setting-EMAIL_HOST)*');
});
