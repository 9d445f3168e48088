import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { createLanguageService, type ValidationSettings } from '../../../server/src/service';
import type { IdaSchema } from '../../../server/src/schema/format';
import { parseFromScratch } from '../../../server/src/yaml';
import { demoSchema } from '../../helpers/demoSchema';
import { brief } from '../../helpers/diagnostics';

const schema = demoSchema();
const REQUIRED = 'SECRET_KEY: s3cr3t\nLMS_ROOT_URL: https://lms.test\n';
const service = createLanguageService({ now: () => new Date('2025-06-01T12:00:00Z') });

function check(text: string, options: { settings?: ValidationSettings; uri?: string; schema?: IdaSchema | null } = {}): Array<[string, string, string, string]> {
  const model = parseFromScratch(text, { uri: options.uri ?? 'file:///srv/demo.yml' });
  const s = options.schema === null ? undefined : (options.schema ?? schema);
  return service.validate(model, s, options.settings).map(brief);
}

/** Checks a text that sets the required keys on its first two lines. */
function checkBody(body: string, options: { settings?: ValidationSettings; uri?: string } = {}): Array<[string, string, string, string]> {
  return check(REQUIRED + body, options);
}

test('a valid file has no diagnostics', () => {
  assert.deepEqual(checkBody('PORT: 8080\nDEBUG: yes\nNAME: null\nRATIO: 1\nHOSTS: [a, b]\nLEVEL: debug\n'), []);
});

test('yaml-syntax: an unclosed quote, with the range on the line', () => {
  assert.deepEqual(checkBody('PORT: "80\n'), [['yaml-syntax', '2:8-2:9', 'error', 'Missing closing "quote.']]);
});

test('duplicate-key: later occurrences of a top-level key', () => {
  assert.deepEqual(checkBody('PORT: 1\nPORT: 2\n'), [['duplicate-key', '3:0-3:4', 'error', 'Duplicate key `PORT` (first set on line 3): PyYAML keeps only this last value.']]);
});

test('missing-required: one diagnostic on the first line naming every missing key', () => {
  assert.deepEqual(check('# demo\nPORT: 1\n'), [['missing-required', '0:0-0:6', 'error', 'Missing required settings: `SECRET_KEY`, `LMS_ROOT_URL`.']]);
  assert.deepEqual(check('SECRET_KEY: x\n'), [['missing-required', '0:0-0:13', 'error', 'Missing required setting: `LMS_ROOT_URL`.']]);
});

test('missing-required: not reported in a template that includes other files', () => {
  assert.deepEqual(check('PORT: 1\n{% include "auth.yml" %}\n'), []);
});

test('missing-required: a nested key required when its dict is given', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  TIMEOUT: 3\n'), [['missing-required', '2:0-2:7', 'error', '`YOUTUBE` is missing the required key `API`.']]);
});

test('type-mismatch: on the value node, saying what was expected and found', () => {
  assert.deepEqual(checkBody('PORT: ten\n'), [['type-mismatch', '2:6-2:9', 'error', 'Expected integer, found string "ten".']]);
  assert.deepEqual(checkBody('HOSTS: localhost\n'), [['type-mismatch', '2:7-2:16', 'error', 'Expected list, found string "localhost".']]);
  assert.deepEqual(checkBody('DEBUG:\n  a: 1\n'), [['type-mismatch', '3:2-4:0', 'error', 'Expected boolean, found a mapping.']]);
});

test('type-mismatch: nested values and list items are reported where they are', () => {
  // YOUTUBE.TIMEOUT's type is known from the default's literal only: a warning, not an error.
  assert.deepEqual(checkBody('YOUTUBE:\n  API: x\n  TIMEOUT: soon\n'), [['type-mismatch', '4:11-4:15', 'warning', 'Expected integer, found string "soon".']]);
  assert.deepEqual(checkBody('HOSTS:\n- a\n- 3\n'), [['type-mismatch', '4:2-4:3', 'warning', 'Expected string, found integer 3 (PyYAML reads `3` as an integer; quote it for a string).']]);
});

test('type-mismatch: a list where a nested default has one string (Mongo hosts in DOC_STORE_CONFIG.host) is information', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  API: [a.example, b.example]\n'), [
    ['type-mismatch', '3:7-3:29', 'information', 'Expected string, found a list: the default is a string, and the code may accept a list too.'],
  ]);
  // The top-level setting's type comes from its default's literal too: evidence, so a warning.
  assert.deepEqual(checkBody('YOUTUBE: 5\n').filter((d) => d[0] === 'type-mismatch'), [['type-mismatch', '2:9-2:10', 'warning', 'Expected mapping, found integer 5.']]);
});

test('type-mismatch evidence: a declared type (hint) is a contract, an error; a type seen in a default literal only is a warning, information for a list or mapping where the default is a scalar', () => {
  assert.deepEqual(checkBody('PORT: ten\n'), [['type-mismatch', '2:6-2:9', 'error', 'Expected integer, found string "ten".']]);
  assert.deepEqual(checkBody('WORKERS: ten\n'), [['type-mismatch', '2:9-2:12', 'warning', 'Expected integer, found string "ten".']]);
  assert.deepEqual(checkBody('WORKERS: [1, 2]\n'), [
    ['type-mismatch', '2:9-2:15', 'information', 'Expected integer, found a list: the default is an integer, and the code may accept a list too.'],
  ]);
  // null where the default is an empty string: both read as unset (BEAMER_PRODUCT_ID: null in a real lms.yml).
  assert.deepEqual(checkBody('BANNER_ID: null\n'), [
    ['type-mismatch', '2:11-2:15', 'information', 'Expected string, found null: the default is an empty string, and code that tests the value reads null as unset too.'],
  ]);
  // A value Python reads as the declared type's neighbour stays lenient (an empty value for "unset").
  assert.deepEqual(checkBody('PORT: ""\n'), [['type-mismatch', '2:6-2:8', 'warning', 'Expected integer, found string "".']]);
});

test('type-mismatch: null where nullable, int for float, computed and unknown types are accepted', () => {
  assert.deepEqual(checkBody('NAME: ~\nRATIO: 2\nCOMPUTED: [1, 2]\nLMS_ROOT_URL: 5\n').filter((d) => d[0] !== 'duplicate-key'), []);
});

test('type-mismatch: YAML 1.1 readings (on, 0777) are named and the fix is offered', () => {
  const model = parseFromScratch(REQUIRED + 'NAME: on\nDEBUG: "true"\nPORT: "80"\n', { uri: 'file:///srv/demo.yml' });
  const diagnostics = service.validate(model, schema);
  assert.deepEqual(diagnostics.map(brief), [
    ['type-mismatch', '2:6-2:8', 'warning', 'Expected string or null, found boolean true (written `on`) (PyYAML reads `on` as a boolean; quote it for a string).'],
    ['type-mismatch', '3:7-3:13', 'error', 'Expected boolean, found string "true".'],
    ['type-mismatch', '4:6-4:10', 'error', 'Expected integer, found string "80".'],
  ]);
  assert.deepEqual(
    diagnostics.map((d) => (d.data as { fix?: unknown }).fix),
    [
      { title: 'Quote as the string "on"', newText: "'on'" },
      { title: 'Convert to boolean true', newText: 'true' },
      { title: 'Convert to integer 80', newText: '80' },
    ],
  );
});

test('type-mismatch: null and empty values where a value is expected are warnings', () => {
  assert.deepEqual(checkBody('PORT: null\nJWT_AUTH: ""\n'), [
    ['type-mismatch', '2:6-2:10', 'warning', 'Expected integer, found null.'],
    ['type-mismatch', '3:10-3:12', 'warning', 'Expected mapping, found string "".'],
  ]);
});

test('type-mismatch: an enumeration', () => {
  assert.deepEqual(checkBody('LEVEL: loud\n'), [['type-mismatch', '2:7-2:11', 'error', 'Expected one of `"debug"`, `"info"`, `"warning"`, found string "loud".']]);
});

test('type-mismatch: through an alias, reported on the alias; a merge key is followed', () => {
  assert.deepEqual(checkBody('X_BASE: &p ten\nPORT: *p\n').filter((d) => d[0] === 'type-mismatch'), [['type-mismatch', '3:6-3:8', 'error', 'Expected integer, found string "ten".']]);
  assert.deepEqual(checkBody('YT: &y {API: a}\nYOUTUBE:\n  <<: *y\n  TIMEOUT: 3\n').filter((d) => d[0] !== 'unknown-key'), []);
});

test('type-mismatch: template expressions are never flagged', () => {
  assert.deepEqual(checkBody('PORT: {{ SMTP_PORT }}\nDEBUG: {{ "true" if X else "false" }}\nNAME: "{{ "a" if B else "b" }}"\n'), []);
});

test('unknown-key: a warning with "did you mean" near a known key, else information', () => {
  assert.deepEqual(checkBody('PROT: 1\nMY_PLUGIN_SETTING: 2\n'), [
    ['unknown-key', '2:0-2:4', 'warning', 'Unknown setting `PROT`: did you mean `PORT`?'],
    ['unknown-key', '3:0-3:17', 'information', '`MY_PLUGIN_SETTING` is not defined by demo settings; only a plugin could read it.'],
  ]);
});

test('unknown-key: one per unknown subtree, nested only where the schema knows the keys', () => {
  assert.deepEqual(checkBody('OTHER:\n  deep:\n    deeper: 1\nYOUTUBE:\n  API: x\n  APII: y\n  EXTRA:\n    a: 1\nCACHES:\n  anything: {}\nJWT_AUTH:\n  JWT_X: 1\n'), [
    ['unknown-key', '2:0-2:5', 'information', '`OTHER` is not defined by demo settings; only a plugin could read it.'],
    // `API` is set beside it: both are meant, so no suggestion.
    ['unknown-key', '7:2-7:6', 'information', '`APII` is not a known key of `YOUTUBE` in demo settings.'],
    ['unknown-key', '8:2-8:7', 'information', '`EXTRA` is not a known key of `YOUTUBE` in demo settings.'],
  ]);
});

test('unknown-key: keys inside list items are checked against the items schema', () => {
  assert.deepEqual(checkBody('AUTH_PASSWORD_VALIDATORS:\n- NAME: a\n  OPTIONS: {x: 1}\n- NAMES: b\n'), [
    // A nested key: information with a hint, never a warning (a library may read keys no default lists).
    ['unknown-key', '5:2-5:7', 'information', 'Unknown key `NAMES` in `AUTH_PASSWORD_VALIDATORS[]`: did you mean `NAME`?'],
  ]);
});

test('unknown-key: an unknown key in a mapping close to a known one (as a library\'s JWT_AUTH.JWT_ISSUERS beside JWT_ISSUER) is information, its suggestion a hint', () => {
  const found = checkBody('YOUTUBE:\n  APIX: y\n').filter((f) => f[0] === 'unknown-key');
  assert.deepEqual(found, [['unknown-key', '3:2-3:6', 'information', 'Unknown key `APIX` in `YOUTUBE`: did you mean `API`?']]);
});

test('unknown-key: no suggestion of a key the file already sets', () => {
  assert.deepEqual(checkBody('PORT: 1\nPORX: 2\n'), [['unknown-key', '3:0-3:4', 'information', '`PORX` is not defined by demo settings; only a plugin could read it.']]);
});

test('unknown-key: the allowlist silences names, dotted paths and patterns', () => {
  const settings = { allowedUnknownKeys: ['PROT', 'MY_PLUGIN_*', 'YOUTUBE.EXTRA'] };
  assert.deepEqual(checkBody('PROT: 1\nMY_PLUGIN_A: 2\nYOUTUBE:\n  API: a\n  EXTRA: 1\n', { settings }), []);
});

test('overwritten-key: a key the service overwrites after loading', () => {
  assert.deepEqual(checkBody('TIME_ZONE: Europe/Paris\n'), [
    ['overwritten-key', '2:0-2:9', 'warning', '`TIME_ZONE` has no effect: demo overwrites it after loading this file (demo/settings/production.py:80).'],
  ]);
});

test('conditional-key: only when this file turns the condition off', () => {
  const expected = [
    'conditional-key',
    '3:0-3:21',
    'warning',
    '`CORS_ORIGIN_WHITELIST` has no effect: it is read only when `ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE`, and this file sets `ENABLE_CORS_HEADERS` to a false value.',
  ];
  assert.deepEqual(checkBody('ENABLE_CORS_HEADERS: false\nCORS_ORIGIN_WHITELIST: [a]\n'), [expected]);
  assert.deepEqual(checkBody('ENABLE_CORS_HEADERS: true\nCORS_ORIGIN_WHITELIST: [a]\n'), []);
  assert.deepEqual(checkBody('CORS_ORIGIN_WHITELIST: [a]\n'), []);
  assert.deepEqual(checkBody('ENABLE_CORS_HEADERS: false\nCORS_ORIGIN_WHITELIST: [a]\nENABLE_CROSS_DOMAIN_CSRF_COOKIE: true\n'), []);
});

test('deprecated: a FEATURES entry becomes a top-level setting and is checked against its type', () => {
  const model = parseFromScratch(REQUIRED + 'FEATURES:\n  DEBUG: "yes"\n  SOME_PLUGIN_FLAG: true\n', { uri: 'file:///srv/demo.yml' });
  const diagnostics = service.validate(model, schema);
  assert.deepEqual(diagnostics.map(brief), [
    ['deprecated', '3:2-3:7', 'information', '`FEATURES: DEBUG` is deprecated: `DEBUG` is now a top-level setting; set it at the top level.'],
    ['type-mismatch', '3:9-3:14', 'error', 'Expected boolean, found string "yes".'],
  ]);
  assert.deepEqual(diagnostics[0].tags, [DiagnosticTag.Deprecated]);
});

test('deprecated: FEATURES with no known entry, and a renamed setting', () => {
  assert.deepEqual(checkBody('FEATURES: {}\nOLD_NAME: x\n'), [
    ['deprecated', '2:0-2:8', 'information', '`FEATURES` is deprecated. FEATURES entries now set top-level settings; set them at the top level.'],
    ['deprecated', '3:0-3:8', 'information', '`OLD_NAME` is deprecated. Use `NEW_NAME` instead. Renamed in 2024.'],
  ]);
});

test('removal-date-passed: only once the target removal date is before today', () => {
  const expected = [['removal-date-passed', '2:0-2:16', 'information', '`ENABLE_OLD_THING` was due to be removed on 2021-01-01 (toggle_target_removal_date); check that the code still reads it.']];
  assert.deepEqual(checkBody('ENABLE_OLD_THING: true\n'), expected);
  const before = createLanguageService({ now: () => new Date('2020-12-31T12:00:00Z') });
  assert.deepEqual(before.validate(parseFromScratch(REQUIRED + 'ENABLE_OLD_THING: true\n'), schema).map(brief), []);
});

test('insecure-secret: a secret equal to the source default, except in devstack and test files', () => {
  const text = 'SECRET_KEY: dev key\nLMS_ROOT_URL: x\nDATABASES:\n  default:\n    PASSWORD: password\n';
  assert.deepEqual(check(text, { uri: 'file:///srv/lms.yml' }), [
    ['insecure-secret', '0:12-0:19', 'warning', '`SECRET_KEY` is still the insecure default from the settings source; set a real secret.'],
    ['insecure-secret', '4:14-4:22', 'warning', '`DATABASES.default.PASSWORD` is still the insecure default from the settings source; set a real secret.'],
  ]);
  assert.deepEqual(check(text, { uri: 'file:///srv/devstack.yml' }), []);
  assert.deepEqual(check(text, { uri: 'file:///srv/lms.yml', settings: { environment: 'devstack' } }), []);
});

test('insecure-secret: a routing key (a queue name, as a real tutor lms.env.yml keeps ACE_ROUTING_KEY) is no secret', () => {
  assert.deepEqual(check(`${REQUIRED}NOTIFY_ROUTING_KEY: edx.demo.default\n`, { uri: 'file:///srv/lms.yml' }), []);
});

test('severities are overridable per rule, and `off` silences a rule', () => {
  assert.deepEqual(checkBody('FOO: 1\nPORT: x\n', { settings: { severities: { 'unknown-key': 'error', 'type-mismatch': 'off' } } }), [
    ['unknown-key', '2:0-2:3', 'error', '`FOO` is not defined by demo settings; only a plugin could read it.'],
  ]);
});

test('disable comments silence rules for the file, the next line or the same line', () => {
  assert.deepEqual(check('# openedx-config: disable=missing-required,unknown-key\nFOO: 1\n'), []);
  assert.deepEqual(checkBody('# openedx-config: disable=unknown-key\nFOO: 1\nBAR: 2\nPORT: x # openedx-config: disable=type-mismatch\n'), [
    ['unknown-key', '4:0-4:3', 'information', '`BAR` is not defined by demo settings; only a plugin could read it.'],
  ]);
});

test('extra YAML documents and unknown aliases are syntax errors', () => {
  assert.deepEqual(checkBody('---\nPORT: 1\n'), [
    ['yaml-syntax', '2:0-2:3', 'error', 'This file holds more than one YAML document; PyYAML\'s safe_load reads exactly one ("expected a single document in the stream").'],
  ]);
  assert.deepEqual(checkBody('PORT: *nowhere\n'), [['yaml-syntax', '2:6-2:14', 'error', 'Unknown alias `*nowhere`: no anchor `&nowhere` is defined before it.']]);
});

test('without a schema only syntax and duplicates are checked', () => {
  assert.deepEqual(check('FOO: 1\nFOO: [\n', { schema: null }), [
    ['duplicate-key', '1:0-1:3', 'error', 'Duplicate key `FOO` (first set on line 1): PyYAML keeps only this last value.'],
    ['yaml-syntax', '1:5-1:6', 'error', 'Flow sequence in block collection must be sufficiently indented and end with a ].'],
  ]);
});

test('diagnostics carry their rule in `code`, `source` and `data`', () => {
  const [d] = service.validate(parseFromScratch(REQUIRED + 'PROT: 1\n'), schema);
  assert.equal(d.code, 'unknown-key');
  assert.equal(d.source, 'openedx-config');
  assert.deepEqual(d.data, { rule: 'unknown-key', key: 'PROT', suggestion: 'PORT' });
});

test('a top-level merge key (`<<: *base`) is no unknown setting; a merge of a scalar stays a yaml-syntax error', () => {
  assert.deepEqual(checkBody('base: &b\n  PORT: 1\n<<: *b\n').filter(([rule]) => rule === 'unknown-key'), [['unknown-key', '2:0-2:4', 'information', '`base` is not defined by demo settings; only a plugin could read it.']]);
  assert.deepEqual(checkBody('<<: {PORT: 1}\n'), []);
  assert.deepEqual(checkBody('<<: 5\n').map(([rule, range]) => [rule, range]), [['yaml-syntax', '2:4-2:5']]);
});
