import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema } from '../../../server/src/schema/build';
import type { SettingType } from '../../../server/src/catalog/types';
import type { PropertySchema } from '../../../server/src/schema/format';
import { catalog, doc, json, setting } from './fixtures';

const COMPUTED: SettingType = { kind: 'computed', types: [], nullable: false, from: 'none' };
const origin = (line: number) => ({ file: 'demo/settings/defaults.py', line, column: 0 });

/** The one property of a one-setting live build. */
function live(...settings: Parameters<typeof catalog>[0]): Record<string, PropertySchema> {
  return buildSchema(catalog(settings), { factsOnly: false }).properties;
}

test('a literal setting: type, default and facts', () => {
  assert.deepStrictEqual(live(setting('PAGE_SIZE', 4, { type: json(['integer']), default: 30, defaultText: '30' })), {
    PAGE_SIZE: {
      type: 'integer',
      default: 30,
      'x-openedx': { origin: origin(4), typeKind: 'json', typeFrom: 'literal', defaultText: '30' },
    },
  });
});

test('nullable types get "null" appended; a float default is "number"', () => {
  const props = live(
    setting('HOST', 1, { type: json(['string'], true, 'hint'), default: null, defaultText: 'None' }),
    setting('RATIO', 2, { type: json(['integer']), default: 2, defaultText: '2.0' }),
    setting('SCALE', 3, { type: json(['integer']), default: 0.25, defaultText: '0.25' }),
    setting('BOTH', 4, { type: json(['number', 'integer', 'string']), default: 'x', defaultText: "'x'" }),
  );
  assert.deepStrictEqual(props.HOST.type, ['string', 'null']);
  assert.deepStrictEqual(props.HOST.default, null);
  assert.equal(props.RATIO.type, 'number');
  assert.equal(props.SCALE.type, 'number');
  assert.deepStrictEqual(props.BOTH.type, ['string', 'number']);
});

test('computed and unknown settings have no type', () => {
  assert.deepStrictEqual(
    live(
      setting('LOGIN_URL', 5, { type: COMPUTED, defaultText: "f'{ROOT_URL}/login'", computedFrom: ['ROOT_URL', 'ROOT_URL', 'BASE'] }),
      setting('MYSTERY', 6, { default: null, defaultText: 'None' }),
    ),
    {
      LOGIN_URL: {
        'x-openedx': { origin: origin(5), typeKind: 'computed', typeFrom: 'none', defaultText: "f'{ROOT_URL}/login'", computedFrom: ['BASE', 'ROOT_URL'] },
      },
      MYSTERY: {
        default: null,
        'x-openedx': { origin: origin(6), typeKind: 'unknown', typeFrom: 'none', defaultText: 'None' },
      },
    },
  );
});

test('a documented setting: description, markdown and the whole documentation in live schemas', () => {
  const fields = { default: 'False', use_cases: 'open_edx, temporary', creation_date: '2024-02-03', target_removal_date: '2026-01-01', warning: 'Invented caution.' };
  const props = live(setting('ENABLE_GIZMO', 9, { type: json(['boolean']), default: false, defaultText: 'False', doc: doc('Turns on the invented gizmo.', fields, 3, 'toggle') }));
  assert.deepStrictEqual(props.ENABLE_GIZMO, {
    type: 'boolean',
    default: false,
    description: 'Turns on the invented gizmo.',
    markdownDescription:
      'Turns on the invented gizmo.\n\n**Warning:** Invented caution.\n\n*Use cases:* open\\_edx, temporary · *Created:* 2024-02-03 · *Target removal:* 2026-01-01',
    'x-openedx': {
      origin: origin(9),
      typeKind: 'json',
      typeFrom: 'literal',
      defaultText: 'False',
      doc: {
        source: 'annotation',
        annotationKind: 'toggle',
        line: 3,
        description: 'Turns on the invented gizmo.',
        fields: { creation_date: '2024-02-03', default: 'False', target_removal_date: '2026-01-01', use_cases: 'open_edx, temporary', warning: 'Invented caution.' },
      },
    },
  });
});

test('facts-only strips prose: no description, no warning, long or multi-line text dropped', () => {
  const long = 'x'.repeat(81);
  const s = setting('ENABLE_GIZMO', 9, {
    type: json(['boolean']),
    default: false,
    defaultText: `False if ${long} else True`,
    doc: doc('Turns on the invented gizmo.', { default: 'False', implementation: 'DjangoSetting', use_cases: 'open_edx', creation_date: '2024-02-03', warning: 'Invented caution.', tickets: 'https://example.org/t/1', name: 'settings.ENABLE_GIZMO', description_extra: 'more' }, 3, 'toggle'),
    roles: [
      { kind: 'deprecated', reason: 'An invented reason that goes on and on and on.\nIt has a second line.', replacement: 'GIZMO_MODE' },
      { kind: 'yaml-only', line: 40, file: 'demo/settings/__init__.py', note: 'short note' },
    ],
    required: { source: 'required-module', reason: `Declared in required.py ${long}` },
  });
  const schema = buildSchema(catalog([s]), { factsOnly: true });
  assert.deepStrictEqual(schema.properties.ENABLE_GIZMO, {
    type: 'boolean',
    default: false,
    deprecated: true,
    'x-openedx': {
      origin: origin(9),
      typeKind: 'json',
      typeFrom: 'literal',
      roles: [
        { kind: 'deprecated', reason: '', replacement: 'GIZMO_MODE' },
        { kind: 'yaml-only', line: 40, file: 'demo/settings/__init__.py', note: 'short note' },
      ],
      doc: {
        source: 'annotation',
        annotationKind: 'toggle',
        line: 3,
        fields: { creation_date: '2024-02-03', default: 'False', implementation: 'DjangoSetting', tickets: 'https://example.org/t/1', use_cases: 'open_edx' },
      },
      required: { source: 'required-module', reason: '' },
    },
  });
  assert.deepStrictEqual(schema.required, ['ENABLE_GIZMO']);
  assert.equal(schema['x-openedx-schema'].factsOnly, true);
  assert.ok(!JSON.stringify(schema).includes('Turns on'));
  assert.ok(!JSON.stringify(schema).includes('caution'));
});

test('facts-only keeps a short one-line defaultText and overlay reasons', () => {
  const s = setting('SECRET_KEY', 2, { type: json(['string']), default: 'dev key', defaultText: "'dev key'", required: { source: 'overlay', reason: 'Signs sessions; a shared default is unsafe.' } });
  const props = buildSchema(catalog([s]), { factsOnly: true }).properties;
  assert.deepStrictEqual(props.SECRET_KEY['x-openedx'], {
    origin: origin(2),
    typeKind: 'json',
    typeFrom: 'literal',
    defaultText: "'dev key'",
    required: { source: 'overlay', reason: 'Signs sessions; a shared default is unsafe.' },
  });
});

test('deprecated role: deprecated flag and a deprecation paragraph', () => {
  const props = live(setting('OLD_MODE', 7, { type: COMPUTED, roles: [{ kind: 'deprecated', reason: 'Invented retirement note.', replacement: 'NEW_MODE' }] }));
  assert.deepStrictEqual(props.OLD_MODE, {
    markdownDescription: '**Deprecated.** Use `NEW_MODE` instead. Invented retirement note.',
    deprecated: true,
    'x-openedx': { origin: origin(7), typeKind: 'computed', typeFrom: 'none', roles: [{ kind: 'deprecated', reason: 'Invented retirement note.', replacement: 'NEW_MODE' }] },
  });
});

test('dict default with UPPERCASE keys: nested properties at every depth, integers kept', () => {
  const props = live(
    setting('GIZMO_AUTH', 3, {
      type: json(['object']),
      default: { GIZMO_TTL: 30, GIZMO_ISSUER: 'demo', GIZMO_FLAGS: ['a'], GIZMO_EXTRA: null, GIZMO_INNER: { DEPTH: 2, ON: true } },
      defaultText: "{'GIZMO_TTL': 30, ...}",
    }),
  );
  assert.deepStrictEqual(props.GIZMO_AUTH.properties, {
    GIZMO_EXTRA: {},
    GIZMO_FLAGS: { type: 'array' },
    GIZMO_INNER: { type: 'object', properties: { DEPTH: { type: 'integer' }, ON: { type: 'boolean' } } },
    GIZMO_ISSUER: { type: 'string' },
    GIZMO_TTL: { type: 'integer' },
  });
  assert.equal(props.GIZMO_AUTH['x-openedx']?.freeFormKeys, undefined);
});

test('integral numbers in a dict default are "number" when the source text may hide a float', () => {
  const props = live(
    setting('A', 1, { type: json(['object']), default: { N: 1 }, defaultText: "{'N': 1.0}" }),
    setting('B', 2, { type: json(['object']), default: { N: 1 }, defaultText: "{'N': 1, 'M': 2, …" }),
    setting('C', 3, { type: json(['object']), default: { N: 1 } }),
    setting('D', 4, { type: json(['object']), default: { N: 1 }, defaultText: "{'N': 1}" }),
  );
  assert.deepStrictEqual(
    ['A', 'B', 'C', 'D'].map((k) => props[k].properties?.N),
    [{ type: 'number' }, { type: 'number' }, { type: 'number' }, { type: 'integer' }],
  );
});

test('free-form dicts: lowercase keys, known names, empty dicts; only the first level is described', () => {
  const props = live(
    setting('PIPELINES', 1, { type: json(['object']), default: { default: { BACKEND: 'x', OPTIONS: { a: 1 } }, TIMEOUT: 3 }, defaultText: '{…}' }),
    setting('CACHES', 2, { type: json(['object']), default: { DEFAULT: { BACKEND: 'x' } }, defaultText: "{'DEFAULT': {'BACKEND': 'x'}}" }),
    setting('EXTRA', 3, { type: json(['object']), default: {}, defaultText: '{}' }),
    setting('HINTED', 4, { type: json(['object'], true, 'hint') }),
    setting('FLAT', 5, { type: json(['object']), default: { ONE: 1 }, defaultText: "{'ONE': 1}" }),
  );
  assert.deepStrictEqual(props.PIPELINES.properties, { TIMEOUT: { type: 'number' }, default: { type: 'object' } });
  assert.deepStrictEqual(props.CACHES.properties, { DEFAULT: { type: 'object' } });
  assert.equal(props.EXTRA.properties, undefined);
  assert.deepStrictEqual(
    ['PIPELINES', 'CACHES', 'EXTRA', 'HINTED', 'FLAT'].map((k) => props[k]['x-openedx']?.freeFormKeys),
    [true, true, true, true, undefined],
  );
});

test('a dict default is not described when the type does not allow an object', () => {
  const props = live(setting('QUEUES', 1, { type: json(['array'], false, 'yaml-usage'), default: { 'q.one': {} }, defaultText: "{'q.one': {}}" }));
  assert.deepStrictEqual(props.QUEUES, {
    type: 'array',
    default: { 'q.one': {} },
    'x-openedx': { origin: origin(1), typeKind: 'json', typeFrom: 'yaml-usage', defaultText: "{'q.one': {}}" },
  });
});

test('nested documented keys go under their parent, merged with what the default tells', () => {
  const props = live(
    setting('BLOCKS', 10, { type: json(['object']), default: { DELAY: 30, RETRIES: 3 }, defaultText: "{'DELAY': 30, 'RETRIES': 3}" }),
    setting('BLOCKS', 11, { path: ['BLOCKS', 'DELAY'], type: json(['integer']), default: 30, doc: doc('Invented delay text.', {}, 8) }),
    setting('BLOCKS', 12, { path: ['BLOCKS', 'PRUNING', 'ACTIVE'], type: json(['boolean']), default: false, doc: doc('Invented pruning text.', {}, 9) }),
  );
  assert.deepStrictEqual(props.BLOCKS, {
    type: 'object',
    default: { DELAY: 30, RETRIES: 3 },
    properties: {
      DELAY: {
        type: 'integer',
        default: 30,
        description: 'Invented delay text.',
        markdownDescription: 'Invented delay text.',
        'x-openedx': { origin: origin(11), typeKind: 'json', typeFrom: 'literal', doc: { source: 'annotation', annotationKind: 'setting', line: 8, description: 'Invented delay text.', fields: {} } },
      },
      PRUNING: {
        type: 'object',
        properties: {
          ACTIVE: {
            type: 'boolean',
            default: false,
            description: 'Invented pruning text.',
            markdownDescription: 'Invented pruning text.',
            'x-openedx': { origin: origin(12), typeKind: 'json', typeFrom: 'literal', doc: { source: 'annotation', annotationKind: 'setting', line: 9, description: 'Invented pruning text.', fields: {} } },
          },
        },
      },
      RETRIES: { type: 'integer' },
    },
    'x-openedx': { origin: origin(10), typeKind: 'json', typeFrom: 'literal', defaultText: "{'DELAY': 30, 'RETRIES': 3}" },
  });
});

test('documented keys under a computed parent make it an object; under a missing parent, a free-form one', () => {
  const props = buildSchema(
    catalog([
      setting('PRODUCER', 1, { type: { kind: 'computed', types: [], nullable: true, from: 'none' } }),
      setting('PRODUCER', 2, { path: ['PRODUCER', 'org.demo.event', 'enabled'], type: json(['boolean']), default: true }),
      setting('ELSEWHERE', 3, { path: ['ELSEWHERE', 'KEY'], type: json(['string']), default: 'v' }),
    ]),
    { factsOnly: true },
  ).properties;
  assert.deepStrictEqual(props.PRODUCER, {
    type: ['object', 'null'],
    properties: {
      'org.demo.event': {
        type: 'object',
        properties: { enabled: { type: 'boolean', default: true, 'x-openedx': { origin: origin(2), typeKind: 'json', typeFrom: 'literal' } } },
      },
    },
    'x-openedx': { origin: origin(1), typeKind: 'computed', typeFrom: 'none', freeFormKeys: true },
  });
  assert.deepStrictEqual(props.ELSEWHERE, {
    type: ['object', 'null'],
    properties: { KEY: { type: 'string', default: 'v', 'x-openedx': { origin: origin(3), typeKind: 'json', typeFrom: 'literal' } } },
    'x-openedx': { origin: origin(3), typeKind: 'unknown', typeFrom: 'none', freeFormKeys: true },
  });
});

test('a documented key below a None inside a dict default: that level accepts null', () => {
  const props = live(
    setting('OUTER', 1, { type: json(['object']), default: { INNER: null }, defaultText: "{'INNER': None}" }),
    setting('OUTER', 2, { path: ['OUTER', 'INNER', 'LEAF'], type: json(['string']), default: 'x' }),
  );
  assert.deepStrictEqual(props.OUTER.properties?.INNER.type, ['object', 'null']);
});

test('a documented key widens a parent typed otherwise to accept an object', () => {
  const props = live(
    setting('MODE', 1, { type: json(['string']), default: 'a', defaultText: "'a'" }),
    setting('MODE', 2, { path: ['MODE', 'SUB'], type: json(['string']), default: 'b' }),
  );
  assert.deepStrictEqual(props.MODE.type, ['string', 'object']);
  assert.deepStrictEqual(Object.keys(props.MODE.properties ?? {}), ['SUB']);
});

test('required: top-level names sorted in "required"; a nested required key in its parent\'s "required"', () => {
  const reason = { source: 'overlay', reason: 'Invented reason.' } as const;
  const schema = buildSchema(
    catalog([
      setting('ZETA', 1, { type: json(['string']), default: '', required: reason }),
      setting('ALPHA', 2, { type: json(['string']), default: '', required: reason }),
      setting('BETA', 3, { type: json(['object']), default: { KEY: 'x' }, defaultText: "{'KEY': 'x'}" }),
      setting('BETA', 4, { path: ['BETA', 'KEY'], type: json(['string']), default: 'x', required: reason }),
    ]),
    { factsOnly: true },
  );
  assert.deepStrictEqual(schema.required, ['ALPHA', 'ZETA']);
  assert.deepStrictEqual(schema.properties.BETA.required, ['KEY']);
  assert.equal(schema['x-openedx-schema'].counts.required, 3);
});

test('schema facts: counts, live source root, shipped source, bases, problems, generator', () => {
  const c = catalog(
    [
      setting('A', 1, { type: json(['string']), default: 'a', doc: doc('Invented.', {}, 1) }),
      setting('B', 2, { type: COMPUTED }),
      setting('C', 3),
      setting('A', 4, { path: ['A', 'K'], type: json(['string']) }),
      setting('EMAIL_PORT', 5, { type: json(['integer']), default: 25, origin: { file: 'django/conf/global_settings.py', line: 5, column: 0, layer: 'django' } }),
    ],
    {
      problems: [{ code: 'annotation-unattached', message: 'An invented problem.', file: 'demo/settings/defaults.py', line: 9, column: 2 }],
      bases: [{ ida: 'django', layout: 'django', root: '/src/django', files: ['django/conf/global_settings.py'] }],
    },
  );
  const liveFacts = buildSchema(c, { factsOnly: false })['x-openedx-schema'];
  assert.deepStrictEqual(liveFacts, {
    formatVersion: 2,
    ida: 'demo',
    layout: 'oep45',
    source: {
      root: '/src/demo',
      files: ['demo/settings/__init__.py', 'demo/settings/defaults.py'],
      bases: [{ ida: 'django', root: '/src/django', files: ['django/conf/global_settings.py'] }],
    },
    factsOnly: false,
    yaml: { envVar: 'DEMO_CFG', module: 'demo/settings/__init__.py', line: 12 },
    generator: 'openedx-config',
    counts: { settings: 5, documented: 1, typed: 3, computed: 1, required: 0, problems: 1 },
    problems: [{ code: 'annotation-unattached', message: 'An invented problem.', file: 'demo/settings/defaults.py', line: 9, column: 2 }],
  });
  const shipped = buildSchema(c, { factsOnly: true, source: { repo: 'example/demo', commit: 'abc123', date: '2026-01-02' }, generator: 'openedx-config 0.1.0' });
  assert.deepStrictEqual(shipped['x-openedx-schema'].source, {
    repo: 'example/demo',
    commit: 'abc123',
    date: '2026-01-02',
    files: ['demo/settings/__init__.py', 'demo/settings/defaults.py'],
    bases: [{ ida: 'django', files: ['django/conf/global_settings.py'] }],
  });
  assert.equal(shipped['x-openedx-schema'].generator, 'openedx-config 0.1.0');
  assert.deepStrictEqual(shipped.properties.EMAIL_PORT['x-openedx']?.origin, { file: 'django/conf/global_settings.py', line: 5, column: 0, layer: 'django' });
});

test('document header: draft-07, $id, additionalProperties true, keys in a stable order', () => {
  const schema = buildSchema(catalog([]), { factsOnly: true });
  assert.deepStrictEqual(Object.keys(schema), ['$schema', '$id', 'title', 'x-openedx-schema', 'type', 'additionalProperties', 'required', 'properties']);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'openedx-config:demo');
  assert.equal(schema.additionalProperties, true);
  assert.deepStrictEqual(schema.properties, {});
});

test('deterministic: the order of catalog settings and of their fields does not change the output text', () => {
  const settings = [
    setting('B', 2, { type: json(['object']), default: { Y: 1, X: 2 }, defaultText: "{'Y': 1, 'X': 2}", doc: doc('Invented B.', { use_cases: 'open_edx', creation_date: '2020-01-01' }, 1) }),
    setting('A', 1, { type: json(['string']), default: 'a', required: { source: 'overlay', reason: 'Invented.' } }),
    setting('B', 3, { path: ['B', 'Z'], type: json(['boolean']), default: true }),
    setting('C', 4, { type: COMPUTED, computedFrom: ['B', 'A'] }),
  ];
  const reversed = [...settings].reverse().map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s);
  const one = JSON.stringify(buildSchema(catalog(settings), { factsOnly: false }), null, 2);
  const two = JSON.stringify(buildSchema(catalog(reversed), { factsOnly: false }), null, 2);
  assert.equal(one, two);
  const props = JSON.parse(one).properties;
  assert.deepStrictEqual(Object.keys(props), ['A', 'B', 'C']);
  assert.deepStrictEqual(Object.keys(props.B), ['type', 'default', 'description', 'markdownDescription', 'properties', 'x-openedx']);
  assert.deepStrictEqual(Object.keys(props.B.properties), ['X', 'Y', 'Z']);
  assert.deepStrictEqual(Object.keys(props.A['x-openedx']), ['origin', 'typeKind', 'typeFrom', 'required']);
});

test('a later definition of the same path replaces an earlier one', () => {
  const props = live(setting('A', 1, { type: json(['string']), default: 'a' }), setting('A', 9, { type: json(['integer']), default: 1 }));
  assert.equal(props.A.type, 'integer');
  assert.equal(props.A['x-openedx']?.origin.line, 9);
});

test('dict keys such as __proto__ are ordinary properties', () => {
  const dflt = JSON.parse('{"__proto__": {"A": 1}, "constructor": "x"}');
  const props = live(setting('ODD', 1, { type: json(['object']), default: dflt, defaultText: '{…}' }));
  assert.deepStrictEqual(Object.keys(props.ODD.properties ?? {}), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(props.ODD.properties), Object.prototype);
});
