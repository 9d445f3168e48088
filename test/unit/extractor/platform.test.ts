/**
 * The openedx-platform-style tree of the example workspace (examples/openedx-platform-lite):
 * lms/envs/production.py → lms/envs/common.py → openedx/envs/common.py, then the YAML loading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, Condition } from '../../../server/src/catalog/types';
import type { ExtractionResult } from '../../../server/src/extractor/extract';
import { COMPUTED, computedFrom, docs, extractFrom, json, nestedRow, origins, problems, repoPath, required, roles, row, rows, setting, unknown } from './helpers';

const OX = 'openedx/envs/common.py';
const LMS = 'lms/envs/common.py';
const PROD = 'lms/envs/production.py';
const BUS_ENABLED = ['EVENT_BUS_PRODUCER_CONFIG', 'org.lite.course.published.v1', 'course-events', 'enabled'];

let cached: Promise<ExtractionResult> | undefined;
function lite(): Promise<ExtractionResult> {
  cached ??= extractFrom(repoPath('examples', 'openedx-platform-lite'), 'lms');
  return cached;
}
async function catalog(): Promise<Catalog> {
  return (await lite()).catalog;
}

test('every setting, in the order Python defines them, with types and literal defaults', async () => {
  assert.deepStrictEqual(rows(await catalog()), [
    // openedx/envs/common.py (star-imported first by lms/envs/common.py)
    row('REPO_ROOT', COMPUTED),
    row('COMMON_ROOT', COMPUTED),
    row('PLATFORM_NAME', json(['string']), 'Lite Platform'),
    row('SITE_NAME', json(['string']), 'localhost'),
    row('LMS_ROOT_URL', unknown(true), null),
    row('SECRET_KEY', json(['string']), 'dev key'),
    row('DEBUG', json(['boolean']), false),
    row('TIME_ZONE', json(['string']), 'America/New_York'),
    row('CELERY_TIMEZONE', json(['string']), 'UTC'),
    row('LANGUAGE_CODE', json(['string']), 'en'),
    row('LANGUAGE_COOKIE_NAME', json(['string']), 'lite-language-preference'),
    row('ENABLE_CORS_HEADERS', json(['boolean']), false),
    row('ENABLE_CROSS_DOMAIN_CSRF_COOKIE', json(['boolean']), false),
    // Declared `: bool` in openedx/envs/common.py; its value comes from lms/envs/common.py.
    row('ENABLE_DISCUSSION_SERVICE', json(['boolean']), true),
    // += and .remove in lms/envs/common.py applied.
    row('INSTALLED_APPS', json(['array']), ['django.contrib.auth', 'django.contrib.contenttypes', 'lms.djangoapps.courseware', 'lms.djangoapps.grades']),
    // .append and .insert applied; the insert under `if ENABLE_CORS_HEADERS:` (False) is not.
    row('MIDDLEWARE', json(['array']), [
      'lms.djangoapps.lite.middleware.RequestTimer',
      'django.middleware.security.SecurityMiddleware',
      'django.contrib.sessions.middleware.SessionMiddleware',
      'lms.djangoapps.lite.middleware.LiteMiddleware',
    ]),
    row('AUTHENTICATION_BACKENDS', json(['array']), ['django.contrib.auth.backends.ModelBackend', 'lms.djangoapps.lite.backends.EmailBackend']),
    // .update and a subscript assignment applied.
    row('CACHES', json(['object']), {
      default: { BACKEND: 'django.core.cache.backends.memcached.PyMemcacheCache', LOCATION: ['localhost:11211'], TIMEOUT: 300 },
      course_structure: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache' },
    }),
    row('STORAGES', json(['object']), {
      default: { BACKEND: 'django.core.files.storage.FileSystemStorage' },
      staticfiles: { BACKEND: 'django.contrib.staticfiles.storage.StaticFilesStorage' },
    }),
    row('JWT_AUTH', json(['object']), { JWT_ISSUER: 'http://127.0.0.1:8000/oauth2', JWT_ALGORITHM: 'HS256', JWT_EXPIRATION: 30 }),
    row('REST_FRAMEWORK', json(['object']), { PAGE_SIZE: 10, DEFAULT_PAGINATION_CLASS: 'rest_framework.pagination.PageNumberPagination' }),
    // A Derived value inside: a dict, but no literal default.
    row('MKTG_URLS', json(['object'])),
    row('EVENT_TRACKING_BACKENDS', json(['object']), {
      tracking_logs: {
        ENGINE: 'eventtracking.backends.routing.RoutingBackend',
        OPTIONS: { backends: { logger: { ENGINE: 'eventtracking.backends.logger.LoggerBackend' } } },
      },
    }),
    row('LOG_DIR', json(['string']), '/edx/var/log/lite'),
    row('LOGGING_ENV', json(['string']), 'sandbox'),
    row('LOGGING', json(['object']), { version: 1, disable_existing_loggers: false }),
    row('CELERY_BROKER_TRANSPORT', json(['string']), 'redis'),
    row('CELERY_BROKER_HOSTNAME', json(['string']), 'localhost:6379'),
    row('DEFAULT_PRIORITY_QUEUE', json(['string']), 'lite.lms.core.default'),
    // The YAML gives a list of queue names (`{}` loads too); null keeps the default.
    row('CELERY_QUEUES', json(['array', 'object'], true, 'yaml-usage'), { 'lite.lms.core.default': {}, 'lite.lms.core.high': {} }),
    // lms/envs/common.py
    row('FEATURES', json(['object'])),
    row('SERVICE_VARIANT', json(['string']), 'lms'),
    row('PAYMENT_MERCHANT_NAME', COMPUTED),
    row('ENABLE_COURSE_NOTES', json(['boolean']), false),
    row('ENABLE_THIRD_PARTY_AUTH', json(['boolean']), false),
    // FEATURES['X'] = … through the proxy defines the top-level setting X.
    row('ENABLE_LEARNER_RECORDS', json(['boolean']), true),
    row('LITE_NAVIGATION_FLAG_NAMESPACE', json(['string']), 'courseware'),
    row('COURSE_SEARCH_INDEXING_PREFIX', json(['string']), 'lite_'),
    row('PROGRESS_GRAPH_DAYS', json(['integer']), 7),
    row('CERTIFICATE_TEMPLATE_LANGUAGES', json(['object']), {}),
    row('BLOCK_CACHE_SETTINGS', json(['object']), { REBUILD_DELAY: 30, TIMEOUT: 86400 }),
    nestedRow(['BLOCK_CACHE_SETTINGS', 'REBUILD_DELAY'], json(['integer']), 30),
    row('EVENT_BUS_PRODUCER_CONFIG', json(['object']), {
      'org.lite.course.published.v1': { 'course-events': { event_key_field: 'course.key', enabled: true } },
    }),
    nestedRow(BUS_ENABLED, json(['boolean']), true),
    row('SUPPORT_SITE_LINK', COMPUTED),
    row('HELP_CENTER_LINK', COMPUTED),
    // A slice assignment inserts at the front.
    row('TEMPLATE_LOADERS', json(['array']), [
      'lms.djangoapps.lite.loaders.ThemeLoader',
      'django.template.loaders.filesystem.Loader',
      'django.template.loaders.app_directories.Loader',
    ]),
    // Defined only under `if ENABLE_CORS_HEADERS:`: the keys exist, with the values the block gives.
    row('CORS_ALLOW_CREDENTIALS', json(['boolean']), true),
    row('CORS_ORIGIN_WHITELIST', json(['array']), []),
    row('CORS_ORIGIN_ALLOW_ALL', json(['boolean']), false),
    row('WIKI_ENABLED', COMPUTED),
    // lms/envs/production.py
    row('CONFIG_FILE', COMPUTED),
    row('BROKER_CONNECTION_TIMEOUT', json(['integer']), 1),
    row('ALTERNATE_WORKER_QUEUES', json(['string'], false, 'yaml-usage'), ''),
    row('ALTERNATE_QUEUES', json(['array'])),
    row('LANGUAGE_COOKIE', unknown(true), null),
    row('ADDL_INSTALLED_APPS', json(['array'], false, 'yaml-usage'), []),
    row('EXTRA_MIDDLEWARE_CLASSES', json(['array'], false, 'yaml-usage'), []),
    row('SEGMENT_KEY', unknown(true), null),
    row('LMS_SEGMENT_KEY', COMPUTED),
    row('SESSION_COOKIE_SAMESITE', json(['string']), 'None'),
    // Read as _YAML_TOKENS['DEFAULT_FILE_STORAGE']: no default at all.
    row('DEFAULT_FILE_STORAGE', unknown(true)),
    row('BROKER_URL', COMPUTED),
    row('CELERY_BROKER_TRANSPORT_OPTIONS', json(['object'], false, 'yaml-usage'), {}),
    row('BROKER_TRANSPORT_OPTIONS', json(['object'])),
    row('THIRD_PARTY_AUTH_BACKENDS', json(['array'], false, 'yaml-usage'), ['lms.djangoapps.lite.auth.OAuth2Backend']),
    row('SOCIAL_AUTH_PIPELINE_TIMEOUT', json(['integer'], false, 'yaml-usage'), 600),
    row('SOCIAL_AUTH_LTI_CONSUMER_SECRETS', json(['object'], false, 'yaml-usage'), {}),
    row('SOCIAL_AUTH_STRATEGY', json(['string']), 'lms.djangoapps.lite.auth.ConfigurationStrategy'),
    row('ELASTIC_SEARCH_CONFIG_ES7', json(['array'], false, 'yaml-usage'), [{}]),
    row('ELASTIC_SEARCH_CONFIG', COMPUTED),
  ]);
});

test('documentation: annotations attached by name, plain comments by position', async () => {
  assert.deepStrictEqual(docs(await catalog()), {
    REPO_ROOT: ['comment', 'Root of the checkout, three folders above this file.', 15],
    COMMON_ROOT: ['comment', 'Templates and assets shared by both services.', 18],
    PLATFORM_NAME: ['annotation', 'Name of the site as learners see it: page titles, e-mails, certificates.', 23],
    LMS_ROOT_URL: ['annotation', 'Public root URL of the LMS, such as ``https://learn.example.com``.\nLinks in e-mails and in Studio are built from it, so every deployment must set it.', 30],
    SECRET_KEY: ['comment', 'Signs sessions and tokens. The value here is only good for development.', 36],
    ENABLE_CORS_HEADERS: ['annotation', 'Sends CORS headers so that pages on other origins may call the APIs.', 48],
    ENABLE_CROSS_DOMAIN_CSRF_COOKIE: ['annotation', 'Sets a second CSRF cookie readable from sibling sub-domains.', 56],
    // The block above the bare declaration in openedx/envs/common.py (line 64 of that file).
    ENABLE_DISCUSSION_SERVICE: ['annotation', 'Shows the discussion tab in courses. Each service sets its own value.', 64],
    JWT_AUTH: ['comment', 'Token settings; the YAML file may give only the keys it changes.', 101],
    MKTG_URLS: ['comment', 'Marketing pages. The root follows LMS_ROOT_URL unless set.', 113],
    EVENT_TRACKING_BACKENDS: ['comment', "Where tracking events go. The YAML file adds backends to the routing backend's list.", 119],
    // Kept from lms/envs/common.py line 13 when production.py assigns FEATURES again.
    FEATURES: ['comment', "FEATURES used to be a dict; now each FEATURES['X'] reads and writes the setting X.", 13],
    PAYMENT_MERCHANT_NAME: ['comment', 'Shown on receipts; follows the platform name.', 18],
    ENABLE_COURSE_NOTES: ['annotation', 'Lets learners keep private notes beside course content.', 23],
    ENABLE_THIRD_PARTY_AUTH: ['annotation', 'Lets learners sign in with accounts from other identity providers.', 31],
    ENABLE_LEARNER_RECORDS: ['annotation', 'Shows learners a record of the programs they completed.', 39],
    // Named COURSE_SEARCH_INDEX_PREFIX, which nothing defines: attached to the assignment below, and reported.
    COURSE_SEARCH_INDEXING_PREFIX: ['annotation', "Prefix of the names of this site's search indexes.", 59],
    PROGRESS_GRAPH_DAYS: ['annotation', "Days of activity drawn in the learner's progress graph.\nOlder themes draw a fixed week and ignore it.", 64],
    CERTIFICATE_TEMPLATE_LANGUAGES: ['annotation', 'Maps a language code to the certificate template used for it.', 70],
    'BLOCK_CACHE_SETTINGS.REBUILD_DELAY': ['annotation', 'Seconds between a course publish and the rebuild of its block cache.', 81],
    [BUS_ENABLED.join('.')]: ['annotation', 'Whether course-published events go to the course-events topic.', 93],
    SUPPORT_SITE_LINK: ['comment', 'Links to the help centre; both names are read by templates.', 102],
    HELP_CENTER_LINK: ['comment', 'Links to the help centre; both names are read by templates.', 102],
    TEMPLATE_LOADERS: ['comment', 'Template loaders, in the order Django tries them.', 121],
    WIKI_ENABLED: ['comment', "Follows the wiki app's own switch.", 140],
    BROKER_CONNECTION_TIMEOUT: ['comment', 'Connections drop behind the load balancer; keep broker waits short.', 54],
    SOCIAL_AUTH_PIPELINE_TIMEOUT: ['comment', 'Seconds a learner may spend in the third-party sign-in pipeline.', 115],
  });
});

test('annotation fields are kept as written, irregular ones included', async () => {
  const c = await catalog();
  assert.deepStrictEqual(setting(c, 'ENABLE_CORS_HEADERS').doc, {
    source: 'annotation',
    description: 'Sends CORS headers so that pages on other origins may call the APIs.',
    annotationKind: 'toggle',
    fields: {
      name: 'settings.ENABLE_CORS_HEADERS',
      implementation: 'DjangoSetting',
      default: 'False',
      description: 'Sends CORS headers so that pages on other origins may call the APIs.',
      use_cases: 'open_edx',
      creation_date: '2031-01-10',
    },
    line: 48,
  });
  assert.deepStrictEqual(setting(c, 'CERTIFICATE_TEMPLATE_LANGUAGES').doc?.fields, {
    name: 'CERTIFICATE_TEMPLATE_LANGUAGES',
    default: 'empty dictionary',
    description: 'Maps a language code to the certificate template used for it.',
    warning: '',
  });
  assert.deepStrictEqual(setting(c, BUS_ENABLED.join('.')).doc?.fields, {
    name: "EVENT_BUS_PRODUCER_CONFIG['org.lite.course.published.v1']\n['course-events']['enabled']",
    default: 'True',
    description: 'Whether course-published events go to the course-events topic.',
  });
});

test('origins: where Python last assigns each setting; nested keys at their annotation; YAML-only keys where they are read', async () => {
  const at = (file: string, entries: [string, number, number?][]): Record<string, string> =>
    Object.fromEntries(entries.map(([name, line, column]) => [name, `${file}:${line}:${column ?? 0}`]));
  assert.deepStrictEqual(origins(await catalog()), {
    ...at(OX, [
      ['REPO_ROOT', 16], ['COMMON_ROOT', 19], ['PLATFORM_NAME', 26], ['SITE_NAME', 28], ['LMS_ROOT_URL', 34], ['SECRET_KEY', 37],
      ['DEBUG', 39], ['TIME_ZONE', 41], ['CELERY_TIMEZONE', 42], ['LANGUAGE_CODE', 43], ['LANGUAGE_COOKIE_NAME', 44],
      ['ENABLE_CORS_HEADERS', 54], ['ENABLE_CROSS_DOMAIN_CSRF_COOKIE', 62],
    ]),
    // Declared in openedx/envs/common.py, valued in lms/envs/common.py.
    ENABLE_DISCUSSION_SERVICE: `${LMS}:47:0`,
    ...at(OX, [
      ['INSTALLED_APPS', 74], ['MIDDLEWARE', 80], ['AUTHENTICATION_BACKENDS', 85], ['CACHES', 89], ['STORAGES', 96], ['JWT_AUTH', 102],
      ['REST_FRAMEWORK', 108], ['MKTG_URLS', 114], ['EVENT_TRACKING_BACKENDS', 120], ['LOG_DIR', 133], ['LOGGING_ENV', 134], ['LOGGING', 135],
      ['CELERY_BROKER_TRANSPORT', 137], ['CELERY_BROKER_HOSTNAME', 138], ['DEFAULT_PRIORITY_QUEUE', 140], ['CELERY_QUEUES', 141],
    ]),
    // Assigned again by production.py.
    FEATURES: `${PROD}:20:0`,
    ...at(LMS, [
      ['SERVICE_VARIANT', 16], ['PAYMENT_MERCHANT_NAME', 19], ['ENABLE_COURSE_NOTES', 29], ['ENABLE_THIRD_PARTY_AUTH', 37],
      ['ENABLE_LEARNER_RECORDS', 45], ['LITE_NAVIGATION_FLAG_NAMESPACE', 55], ['COURSE_SEARCH_INDEXING_PREFIX', 62], ['PROGRESS_GRAPH_DAYS', 68],
      ['CERTIFICATE_TEMPLATE_LANGUAGES', 74], ['BLOCK_CACHE_SETTINGS', 80], ['BLOCK_CACHE_SETTINGS.REBUILD_DELAY', 81, 4],
      ['EVENT_BUS_PRODUCER_CONFIG', 89], [BUS_ENABLED.join('.'), 93, 12], ['SUPPORT_SITE_LINK', 103], ['HELP_CENTER_LINK', 103, 20],
      ['TEMPLATE_LOADERS', 122], ['CORS_ALLOW_CREDENTIALS', 131, 4], ['CORS_ORIGIN_WHITELIST', 132, 4], ['CORS_ORIGIN_ALLOW_ALL', 133, 4],
      ['WIKI_ENABLED', 141],
    ]),
    ...at(PROD, [
      ['CONFIG_FILE', 31], ['BROKER_CONNECTION_TIMEOUT', 55], ['ALTERNATE_WORKER_QUEUES', 65, 32], ['ALTERNATE_QUEUES', 66],
      ['LANGUAGE_COOKIE', 74, 23], ['ADDL_INSTALLED_APPS', 76, 11], ['EXTRA_MIDDLEWARE_CLASSES', 79, 18], ['SEGMENT_KEY', 87, 18],
      ['LMS_SEGMENT_KEY', 87], ['SESSION_COOKIE_SAMESITE', 89], ['DEFAULT_FILE_STORAGE', 92, 37], ['BROKER_URL', 94],
      ['CELERY_BROKER_TRANSPORT_OPTIONS', 98, 6], ['BROKER_TRANSPORT_OPTIONS', 96], ['THIRD_PARTY_AUTH_BACKENDS', 111, 30],
      ['SOCIAL_AUTH_PIPELINE_TIMEOUT', 116, 35], ['SOCIAL_AUTH_LTI_CONSUMER_SECRETS', 117, 39], ['SOCIAL_AUTH_STRATEGY', 118, 4],
      ['ELASTIC_SEARCH_CONFIG_ES7', 120, 24], ['ELASTIC_SEARCH_CONFIG', 120],
    ]),
  });
});

test('what production.py does with each YAML key', async () => {
  const name = (n: string): Condition => ({ kind: 'name', name: n });
  const cond = (condition: Condition, line: number) => ({ kind: 'conditional' as const, condition, line, file: PROD });
  const yamlOnly = (line: number, note?: string) => ({ kind: 'yaml-only' as const, line, file: PROD, ...(note ? { note } : {}) });
  const overwritten = (line: number) => ({ kind: 'overwritten' as const, line, file: PROD });
  const cors: Condition = { kind: 'or', operands: [name('ENABLE_CORS_HEADERS'), name('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')] };
  assert.deepStrictEqual(roles(await catalog()), {
    TIME_ZONE: [overwritten(72)],
    JWT_AUTH: [{ kind: 'merged', depth: 'shallow', line: 101, file: PROD }],
    REST_FRAMEWORK: [{ kind: 'merged', depth: 'shallow', line: 102, file: PROD }],
    EVENT_TRACKING_BACKENDS: [{ kind: 'merged', depth: 'one-level', line: 103, file: PROD }],
    LOGGING: [overwritten(81)],
    CELERY_QUEUES: [yamlOnly(61)],
    FEATURES: [
      yamlOnly(57, 'each entry sets the top-level setting of the same name'),
      { kind: 'deprecated', reason: 'FEATURES entries now set top-level settings; set them at the top level' },
    ],
    EVENT_BUS_PRODUCER_CONFIG: [{ kind: 'merged', depth: 'deep', line: 105, file: PROD }],
    CORS_ORIGIN_WHITELIST: [cond(cors, 84), yamlOnly(84)],
    CORS_ORIGIN_ALLOW_ALL: [cond(cors, 85), yamlOnly(85)],
    BROKER_CONNECTION_TIMEOUT: [overwritten(55)],
    ALTERNATE_WORKER_QUEUES: [yamlOnly(65)],
    ALTERNATE_QUEUES: [overwritten(66)],
    LANGUAGE_COOKIE: [{ kind: 'renamed', target: 'LANGUAGE_COOKIE_NAME', line: 74, file: PROD }],
    ADDL_INSTALLED_APPS: [{ kind: 'appended', target: 'INSTALLED_APPS', line: 76, file: PROD }],
    EXTRA_MIDDLEWARE_CLASSES: [{ kind: 'appended', target: 'MIDDLEWARE', line: 79, file: PROD }],
    SEGMENT_KEY: [{ kind: 'renamed', target: 'LMS_SEGMENT_KEY', line: 87, file: PROD }],
    LMS_SEGMENT_KEY: [overwritten(87)],
    SESSION_COOKIE_SAMESITE: [overwritten(89)],
    DEFAULT_FILE_STORAGE: [yamlOnly(92, 'goes into STORAGES')],
    BROKER_URL: [overwritten(94)],
    CELERY_BROKER_TRANSPORT_OPTIONS: [yamlOnly(96, 'used to compute BROKER_TRANSPORT_OPTIONS')],
    BROKER_TRANSPORT_OPTIONS: [overwritten(96)],
    THIRD_PARTY_AUTH_BACKENDS: [cond(name('ENABLE_THIRD_PARTY_AUTH'), 111), yamlOnly(111, 'used to compute AUTHENTICATION_BACKENDS')],
    SOCIAL_AUTH_PIPELINE_TIMEOUT: [cond(name('ENABLE_THIRD_PARTY_AUTH'), 116), yamlOnly(116)],
    SOCIAL_AUTH_LTI_CONSUMER_SECRETS: [cond(name('ENABLE_THIRD_PARTY_AUTH'), 117), yamlOnly(117)],
    ELASTIC_SEARCH_CONFIG_ES7: [{ kind: 'renamed', target: 'ELASTIC_SEARCH_CONFIG', line: 120, file: PROD }],
    ELASTIC_SEARCH_CONFIG: [overwritten(120)],
  });
});

test('problems: every annotation irregularity and unattachable block, at its position', async () => {
  assert.deepStrictEqual(problems(await catalog()), [
    // lms/envs/common.py is read (and its comments collected) before the module it star-imports.
    ['annotation-malformed', LMS, 23, 18], // settings. prefix
    ['annotation-malformed', LMS, 31, 18], // settings. prefix
    ['annotation-name-mismatch', LMS, 59, 0], // COURSE_SEARCH_INDEX_PREFIX above COURSE_SEARCH_INDEXING_PREFIX
    ['annotation-malformed', LMS, 67, 2], // `# .. text` continuation
    ['annotation-malformed', LMS, 73, 2], // empty setting_warning
    ['annotation-unattached', LMS, 76, 0], // RETIRED_GRADEBOOK_LIMIT: defined nowhere, nothing below
    ['annotation-malformed', LMS, 93, 31], // name continued on a second comment line
    ['annotation-malformed', OX, 48, 18], // settings. prefix
    ['annotation-malformed', OX, 56, 18], // settings. prefix
  ]);
  const messages = (await catalog()).problems.map((p) => p.message);
  assert.deepStrictEqual(messages.slice(2, 6), [
    'annotation names `COURSE_SEARCH_INDEX_PREFIX`, which no module defines; attached to `COURSE_SEARCH_INDEXING_PREFIX`, the assignment below it',
    "PROGRESS_GRAPH_DAYS: continuation line written as '.. text'",
    "CERTIFICATE_TEMPLATE_LANGUAGES: empty value for token 'setting_warning'",
    'annotation names `RETIRED_GRADEBOOK_LIMIT`, which no module defines',
  ]);
});

test('annotation tallies: the waffle flag is counted apart, every other block attached or reported', async () => {
  assert.deepStrictEqual((await lite()).annotations, { blocks: 14, attached: 13, nonSettingToggles: 1, reported: 2 });
});

test('catalog facts: reading order, the YAML load, computed sources, nothing required', async () => {
  const c = await catalog();
  assert.equal(c.layout, 'platform');
  assert.equal(c.ida, 'lms');
  assert.deepStrictEqual(c.files, [PROD, LMS, OX]);
  assert.deepStrictEqual(c.yaml, { envVar: 'LMS_CFG', module: PROD, line: 34 });
  assert.deepStrictEqual(required(c), []);
  assert.deepStrictEqual(computedFrom(c), {
    COMMON_ROOT: ['REPO_ROOT'],
    MKTG_URLS: ['LMS_ROOT_URL'],
    PAYMENT_MERCHANT_NAME: ['PLATFORM_NAME'],
    SUPPORT_SITE_LINK: ['MKTG_URLS'],
    HELP_CENTER_LINK: ['MKTG_URLS'],
    ALTERNATE_QUEUES: ['DEFAULT_PRIORITY_QUEUE', 'SERVICE_VARIANT'],
    BROKER_URL: ['CELERY_BROKER_TRANSPORT', 'CELERY_BROKER_HOSTNAME'],
  });
});

test('edited defaults say how they came about', async () => {
  const c = await catalog();
  assert.equal(
    setting(c, 'TEMPLATE_LOADERS').defaultText,
    "[\n    'django.template.loaders.filesystem.Loader',\n    'django.template.loaders.app_directories.Loader',\n]  # then: TEMPLATE_LOADERS[0:0] = ['lms.djangoapps.lite.loaders.ThemeLoader']",
  );
  assert.equal(setting(c, 'AUTHENTICATION_BACKENDS').defaultText, "[\n    'django.contrib.auth.backends.ModelBackend',\n]  # then: AUTHENTICATION_BACKENDS.extend(['lms.djangoapps.lite.backends.EmailBackend'])");
  assert.equal(setting(c, 'ENABLE_DISCUSSION_SERVICE').defaultText, 'True');
});

test('documentation kept from another module names the file it is in', async () => {
  const c = await catalog();
  const docFile = (name: string): [string, string | undefined, number | undefined] => {
    const s = c.settings.find((x) => x.path.length === 1 && x.name === name);
    return [s?.origin.file ?? '', s?.doc?.file, s?.doc?.line];
  };
  // Declared and documented in openedx/envs/common.py, given its value in lms/envs/common.py.
  assert.deepStrictEqual(docFile('ENABLE_DISCUSSION_SERVICE'), [LMS, OX, 64]);
  // Documented in lms/envs/common.py, assigned again by production.py.
  assert.deepStrictEqual(docFile('FEATURES'), [PROD, LMS, 13]);
  // Documented where it is assigned: no file stated.
  assert.deepStrictEqual(docFile('PLATFORM_NAME'), [OX, undefined, 23]);
});
