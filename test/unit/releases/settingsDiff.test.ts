/**
 * The settings changelog between two schemas of one IDA (`releases/settingsDiff.ts`) and its
 * Markdown (`releases/diffReport.ts`), on schemas of our own that make every kind of change once;
 * and `openedx-config diff` on two copies of the demo IDA, one edited as a release would.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffMarkdown } from '../../../server/src/releases/diffReport';
import { diffSettings, typeLabel } from '../../../server/src/releases/settingsDiff';
import { prop, schemaOf } from '../../helpers/schema';
import { runCli } from '../../helpers/cli';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-diff-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const at = (file: string, line: number): { origin: { file: string; line: number; column: number } } => ({ origin: { file, line, column: 0 } });
const COMMON = 'lms/envs/common.py';

const BEFORE = schemaOf(
  {
    KEPT: prop('string', { default: 'a', facts: at(COMMON, 1) }),
    RETRIES: prop('integer', { default: 3, facts: at(COMMON, 2) }),
    TIMEOUT: prop('integer', { default: 30, facts: at(COMMON, 3) }),
    OLD_NAME: prop('string', { default: 'x.example.com', description: 'Host of the x service.', facts: at(COMMON, 4) }),
    GONE: prop('boolean', { default: false, facts: at(COMMON, 5) }),
    LEGACY: prop('string', { default: 'l', facts: at(COMMON, 6) }),
    FEATURES: prop('object', { default: { ENABLE_THING: false, ENABLE_OTHER: true }, facts: at(COMMON, 7) }),
    TIME_ZONE: prop('string', { default: 'UTC', facts: { ...at(COMMON, 8), roles: [{ kind: 'overwritten', file: 'lms/envs/production.py', line: 40 }] } }),
    SITE_NAME: prop('string', { default: 'localhost', facts: at(COMMON, 9) }),
    // Django's own setting, laid under the IDA's: not the IDA's to report.
    EMAIL_HOST: prop('string', { default: 'localhost', facts: { origin: { file: 'django/conf/global_settings.py', line: 1, column: 0, layer: 'django' } } }),
  },
  { ida: 'lms' },
);

const AFTER = schemaOf(
  {
    KEPT: prop('string', { default: 'a', facts: at(COMMON, 1) }),
    RETRIES: prop('integer', { default: 5, facts: at(COMMON, 2) }),
    TIMEOUT: prop('number', { default: 30.5, facts: at(COMMON, 3) }),
    NEW_NAME: prop('string', { default: 'x.example.com', description: 'Host of the x service.', facts: at(COMMON, 4) }),
    ADDED: prop(['string', 'null'], { default: null, facts: at(COMMON, 10) }),
    LEGACY: prop('string', { default: 'l', deprecated: true, facts: { ...at(COMMON, 6), roles: [{ kind: 'deprecated', replacement: 'KEPT', reason: 'Superseded in 2026' }] } }),
    FEATURES: prop('object', { default: { ENABLE_OTHER: true }, facts: at(COMMON, 7) }),
    ENABLE_THING: prop('boolean', { default: false, facts: at(COMMON, 11) }),
    TIME_ZONE: prop('string', { default: 'UTC', facts: at(COMMON, 8) }),
    SITE_NAME: prop('string', { default: 'localhost', facts: { ...at(COMMON, 9), roles: [{ kind: 'overwritten', file: 'lms/envs/production.py', line: 52 }] } }),
  },
  { ida: 'lms' },
);

test('diffSettings: every kind of change, each reported once and in name order', () => {
  const diff = diffSettings(BEFORE, AFTER, { from: 'teak.3', to: 'ulmo.1' });
  assert.deepEqual(diff, {
    ida: 'lms',
    from: 'teak.3',
    to: 'ulmo.1',
    added: [{ name: 'ADDED', type: 'string | null', default: null, definedIn: 'lms/envs/common.py:10' }],
    removed: [{ name: 'GONE', type: 'boolean', default: false, definedIn: 'lms/envs/common.py:5' }],
    renamed: [{ from: 'OLD_NAME', to: 'NEW_NAME', definedIn: 'lms/envs/common.py:4' }],
    defaultChanged: [
      { name: 'FEATURES', before: { ENABLE_THING: false, ENABLE_OTHER: true }, after: { ENABLE_OTHER: true } },
      { name: 'RETRIES', before: 3, after: 5 },
      { name: 'TIMEOUT', before: 30, after: 30.5 },
    ],
    typeChanged: [{ name: 'TIMEOUT', before: 'integer', after: 'number' }],
    deprecated: [{ name: 'LEGACY', reason: 'Superseded in 2026', replacement: 'KEPT' }],
    featuresToTopLevel: ['ENABLE_THING'],
    yamlReadStarted: ['TIME_ZONE'],
    yamlReadStopped: [{ name: 'SITE_NAME', where: 'lms/envs/production.py:52' }],
  });
  // The other way round: what was added is removed, the rename goes back; ENABLE_THING is no
  // entry of that side's FEATURES, so it is plainly removed.
  const back = diffSettings(AFTER, BEFORE, { from: 'ulmo.1', to: 'teak.3' });
  assert.deepEqual([back.added.map((s) => s.name), back.removed.map((s) => s.name), back.renamed], [['GONE'], ['ADDED', 'ENABLE_THING'], [{ from: 'NEW_NAME', to: 'OLD_NAME', definedIn: 'lms/envs/common.py:4' }]]);
});

test('diffSettings: two undocumented settings sharing a default as common as false are no rename', () => {
  const diff = diffSettings(
    schemaOf({ OLD_FLAG: prop('boolean', { default: false, facts: at(COMMON, 1) }) }, { ida: 'lms' }),
    schemaOf({ NEW_FLAG: prop('boolean', { default: false, facts: at(COMMON, 1) }) }, { ida: 'lms' }),
    { from: 'a', to: 'b' },
  );
  assert.deepEqual([diff.renamed, diff.added.map((s) => s.name), diff.removed.map((s) => s.name)], [[], ['NEW_FLAG'], ['OLD_FLAG']]);
});

test('diffSettings: a setting that moved module, or changed its documentation, is removed and added, not renamed', () => {
  const moved = schemaOf({ NEW_NAME: prop('string', { default: 'x.example.com', description: 'Host of the x service.', facts: at('lms/envs/other.py', 4) }) }, { ida: 'lms' });
  const reworded = schemaOf({ NEW_NAME: prop('string', { default: 'x.example.com', description: 'Where x runs.', facts: at(COMMON, 4) }) }, { ida: 'lms' });
  const old = schemaOf({ OLD_NAME: BEFORE.properties.OLD_NAME }, { ida: 'lms' });
  for (const after of [moved, reworded]) {
    const diff = diffSettings(old, after, { from: 'a', to: 'b' });
    assert.deepEqual([diff.renamed, diff.added.map((s) => s.name), diff.removed.map((s) => s.name)], [[], ['NEW_NAME'], ['OLD_NAME']]);
  }
});

test('typeLabel: JSON types sorted, null last; computed and unknown by name', () => {
  assert.equal(typeLabel(prop(['null', 'string', 'integer'])), 'integer | string | null');
  assert.equal(typeLabel(prop(undefined, { facts: { typeKind: 'computed' } })), 'computed');
  assert.equal(typeLabel(prop(undefined)), 'unknown');
});

test('diffMarkdown: a summary, then a section per kind of change; no change says so', () => {
  const small = diffSettings(
    schemaOf({ A: prop('integer', { default: 1, facts: at(COMMON, 1) }), B: prop('string', { default: 'x|y', facts: at(COMMON, 2) }) }, { ida: 'lms' }),
    schemaOf({ A: prop('integer', { default: 2, facts: at(COMMON, 1) }), C: prop('string', { default: 'c', facts: at(COMMON, 3) }) }, { ida: 'lms' }),
    { from: 'teak.3', to: 'ulmo.1' },
  );
  assert.equal(
    diffMarkdown(small),
    [
      '# Settings of lms: teak.3 → ulmo.1',
      '',
      '1 added, 1 removed, 0 likely renames, 1 default changed, 0 types changed, 0 newly deprecated, 0 `FEATURES` entries now settings, 0 changes in what is read from the YAML file.',
      '',
      '## Added (1)',
      '',
      '| setting | type | default | defined in |',
      '|---|---|---|---|',
      '| `C` | string | `"c"` | `lms/envs/common.py:3` |',
      '',
      '## Removed (1)',
      '',
      'A config file that still sets one of these sets a key the service no longer reads.',
      '',
      '| setting | type | default | defined in |',
      '|---|---|---|---|',
      '| `B` | string | `"x\\|y"` | `lms/envs/common.py:2` |',
      '',
      '## Default changed (1)',
      '',
      '| setting | before | after |',
      '|---|---|---|',
      '| `A` | `1` | `2` |',
      '',
    ].join('\n'),
  );
  assert.equal(diffMarkdown(diffSettings(BEFORE, BEFORE, { from: 'a', to: 'a' })), '# Settings of lms: a → a\n\nNo setting changed.\n');
});

test('openedx-config diff on two checkouts of the demo IDA: a release that renames, removes, adds and retypes settings', async () => {
  const before = path.join(tmp, 'before');
  const after = path.join(tmp, 'after');
  fs.cpSync(path.join(REPO, 'examples', 'demo-ida'), before, { recursive: true });
  fs.cpSync(path.join(REPO, 'examples', 'demo-ida'), after, { recursive: true });
  const defaults = path.join(after, 'demo', 'settings', 'defaults.py');
  let text = fs.readFileSync(defaults, 'utf8');
  text = text.replace("SERVICE_NAME = 'demo'", "SERVICE_SLUG = 'demo'").replace("TIME_ZONE = 'UTC'", "TIME_ZONE = 'Europe/Paris'").replace('MAX_UPLOAD_BYTES = 100_000', 'MAX_UPLOAD_BYTES = 100_000.0');
  text += '\n#: Seconds a report stays cached.\nREPORT_CACHE_SECONDS = 600\n';
  fs.writeFileSync(defaults, text);
  const r = await runCli('diff', '--format', 'json', before, after);
  assert.equal(r.code, 0, r.stderr);
  const diff = JSON.parse(r.stdout) as { ida: string; added: { name: string }[]; removed: { name: string }[]; renamed: { from: string; to: string }[]; defaultChanged: { name: string }[]; typeChanged: { name: string; before: string; after: string }[] };
  assert.deepEqual(
    [diff.ida, diff.added.map((s) => s.name), diff.removed.map((s) => s.name), diff.renamed.map((x) => `${x.from}→${x.to}`), diff.defaultChanged.map((c) => c.name), diff.typeChanged],
    // 100_000 and 100_000.0 are the same JSON number: only the type changed.
    ['demo', ['REPORT_CACHE_SECONDS'], [], ['SERVICE_NAME→SERVICE_SLUG'], ['TIME_ZONE'], [{ name: 'MAX_UPLOAD_BYTES', before: 'integer', after: 'number' }]],
  );
  // Usage errors: one side only, a side that is not there, `shipped` without --ida.
  assert.equal((await runCli('diff', before)).code, 2);
  const missing = await runCli('diff', before, path.join(tmp, 'nowhere'));
  assert.deepEqual([missing.code, missing.stderr], [2, `openedx-config: cannot read ${path.join(tmp, 'nowhere')}: ENOENT\n`]);
  const shipped = await runCli('diff', 'shipped', after);
  assert.deepEqual([shipped.code, shipped.stderr], [2, 'openedx-config: `shipped` needs --ida\n']);
});
