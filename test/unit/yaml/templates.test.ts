import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTemplateSpans, maskTemplates, unclosedTemplateCloser } from '../../../server/src/yaml/templates';

test('finds closed Jinja expressions, statements and comments', () => {
  const text = 'A: "{{ X }}"\n{% if y %}\nB: {# c #}1\nC: "{{"\n';
  assert.deepEqual(
    findTemplateSpans(text).map((s) => text.slice(s.start, s.end)),
    ['{{ X }}', '{% if y %}', '{# c #}'],
  );
});

test('masks inline templates as `_` and template-only lines as comments, keeping offsets', () => {
  const text = 'PORT: {{ SMTP_PORT }}\n  {{ patch("x")|indent(2) }}\nURL: "{{ "https" if H else "http" }}://{{ HOST }}"\n';
  const masked = maskTemplates(text, findTemplateSpans(text));
  assert.equal(masked.length, text.length);
  const u = (s: string): string => '_'.repeat(s.length);
  assert.equal(masked, `PORT: ${u('{{ SMTP_PORT }}')}\n  #${' '.repeat('{{ patch("x")|indent(2) }}'.length - 1)}\nURL: "${u('{{ "https" if H else "http" }}')}://${u('{{ HOST }}')}"\n`);
});

test('a template opener without its closer is reported for multi-line statements', () => {
  assert.equal(unclosedTemplateCloser('{% if a'), '%}');
  assert.equal(unclosedTemplateCloser('{{ a }} and {# b'), '#}');
  assert.equal(unclosedTemplateCloser('{{ a }}'), undefined);
});
