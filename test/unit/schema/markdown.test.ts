import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSettingMarkdown } from '../../../server/src/schema/markdown';

test('renders description, warning, deprecation and one line of facts', () => {
  const md = renderSettingMarkdown({
    description: '  Invented text with ``a literal``.  \nSecond line.  ',
    fields: { warning: 'Invented caution.', use_cases: 'temporary opt_in', creation_date: '2021-05-06', target_removal_date: '2022-01-01', tickets: 'https://example.org/1, https://example.org/2', implementation: 'DjangoSetting' },
    roles: [{ kind: 'deprecated', reason: '', replacement: 'NEWER' }, { kind: 'overwritten', line: 3, file: 'x.py' }],
  });
  assert.equal(
    md,
    'Invented text with `a literal`.\nSecond line.\n\n' +
      '**Warning:** Invented caution.\n\n' +
      '**Deprecated.** Use `NEWER` instead.\n\n' +
      '*Use cases:* temporary, opt\\_in · *Created:* 2021-05-06 · *Target removal:* 2022-01-01 · *Tickets:* https://example.org/1, https://example.org/2',
  );
});

test('facts only (no description) still renders the facts', () => {
  assert.equal(renderSettingMarkdown({ fields: { use_cases: 'open_edx' } }), '*Use cases:* open\\_edx');
});

test('nothing to say gives an empty string', () => {
  assert.equal(renderSettingMarkdown({}), '');
  assert.equal(renderSettingMarkdown({ description: '   ', fields: { use_cases: ' ' }, roles: [] }), '');
});
