/**
 * The OEP-45 demo IDA of the example workspace (examples/demo-ida), read as Python would:
 * required.py, then defaults.py, then __init__.py, which loads the YAML named by DEMO_CFG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { REQUIRED_MODULE_REASON } from '../../../server/src/extractor/extract';
import { COMPUTED, computedFrom, docs, extractFrom, json, origins, problems, repoPath, required, roles, row, rows, setting, unknown } from './helpers';

const REQ = 'demo/settings/required.py';
const DEF = 'demo/settings/defaults.py';
const INIT = 'demo/settings/__init__.py';

let cached: Promise<Catalog> | undefined;
function demo(): Promise<Catalog> {
  cached ??= extractFrom(repoPath('examples', 'demo-ida')).then((r) => r.catalog);
  return cached;
}

test('every setting with its JSON type and literal default, in import order', async () => {
  assert.deepStrictEqual(rows(await demo()), [
    // required.py: bare declarations typed by their hint, placeholders typed by their value.
    row('SECRET_KEY', json(['string'], false, 'hint')),
    row('DATABASES', json(['object'], false, 'hint')),
    row('DEMO_ROOT_URL', unknown(true), null),
    row('OAUTH2_CLIENT_ID', json(['string']), ''),
    row('OAUTH2_CLIENT_SECRET', json(['string']), ''),
    // defaults.py
    row('PLATFORM_NAME', json(['string']), 'Demo Learning'),
    row('SERVICE_NAME', json(['string']), 'demo'),
    // An f-string reading another setting is a string whose value is computed.
    row('EMAIL_SUBJECT_PREFIX', json(['string'])),
    row('DEBUG', json(['boolean']), false),
    row('ALLOWED_HOSTS', json(['array']), ['localhost', '127.0.0.1']),
    row('TIME_ZONE', json(['string']), 'UTC'),
    row('LANGUAGES', json(['array']), [['en', 'English'], ['fr', 'Français']]),
    row('INSTALLED_APPS', json(['array']), ['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions', 'demo.apps.core']),
    row('EXTRA_APPS', json(['array']), []),
    // '/static/' + SERVICE_NAME + '/' folds: SERVICE_NAME is a literal when the line runs.
    row('STATIC_URL', json(['string']), '/static/demo/'),
    row('MAX_UPLOAD_BYTES', json(['integer']), 100000),
    row('TRACE_SAMPLE_RATE', json(['number']), 0.25),
    row('OUTLINE_CACHE_SECONDS', json(['integer']), 604800),
    row('DRAFT_LIFETIME', COMPUTED),
    row('SUBMISSION_LIMITS', json(['object']), { PER_HOUR: 20, PER_DAY: 100 }),
    row('API_PAGE_SIZE', json(['integer']), 20),
    row('SESSION_COOKIE_NAME', json(['string']), 'demo_sessionid'),
    row('JWT_AUTH', json(['object']), {
      JWT_ISSUER: 'http://localhost:18000/oauth2',
      JWT_AUDIENCE: 'demo',
      JWT_VERIFY_EXPIRATION: true,
      JWT_LEEWAY: 1,
    }),
    row('CACHES', json(['object']), {
      default: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache', OPTIONS: { MAX_ENTRIES: 1000 } },
    }),
    // A set becomes a YAML list, in the order written.
    row('AUDITED_METHODS', json(['array']), ['POST', 'PUT', 'DELETE']),
    // os.environ.get with a fallback: the fallback, and environment values are strings.
    row('REPORTS_DIR', json(['string']), '/var/tmp/demo-reports'),
    row('SUPPORT_URL', json(['string'], true, 'hint'), null),
    row('CONTACT_EMAIL', unknown(true), null),
    row('ENABLE_BADGES', json(['boolean']), true),
    row('GRADE_PASS_MARK', json(['number']), 0.5),
    // __init__.py
    row('DICT_UPDATE_KEYS', json(['array']), ['JWT_AUTH']),
  ]);
});

test('documentation: #: lines above, a trailing #:, plain comments as the fallback', async () => {
  assert.deepStrictEqual(docs(await demo()), {
    SECRET_KEY: ['oep45', 'Secret used by Django to sign sessions, password-reset links and other tokens.\nUse a long random string, different in every environment.', 8],
    DATABASES: ['oep45', "Database connections in Django's ``DATABASES`` format. The ``default`` entry\nholds the demo's own tables.", 12],
    DEMO_ROOT_URL: ['oep45', 'Public root URL of this service, without a trailing slash,\nfor example ``https://demo.example.com``.', 16],
    OAUTH2_CLIENT_ID: ['oep45', 'OAuth2 client id the demo uses to call the LMS on its own behalf.', 20],
    OAUTH2_CLIENT_SECRET: ['oep45', 'Secret of the OAuth2 client named by ``OAUTH2_CLIENT_ID``.', 22],
    PLATFORM_NAME: ['oep45', 'Name of the learning platform, shown in page titles and e-mails.', 14],
    SERVICE_NAME: ['oep45', 'Short name of this service, used in logs, metrics and static paths.', 17],
    EMAIL_SUBJECT_PREFIX: ['oep45', 'Prefix of the subject of every e-mail the service sends.', 20],
    DEBUG: ['oep45', "Turns on Django's debug pages. Never enable it in production.", 23],
    ALLOWED_HOSTS: ['oep45', 'Host names this service answers to.', 26],
    TIME_ZONE: ['oep45', 'Time zone of the dates shown to staff.', 29],
    LANGUAGES: ['oep45', 'Languages offered in the interface, as (code, name) pairs.', 32],
    INSTALLED_APPS: ['oep45', 'Django applications, in loading order.', 40],
    EXTRA_APPS: ['oep45', 'Extra applications (plugins, debugging tools) added after ``INSTALLED_APPS``.', 48],
    STATIC_URL: ['oep45', 'URL prefix of static files.', 51],
    MAX_UPLOAD_BYTES: ['oep45', 'Largest upload accepted, in bytes.', 56],
    TRACE_SAMPLE_RATE: ['oep45', 'Fraction of requests traced by the performance monitor, between 0 and 1.', 59],
    OUTLINE_CACHE_SECONDS: ['oep45', 'Seconds a cached course outline stays valid.', 62],
    DRAFT_LIFETIME: ['oep45', 'How long an unsaved learner draft is kept.', 65],
    SUBMISSION_LIMITS: ['oep45', 'Submissions a learner may make per hour and per day.', 68],
    API_PAGE_SIZE: ['comment', 'How many items one page of an API list holds.\nClients may ask for fewer, never for more.', 71],
    SESSION_COOKIE_NAME: ['oep45', 'Name of the session cookie.', 75],
    JWT_AUTH: ['oep45', 'JSON Web Token settings. A YAML value is merged into these keys, not substituted.', 79],
    CACHES: ['oep45', "Cache backends, in Django's ``CACHES`` format.", 87],
    AUDITED_METHODS: ['oep45', 'HTTP methods whose request bodies the audit log records.', 95],
    REPORTS_DIR: ['oep45', 'Folder where exported reports are written.', 98],
    SUPPORT_URL: ['oep45', 'Address of the help centre linked from error pages; no link when unset.', 101],
    CONTACT_EMAIL: ['oep45', 'Contact address shown in the footer, if any.', 104],
    ENABLE_BADGES: ['comment', 'Award a badge to learners who complete a course.', 107],
    GRADE_PASS_MARK: ['comment', 'share of the maximum score needed to pass', 110],
    DICT_UPDATE_KEYS: ['oep45', 'Dict settings that a YAML file updates key by key instead of replacing them.', 15],
  });
});

test('everything in required.py is required, with the OEP-45 reason; nothing else is', async () => {
  const catalog = await demo();
  assert.deepStrictEqual(required(catalog), ['SECRET_KEY', 'DATABASES', 'DEMO_ROOT_URL', 'OAUTH2_CLIENT_ID', 'OAUTH2_CLIENT_SECRET']);
  assert.deepStrictEqual(setting(catalog, 'SECRET_KEY').required, { source: 'required-module', reason: REQUIRED_MODULE_REASON });
});

test('origins: the module and position of the assignment (or of the bare declaration)', async () => {
  const expected: Record<string, string> = {
    SECRET_KEY: `${REQ}:10:0`,
    DATABASES: `${REQ}:14:0`,
    DEMO_ROOT_URL: `${REQ}:18:0`,
    OAUTH2_CLIENT_ID: `${REQ}:20:0`,
    OAUTH2_CLIENT_SECRET: `${REQ}:23:0`,
  };
  const defaultsLines: [string, number][] = [
    ['PLATFORM_NAME', 15], ['SERVICE_NAME', 18], ['EMAIL_SUBJECT_PREFIX', 21], ['DEBUG', 24], ['ALLOWED_HOSTS', 27],
    ['TIME_ZONE', 30], ['LANGUAGES', 33], ['INSTALLED_APPS', 41], ['EXTRA_APPS', 49], ['STATIC_URL', 52],
    ['MAX_UPLOAD_BYTES', 57], ['TRACE_SAMPLE_RATE', 60], ['OUTLINE_CACHE_SECONDS', 63], ['DRAFT_LIFETIME', 66],
    ['SUBMISSION_LIMITS', 69], ['API_PAGE_SIZE', 73], ['SESSION_COOKIE_NAME', 75], ['JWT_AUTH', 80], ['CACHES', 88],
    ['AUDITED_METHODS', 96], ['REPORTS_DIR', 99], ['SUPPORT_URL', 102], ['CONTACT_EMAIL', 105], ['ENABLE_BADGES', 108],
    ['GRADE_PASS_MARK', 110],
  ];
  for (const [name, line] of defaultsLines) expected[name] = `${DEF}:${line}:0`;
  expected.DICT_UPDATE_KEYS = `${INIT}:16:0`;
  assert.deepStrictEqual(origins(await demo()), expected);
});

test('YAML roles read from __init__.py: JWT_AUTH merged (DICT_UPDATE_KEYS), EXTRA_APPS appended', async () => {
  assert.deepStrictEqual(roles(await demo()), {
    EXTRA_APPS: [{ kind: 'appended', target: 'INSTALLED_APPS', line: 32, file: INIT }],
    JWT_AUTH: [{ kind: 'merged', depth: 'shallow', line: 16, file: INIT }],
  });
});

test('catalog facts: files in reading order, the YAML load, computed sources, no problems', async () => {
  const catalog = await demo();
  assert.equal(catalog.ida, 'demo');
  assert.equal(catalog.layout, 'oep45');
  assert.equal(catalog.root, repoPath('examples', 'demo-ida'));
  assert.deepStrictEqual(catalog.files, [REQ, DEF, INIT]);
  assert.deepStrictEqual(catalog.yaml, { envVar: 'DEMO_CFG', module: INIT, line: 20 });
  assert.deepStrictEqual(computedFrom(catalog), { EMAIL_SUBJECT_PREFIX: ['PLATFORM_NAME'] });
  assert.deepStrictEqual(problems(catalog), []);
});

test('default source texts are kept as written', async () => {
  const catalog = await demo();
  const text = (name: string): string | undefined => setting(catalog, name).defaultText;
  assert.equal(text('SECRET_KEY'), undefined);
  assert.equal(text('PLATFORM_NAME'), "_('Demo Learning')");
  assert.equal(text('MAX_UPLOAD_BYTES'), '100_000');
  assert.equal(text('OUTLINE_CACHE_SECONDS'), '7 * 24 * 3600');
  assert.equal(text('DRAFT_LIFETIME'), 'timedelta(days=30)');
  assert.equal(text('EMAIL_SUBJECT_PREFIX'), "f'[{PLATFORM_NAME}] '");
  assert.equal(text('REPORTS_DIR'), "os.environ.get('DEMO_REPORTS_DIR', '/var/tmp/demo-reports')");
  assert.equal(text('SUPPORT_URL'), 'None');
});
