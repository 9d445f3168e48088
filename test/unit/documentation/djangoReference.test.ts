/**
 * Django's settings reference as entries: an invented reference in the same format
 * (`test/fixtures/documentation/settings-reference.txt`) read entry by entry with exact Markdown,
 * then hostile and broken input, which must neither throw nor take long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentedSettingNames, parseDjangoSettingsReference, referencedSettingNames, referenceMarkdown, type ReferenceEntry } from '../../../server/src/documentation/djangoReference';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'documentation', 'settings-reference.txt');
const text = fs.readFileSync(FIXTURE, 'utf8');
const options = {
  settingUrl: (name: string): string | undefined => (name.startsWith('GUARD') ? `https://docs.example/settings/#${name}` : undefined),
  docBaseUrl: 'https://docs.djangoproject.com/en/5.2/',
};

/** A hang guard, not a benchmark: each case takes milliseconds. */
const FAST_MS = 2000;

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

const WIDGET_CACHE_DESCRIPTION =
  'A dictionary of caches for widgets, keyed by alias. Read [the cache guide](https://docs.djangoproject.com/en/5.2/topics/widget-cache/) and cache-keys; the `warmcache` command fills it. Example:' +
  '\n\n```\nWIDGET_CACHE = {"default": {"BACKEND": "gadgets.cache.Disk"}}\n```' +
  "\n\n> **Warning**\n>\n> A cache shared between sites leaks one site's widgets into another.";
const WIDGET_CACHE_DEFAULT = '{\n    "default": {\n        "BACKEND": "gadgets.cache.Memory",\n    }\n}';

const EXPECTED: readonly ReferenceEntry[] = [
  {
    name: 'FROBNICATOR_TIMEOUT',
    line: 17,
    defaultText: '30 (seconds)',
    description: 'How long the frobnicator waits, in seconds, before it gives up on a sprocket. See also `SPROCKET_LIMIT` and `the widget cache`.',
    versionNotes: [{ kind: 'added', version: '4.1', text: '' }],
  },
  {
    name: 'SPROCKET_LIMIT',
    line: 30,
    defaultText: 'None',
    description:
      'The largest number of sprockets a single request may spin. Use `SprocketPool` to share them, and call `gadgets.sprockets.spin()` or `SprocketPool.drain()` when done. The `size` attribute, the `gadgets.pool` module, the `gadgets.DEFAULT_POOL` value and `Jammed` tell you more.' +
      '\n\n- Values below zero are refused.\n- `None` means:\n\n  - no limit on spinning;\n  - a warning in the log, once.\n- Anything else is a count.',
    versionNotes: [{ kind: 'changed', version: '5.0', text: 'The limit now counts idle sprockets too.' }],
  },
  { name: 'WIDGET_CACHE', line: 56, defaultText: WIDGET_CACHE_DEFAULT, description: WIDGET_CACHE_DESCRIPTION, versionNotes: [] },
  { name: 'WIDGET_CACHES', line: 58, defaultText: WIDGET_CACHE_DEFAULT, description: WIDGET_CACHE_DESCRIPTION, versionNotes: [] },
  {
    name: 'WIDGET_CACHE-BACKEND',
    line: 81,
    defaultText: "'' (Empty string)",
    description:
      'The backend class. Built-in backends:' +
      '\n\n1. `gadgets.cache.Memory`\n2. `gadgets.cache.Disk`, which needs a writable folder:\n\n   ```\n   /var/cache/gadgets\n   ```' +
      '\n\n**Extra notes**\n\nBackends are loaded lazily.',
    versionNotes: [],
  },
  {
    name: 'PLAIN_RENDERING',
    line: 100,
    defaultText: 'False',
    description:
      'Whether the template tag `gadget` and the filter `spin` render plain text. The `spins_over` lookup is unaffected. The headers follow [RFC 7231](https://datatracker.ietf.org/doc/html/rfc7231) and [the gadget protocol](https://gadgets.example.org/protocol_v2), as does the [Sprocket manual](https://gadgets.example.org/manual/).' +
      '\n\n> **Note**\n>\n> Plain rendering skips *all* styling and **every** icon.',
    versionNotes: [{ kind: 'deprecated', version: '5.2', text: 'Use `FROBNICATOR_TIMEOUT` instead.' }],
  },
  {
    name: 'UNSAFE_MARKUP',
    line: 119,
    defaultText: "'<b>'",
    description:
      'Never put \\`\\`\\`\\` in a value, nor \\!\\[x\\]([http://evil/x.png](http://evil/x.png)), nor \\<img src=x\\>, nor \\[click\\](javascript:alert(1)).' +
      '\n\nA literal ``a`b`` is fine, and so is \\# this.' +
      '\n\n~~~python\nUNSAFE_MARKUP = "```"  # three backticks\n~~~' +
      '\n\n> **Why this matters**\n>\n> Hovers show Markdown; \\# headings must stay text.',
    versionNotes: [],
  },
  {
    name: 'GUARD_KEYS',
    line: 142,
    defaultText: '[] (Empty list)',
    description:
      'A list of keys. Run this to make one:' +
      '\n\n```console\n$ python -m gadgets.keys --new\n```' +
      '\n\nThe body of a directive nobody knows.' +
      '\n\nWritten in a file:\n\n```yaml\nkeys: [a, b]\n```' +
      '\n\n> **See also**\n>\n> [`GUARD_KEYS_FALLBACK`](https://docs.example/settings/#GUARD_KEYS_FALLBACK)',
    versionNotes: [
      { kind: 'added', version: '5.1', text: 'Keys may be rotated.' },
      { kind: 'changed', version: '5.2', text: '' },
    ],
  },
  {
    name: 'GUARD_KEYS_FALLBACK',
    line: 176,
    defaultText: 'Not defined',
    description:
      'Older keys, tried after [`GUARD_KEYS`](https://docs.example/settings/#GUARD_KEYS):' +
      '\n\n1. first the newest;\n2. then the oldest.\n\n   Indented explanation under the second step.',
    versionNotes: [],
  },
];

const parsed = parseDjangoSettingsReference(text, options);

test('the reference gives one entry per target, in file order, without problems', () => {
  assert.deepEqual([...parsed.entries.keys()], EXPECTED.map((e) => e.name));
  assert.deepEqual(parsed.problems, []);
});

for (const expected of EXPECTED) {
  test(`entry ${expected.name}: description, default and version notes`, () => {
    assert.deepEqual(parsed.entries.get(expected.name), expected);
  });
}

test('referencedSettingNames lists the targets in file order, as the parser keys them', () => {
  assert.deepEqual(referencedSettingNames(text), ['FROBNICATOR_TIMEOUT', 'SPROCKET_LIMIT', 'WIDGET_CACHE', 'WIDGET_CACHES', 'WIDGET_CACHE-BACKEND', 'PLAIN_RENDERING', 'UNSAFE_MARKUP', 'GUARD_KEYS', 'GUARD_KEYS_FALLBACK']);
  assert.deepEqual(referencedSettingNames('.. setting:: B\n  .. setting:: NESTED\n.. setting:: A\r\n.. setting:: B\n.. setting::\n'), ['B', 'A']);
});

test('without options, :setting: and :doc: are not linked', () => {
  const plain = parseDjangoSettingsReference(text).entries.get('GUARD_KEYS_FALLBACK');
  assert.equal(plain?.description.split('\n')[0], 'Older keys, tried after `GUARD_KEYS`:');
});

test('an entry ends at a title of its own level or above, and lower titles inside it are bold lines', () => {
  const rst = '.. setting:: A\n\nA\n---\n\nText of A.\n\nInside\n~~~~~~\n\nStill A.\n\nNext section\n------------\n\nNot A.\n';
  assert.deepEqual(parseDjangoSettingsReference(rst).entries.get('A')?.description, 'Text of A.\n\n**Inside**\n\nStill A.');
});

test('a target without a title, a target without a name and a repeated target are problems', () => {
  const rst = '.. setting:: LOST\n\nSome text.\n\nTitle\n=====\n\n.. setting::\n\nNameless\n--------\n\n.. setting:: TWICE\n\nTWICE\n-----\n\nFirst.\n\n.. setting:: TWICE\n\nTWICE\n-----\n\nSecond.\n';
  const { entries, problems } = parseDjangoSettingsReference(rst);
  assert.deepEqual([...entries.keys()], ['LOST', 'TWICE']);
  assert.equal(entries.get('LOST')?.description, 'Some text.');
  assert.equal(entries.get('TWICE')?.description, 'First.');
  assert.deepEqual(problems, [
    { line: 1, message: '`.. setting:: LOST` is not followed by a title.' },
    { line: 8, message: 'A `.. setting::` target without a name.' },
    { line: 20, message: '`TWICE` is documented twice; the first entry is kept.' },
  ]);
});

test('at most 100 problems', () => {
  const rst = Array.from({ length: 300 }, (_, n) => `.. setting:: S${n}\n\nNo title.\n`).join('\n');
  const { entries, problems } = parseDjangoSettingsReference(rst);
  assert.equal(entries.size, 300);
  assert.equal(problems.length, 100);
});

test('empty input: no entries, no problems', () => {
  assert.deepEqual(parseDjangoSettingsReference(''), { entries: new Map(), problems: [] });
  assert.deepEqual(referencedSettingNames(''), []);
});

test('input over 2 MB: no entries and one problem', () => {
  const huge = `.. setting:: BIG\n\nBIG\n---\n\n${'word '.repeat(600_000)}`;
  const { result, ms } = timed(() => parseDjangoSettingsReference(huge));
  assert.deepEqual(result, { entries: new Map(), problems: [{ line: 1, message: 'The settings reference is 2.9 MB; more than 2 MB is not read.' }] });
  assert.deepEqual(referencedSettingNames(huge), []);
  assert.ok(ms < FAST_MS, `${ms} ms`);
});

test('10,000 stacked targets share one entry', () => {
  const rst = `${Array.from({ length: 10_000 }, (_, n) => `.. setting:: ALIAS_${n}\n`).join('\n')}\nALIAS\n-----\n\nDefault: \`\`1\`\`\n\nShared text.\n`;
  const { result, ms } = timed(() => parseDjangoSettingsReference(rst));
  assert.equal(result.entries.size, 10_000);
  assert.deepEqual(result.entries.get('ALIAS_9999'), { name: 'ALIAS_9999', line: 19_999, description: 'Shared text.', defaultText: '1', versionNotes: [] });
  assert.ok(ms < FAST_MS, `${ms} ms`);
});

test('unterminated constructs: never thrown, read as text', () => {
  const rst = '.. setting:: OPEN\n\nOPEN\n----\n\nDefault::\n\nAn ``open literal, *open, :setting:`OPEN and `open_ reference\n\n.. warning::\n\n.. code-block::\n\n* \n\n#. \n\n=====  =====\nnot closed\n';
  const { entries, problems } = parseDjangoSettingsReference(rst);
  assert.deepEqual(problems, []);
  assert.deepEqual(entries.get('OPEN'), {
    name: 'OPEN',
    line: 1,
    description: 'An \\`\\`open literal, \\*open, :setting:\\`OPEN and \\`open\\_ reference\n\n> **Warning**\n\n-\n\n1.\n\n\\=====  ===== not closed',
    versionNotes: [],
  });
});

/** A deterministic generator, so a failure can be repeated. */
function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 2 ** 32;
  };
}

test('binary garbage and markup soup: never thrown, and fast', () => {
  const next = pseudoRandom(7);
  const garbage = Array.from({ length: 300_000 }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
  const pieces = ['``', '`', '*', '**', ':setting:`', ':x:', '_', '\\', ' ', '\n', '.. ', '::', '    ', '* ', '#. ', '<', '>', '=====', '\n\n'];
  const soup = Array.from({ length: 300_000 }, () => pieces[Math.floor(next() * pieces.length)]).join('');
  for (const input of [garbage, soup, `.. setting:: X\n\nX\n-\n\n${soup}`]) {
    const { result, ms } = timed(() => parseDjangoSettingsReference(input));
    assert.ok(result.problems.length <= 100);
    assert.ok(ms < FAST_MS, `${ms} ms`);
  }
});

test('pathological shapes stay fast: one long line of openers, deep indentation, deep lists', () => {
  const inputs = [
    `.. setting:: X\n\nX\n-\n\n${'``a '.repeat(200_000)}`,
    `.. setting:: X\n\nX\n-\n\n${'*a :b:`c '.repeat(100_000)}`,
    // Each under 2 MB, so they are parsed rather than refused.
    Array.from({ length: 1400 }, (_, n) => `${' '.repeat(n)}text ${n}`).join('\n'),
    Array.from({ length: 1000 }, (_, n) => `${'  '.repeat(n)}* item ${n}`).join('\n'),
    Array.from({ length: 700 }, (_, n) => `${'    '.repeat(n)}.. note::`).join('\n'),
    `:doc:\`${'/'.repeat(500_000)}x\``,
  ];
  for (const input of inputs) {
    assert.ok(input.length < 2 * 1024 * 1024);
    const { ms } = timed(() => parseDjangoSettingsReference(input, options));
    assert.ok(ms < FAST_MS, `${ms} ms`);
  }
});

test('referenceMarkdown: the description, then each version note as Django words it; the first paragraph as text', () => {
  const md = referenceMarkdown({
    name: 'X',
    line: 1,
    description: 'First `paragraph`\nwraps.\n\nSecond one.',
    versionNotes: [
      { kind: 'added', version: '4.1', text: '' },
      { kind: 'changed', version: '5.0', text: 'Counts idle ones.' },
      { kind: 'deprecated', version: '5.2', text: 'Use `Y`.' },
    ],
  });
  assert.deepEqual(md, {
    markdown: 'First `paragraph`\nwraps.\n\nSecond one.\n\n*New in Django 4\\.1.*\n\n*Changed in Django 5\\.0.* Counts idle ones.\n\n*Deprecated since Django 5\\.2.* Use `Y`.',
    text: 'First `paragraph` wraps.',
  });
});

test('documentedSettingNames: `.. setting::` targets of the reStructuredText source and `std-setting-` anchors of the HTML build', () => {
  const rst = ['.. setting:: WIDGET_CACHE', '', 'WIDGET_CACHE', '------------', '', 'See :setting:`NOT_A_TARGET`.', '  .. setting:: INDENTED_IS_NOT_ONE', '.. setting:: CACHES-BACKEND', ''].join('\n');
  assert.deepEqual([...documentedSettingNames(rst)], ['WIDGET_CACHE', 'CACHES-BACKEND']);
  const html = '<div class="section" id="std-setting-FROB_TIMEOUT"><a href="#std-setting-ELSEWHERE">x</a><span id="std-setting-DEBUG"></span></div>';
  assert.deepEqual([...documentedSettingNames(html)], ['FROB_TIMEOUT', 'DEBUG']);
});
