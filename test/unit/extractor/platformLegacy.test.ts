/**
 * The older openedx-platform style (test/fixtures/extractor/platform-legacy): FEATURES is a dict
 * literal whose keys carry toggle annotations, and `FEATURES['X'] = …` edits it in place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { docs, extractFrom, fixturePath, json, nestedRow, origins, problems, roles, row, rows } from './helpers';

const LMS = 'lms/envs/common.py';
const PROD = 'lms/envs/production.py';
const CMS = 'cms/envs/common.py';

let lmsCache: Promise<Catalog> | undefined;
function lms(): Promise<Catalog> {
  lmsCache ??= extractFrom(fixturePath('platform-legacy'), 'lms').then((r) => r.catalog);
  return lmsCache;
}

test('LMS: FEATURES is one dict setting, edited in place; annotated keys are nested settings', async () => {
  assert.deepStrictEqual(rows(await lms()), [
    row('PLATFORM_NAME', json(['string']), 'Legacy Lite'),
    // FEATURES['ENABLE_LTI_PROVIDER'] = FEATURES['ENABLE_SPECIAL_EXAMS'] copies a known literal.
    row('FEATURES', json(['object']), {
      ENABLE_DISCUSSION_SERVICE: true,
      ENABLE_SPECIAL_EXAMS: false,
      ENABLE_STUDENT_NOTES: true,
      MAX_ENROLLMENT_INSTR_BUTTONS: 200,
      ENABLE_COURSEWARE_SEARCH: false,
      ENABLE_LTI_PROVIDER: false,
    }),
    nestedRow(['FEATURES', 'ENABLE_DISCUSSION_SERVICE'], json(['boolean']), true),
    nestedRow(['FEATURES', 'ENABLE_SPECIAL_EXAMS'], json(['boolean']), false),
    nestedRow(['FEATURES', 'ENABLE_COURSEWARE_SEARCH'], json(['boolean']), false),
    nestedRow(['FEATURES', 'ENABLE_LTI_PROVIDER'], json(['boolean']), false),
    row('CELERY_QUEUES', json(['object']), { 'legacy.lms.default': {} }),
    row('TRACKING_BACKENDS', json(['object']), { logger: { ENGINE: 'track.backends.logger.LoggerBackend' } }),
  ]);
});

test('LMS: per-key toggle annotations document the nested settings; a plain comment on a key does not', async () => {
  assert.deepStrictEqual(docs(await lms()), {
    'FEATURES.ENABLE_DISCUSSION_SERVICE': ['annotation', 'Shows the discussion tab in every course.', 12],
    'FEATURES.ENABLE_SPECIAL_EXAMS': ['annotation', 'Turns on timed and proctored exams.', 20],
    'FEATURES.ENABLE_COURSEWARE_SEARCH': ['annotation', 'Adds a search box to the courseware.', 34],
    'FEATURES.ENABLE_LTI_PROVIDER': ['annotation', "Lets other platforms embed this site's content over LTI.", 42],
  });
});

test('LMS: origins of nested keys are their annotations', async () => {
  assert.deepStrictEqual(origins(await lms()), {
    PLATFORM_NAME: `${LMS}:9:0`,
    FEATURES: `${LMS}:11:0`,
    'FEATURES.ENABLE_DISCUSSION_SERVICE': `${LMS}:12:4`,
    'FEATURES.ENABLE_SPECIAL_EXAMS': `${LMS}:20:4`,
    'FEATURES.ENABLE_COURSEWARE_SEARCH': `${LMS}:34:0`,
    'FEATURES.ENABLE_LTI_PROVIDER': `${LMS}:42:0`,
    CELERY_QUEUES: `${LMS}:50:0`,
    TRACKING_BACKENDS: `${LMS}:52:0`,
  });
});

test('LMS: the YAML FEATURES mapping updates the dict (no deprecation); an excluded key left unhandled is ignored', async () => {
  assert.deepStrictEqual(roles(await lms()), {
    FEATURES: [{ kind: 'merged', depth: 'shallow', line: 22, file: PROD }],
    CELERY_QUEUES: [{ kind: 'yaml-only', line: 18, file: PROD, note: 'not assigned directly from the YAML' }],
    TRACKING_BACKENDS: [{ kind: 'merged', depth: 'shallow', line: 25, file: PROD }],
  });
});

test('LMS: the settings. prefix on a subscript name is reported at the name; YAML loading found', async () => {
  const c = await lms();
  assert.deepStrictEqual(problems(c), [['annotation-malformed', LMS, 20, 22]]);
  assert.equal(c.problems[0].message, "settings.FEATURES['ENABLE_SPECIAL_EXAMS']: name has a 'settings.' prefix");
  assert.deepStrictEqual(c.files, [PROD, LMS]);
  assert.deepStrictEqual(c.yaml, { envVar: 'LMS_CFG', module: PROD, line: 14 });
});

test('Studio without production.py: common.py alone, no YAML loading known', async () => {
  const { catalog: c, annotations } = await extractFrom(fixturePath('platform-legacy'), 'studio');
  assert.deepStrictEqual(rows(c), [
    row('PLATFORM_NAME', json(['string']), 'Legacy Lite Studio'),
    row('FEATURES', json(['object']), { ENABLE_EXPORT_GIT: false }),
    nestedRow(['FEATURES', 'ENABLE_EXPORT_GIT'], json(['boolean']), false),
  ]);
  assert.deepStrictEqual(docs(c), { 'FEATURES.ENABLE_EXPORT_GIT': ['annotation', 'Lets course teams export a course to a git repository.', 10] });
  assert.deepStrictEqual(origins(c), { PLATFORM_NAME: `${CMS}:7:0`, FEATURES: `${CMS}:9:0`, 'FEATURES.ENABLE_EXPORT_GIT': `${CMS}:10:4` });
  assert.deepStrictEqual(roles(c), {});
  assert.deepStrictEqual(problems(c), []);
  assert.deepStrictEqual(c.files, [CMS]);
  assert.deepStrictEqual(c.yaml, {});
  assert.deepStrictEqual(annotations, { blocks: 1, attached: 1, nonSettingToggles: 0, reported: 0 });
});
