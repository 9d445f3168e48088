/**
 * One small schema that exercises every rule and feature of the language service, shared by
 * the service tests. Each property says what it stands for.
 */
import type { IdaSchema } from '../../server/src/schema/format';
import { prop, schemaOf } from './schema';

const PRODUCTION = 'demo/settings/production.py';

/** The demo IDA's schema (`ida: demo`). `root` makes it a live schema (definition links). */
export function demoSchema(root?: string): IdaSchema {
  return schemaOf(
    {
      // A required secret with an insecure source default.
      SECRET_KEY: prop('string', {
        default: 'dev key',
        description: 'Secret used to sign sessions.\nKeep it secret.',
        facts: { required: { source: 'overlay', reason: 'Django refuses to start without it.' }, defaultText: "'dev key'" },
      }),
      // Declared types (a type hint, as in `PORT: int = 8000`): a mismatch is an error.
      PORT: prop('integer', { default: 8000, description: 'Port the service listens on.', facts: { typeFrom: 'hint' } }),
      RATIO: prop('number', { default: 0.5 }),
      DEBUG: prop('boolean', { default: false, description: 'Turns on debug pages.', facts: { typeFrom: 'hint' } }),
      // A type known from the default's literal only (`WORKERS = 4`): a mismatch is a warning.
      WORKERS: prop('integer', { default: 4 }),
      // An empty-string default: code tests it (`if settings.BANNER_ID:`), so null means unset too.
      BANNER_ID: prop('string', { default: '' }),
      // Named like a secret (`_KEY`), but a Celery queue name: left at its default, rightly.
      NOTIFY_ROUTING_KEY: prop('string', { default: 'edx.demo.default' }),
      // A `None` default: nullable, type known from a hint.
      NAME: prop(['string', 'null'], { default: null }),
      LEVEL: prop('string', { default: 'info', enum: ['debug', 'info', 'warning'] }),
      HOSTS: prop('array', { default: ['localhost'], items: { type: 'string' }, facts: { typeFrom: 'hint' } }),
      // Required, type unknown (`None` without a hint).
      LMS_ROOT_URL: prop(undefined, { default: null, facts: { required: { source: 'overlay', reason: 'Links in emails are built from it.' } } }),
      COMPUTED: prop(undefined, { facts: { typeKind: 'computed', typeFrom: 'none', defaultText: 'Derived(lambda s: s.PORT + 1)', computedFrom: ['PORT'] } }),
      JWT_AUTH: prop('object', { facts: { roles: [{ kind: 'merged', depth: 'shallow', file: PRODUCTION, line: 60 }], freeFormKeys: true } }),
      CACHES: prop('object', { properties: { default: prop('object') }, facts: { freeFormKeys: true } }),
      YOUTUBE: prop('object', {
        default: { API: 'https://youtube.test', TIMEOUT: 5 },
        properties: { API: prop('string'), TIMEOUT: prop('integer') },
        required: ['API'],
      }),
      AUTH_PASSWORD_VALIDATORS: prop('array', {
        items: { type: 'object', properties: { NAME: prop('string'), OPTIONS: prop('object', { facts: { freeFormKeys: true } }) } },
      }),
      TIME_ZONE: prop('string', { default: 'UTC', facts: { roles: [{ kind: 'overwritten', file: PRODUCTION, line: 80 }] } }),
      CORS_ORIGIN_WHITELIST: prop('array', {
        default: [],
        facts: {
          roles: [
            {
              kind: 'conditional',
              condition: { kind: 'or', operands: [{ kind: 'name', name: 'ENABLE_CORS_HEADERS' }, { kind: 'name', name: 'ENABLE_CROSS_DOMAIN_CSRF_COOKIE' }] },
              file: PRODUCTION,
              line: 90,
            },
          ],
        },
      }),
      ENABLE_CORS_HEADERS: prop('boolean', { default: false }),
      ENABLE_CROSS_DOMAIN_CSRF_COOKIE: prop('boolean', { default: false }),
      ENABLE_OLD_THING: prop('boolean', {
        default: false,
        facts: { doc: { source: 'annotation', annotationKind: 'toggle', line: 30, description: 'An old toggle.', fields: { target_removal_date: '2021-01-01', use_cases: 'temporary' } } },
      }),
      FEATURES: prop('object', {
        deprecated: true,
        facts: {
          defaultText: 'FeaturesProxy(globals())',
          roles: [
            { kind: 'yaml-only', file: PRODUCTION, line: 40, note: 'each entry sets the top-level setting of the same name' },
            { kind: 'deprecated', reason: 'FEATURES entries now set top-level settings; set them at the top level' },
          ],
          freeFormKeys: true,
        },
      }),
      OLD_NAME: prop('string', { facts: { roles: [{ kind: 'deprecated', replacement: 'NEW_NAME', reason: 'Renamed in 2024' }] } }),
      ADDL_INSTALLED_APPS: prop(['array', 'object'], { default: [], facts: { roles: [{ kind: 'appended', target: 'INSTALLED_APPS', file: PRODUCTION, line: 50 }] } }),
      DATABASES: prop('object', { default: { default: { PASSWORD: 'password', HOST: 'localhost' } }, facts: { freeFormKeys: true } }),
      EMAIL_HOST: prop('string', { default: 'localhost', facts: { origin: { file: 'django/conf/global_settings.py', line: 200, column: 0, layer: 'django' } } }),
    },
    { required: ['SECRET_KEY', 'LMS_ROOT_URL'], ...(root === undefined ? {} : { root }) },
  );
}
