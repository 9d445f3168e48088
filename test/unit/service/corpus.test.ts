import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service';
import { parseFromScratch } from '../../../server/src/yaml';
import { corpusFiles } from '../../helpers/corpus';
import { brief } from '../../helpers/diagnostics';
import { prop, schemaOf } from '../../helpers/schema';

/** A hand-made schema with a few real LMS settings. */
const schema = schemaOf(
  {
    SECRET_KEY: prop('string', { default: 'dev key' }),
    PLATFORM_NAME: prop('string', { default: 'Your Platform Name Here' }),
    EMAIL_PORT: prop('integer', { default: 25 }),
    EMAIL_USE_TLS: prop('boolean', { default: false }),
    FEATURES: prop('object', { deprecated: true, facts: { freeFormKeys: true, roles: [{ kind: 'deprecated', reason: 'FEATURES entries now set top-level settings' }] } }),
    CERTIFICATES_HTML_VIEW: prop('boolean', { default: false }),
    LMS_ROOT_URL: prop(undefined, { default: null }),
    CELERY_QUEUES: prop(['array', 'object', 'null']),
    ALLOWED_HOSTS: prop('array', { items: { type: 'string' } }),
  },
  { ida: 'lms', required: ['SECRET_KEY'] },
);
const service = createLanguageService({ now: () => new Date('2025-06-01') });

for (const [name, text] of corpusFiles(false)) {
  test(`corpus ${name}: no syntax errors and no errors at all`, () => {
    const diagnostics = service.validate(parseFromScratch(text, { uri: `file:///corpus/${name}` }), schema).map(brief);
    assert.deepEqual(diagnostics.filter((d) => d[0] === 'yaml-syntax' || d[0] === 'duplicate-key'), []);
    assert.deepEqual(diagnostics.filter((d) => d[2] === 'error'), []);
  });
}

for (const [name, text] of corpusFiles(true)) {
  test(`corpus template ${name}: templates are calm (no syntax, type or required errors)`, () => {
    const diagnostics = service.validate(parseFromScratch(text, { uri: `file:///corpus/${name}` }), schema).map(brief);
    assert.deepEqual(diagnostics.filter((d) => d[2] === 'error' || d[2] === 'warning'), []);
    // What remains is information about keys this small schema does not know, and FEATURES usage.
    for (const d of diagnostics) assert.ok(d[0] === 'unknown-key' || d[0] === 'deprecated', d.join(' '));
  });
}

test('the corpus has both kinds of files', () => {
  assert.ok(corpusFiles(false).length >= 4);
  assert.ok(corpusFiles(true).length >= 2);
});
