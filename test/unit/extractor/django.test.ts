/**
 * Django's built-in settings, from the small global_settings.py written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExtractionResult } from '../../../server/src/extractor/extract';
import { docs, extractFrom, fixturePath, json, origins, problems, roles, row, rows, unknown } from './helpers';

let cached: Promise<ExtractionResult> | undefined;
function django(): Promise<ExtractionResult> {
  cached ??= extractFrom(fixturePath('django'));
  return cached;
}

test('every setting with its literal default; helper functions are not settings', async () => {
  assert.deepStrictEqual(rows((await django()).catalog), [
    row('DEBUG', json(['boolean']), false),
    row('INTERNAL_IPS', json(['array']), []),
    row('ALLOWED_HOSTS', json(['array']), []),
    row('TIME_ZONE', json(['string']), 'America/Chicago'),
    row('USE_TZ', json(['boolean']), true),
    row('LANGUAGE_CODE', json(['string']), 'en-us'),
    // gettext_noop('German') is the string itself.
    row('LANGUAGES', json(['array']), [['de', 'German'], ['en', 'English']]),
    row('LANGUAGES_BIDI', json(['array']), ['he', 'ar', 'fa']),
    row('DEFAULT_CHARSET', json(['string']), 'utf-8'),
    row('DATABASES', json(['object']), {}),
    row('EMAIL_BACKEND', json(['string']), 'django.core.mail.backends.smtp.EmailBackend'),
    row('EMAIL_HOST', json(['string']), 'localhost'),
    row('EMAIL_PORT', json(['integer']), 25),
    row('EMAIL_USE_TLS', json(['boolean']), false),
    row('EMAIL_TIMEOUT', unknown(true), null),
    row('DATA_UPLOAD_MAX_MEMORY_SIZE', json(['integer']), 2621440),
    // 0o644, an octal literal.
    row('FILE_UPLOAD_PERMISSIONS', json(['integer']), 420),
    row('SESSION_COOKIE_NAME', json(['string']), 'sessionid'),
    row('SESSION_COOKIE_AGE', json(['integer']), 1209600),
    row('SESSION_COOKIE_DOMAIN', unknown(true), null),
    row('SECRET_KEY', json(['string']), ''),
    row('CSRF_TRUSTED_ORIGINS', json(['array']), []),
    row('SECURE_HSTS_SECONDS', json(['integer']), 0),
    row('SECURE_PROXY_SSL_HEADER', unknown(true), null),
    row('PASSWORD_RESET_TIMEOUT', json(['integer']), 259200),
    row('STORAGES', json(['object']), {
      default: { BACKEND: 'django.core.files.storage.FileSystemStorage' },
      staticfiles: { BACKEND: 'django.contrib.staticfiles.storage.StaticFilesStorage' },
    }),
  ]);
});

test('plain comments document the setting right below; section banners document nothing', async () => {
  assert.deepStrictEqual(docs((await django()).catalog), {
    INTERNAL_IPS: ['comment', 'Addresses that see debug output; no one by default.', 20],
    ALLOWED_HOSTS: ['comment', 'Host names the site may be served under. Empty means only local names in DEBUG.', 23],
    LANGUAGES: ['comment', 'Languages offered; the names are marked for translation.', 30],
    LANGUAGES_BIDI: ['comment', 'Right-to-left languages.', 36],
    DATA_UPLOAD_MAX_MEMORY_SIZE: ['comment', 'Largest request body read into memory, in bytes (two and a half megabytes).', 57],
    FILE_UPLOAD_PERMISSIONS: ['comment', 'Mode given to uploaded files, as an octal number.', 60],
    SESSION_COOKIE_AGE: ['comment', 'Two weeks, in seconds.', 68],
    PASSWORD_RESET_TIMEOUT: ['comment', 'Three days, in seconds.', 81],
  });
});

test('origins, no roles, no problems, no YAML loading', async () => {
  const { catalog: c, annotations } = await django();
  const o = origins(c);
  assert.deepStrictEqual([o.DEBUG, o.LANGUAGES, o.SESSION_COOKIE_AGE, o.STORAGES], [
    'global_settings.py:18:0',
    'global_settings.py:31:0',
    'global_settings.py:69:0',
    'global_settings.py:84:0',
  ]);
  assert.ok(Object.values(o).every((v) => v.startsWith('global_settings.py:') && v.endsWith(':0')));
  assert.deepStrictEqual(roles(c), {});
  assert.deepStrictEqual(problems(c), []);
  assert.deepStrictEqual(c.yaml, {});
  assert.deepStrictEqual(c.files, ['global_settings.py']);
  assert.equal(c.layout, 'django');
  assert.deepStrictEqual(annotations, { blocks: 0, attached: 0, nonSettingToggles: 0, reported: 0 });
});
