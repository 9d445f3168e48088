/**
 * The older openedx-platform style (test/fixtures/extractor/platform-legacy): FEATURES is a dict
 * literal whose keys carry toggle annotations, and `FEATURES['X'] = …` edits it in place. Its
 * plugin apps are declared in `setup.py`, and `plugin_settings.add_plugins(…)` runs their
 * `plugin_settings` at the end of common.py and, with the older `aws` settings type, of production.py.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { COMPUTED, docs, extractFrom, fixturePath, json, nestedRow, origins, problems, readers, roles, row, rows, unknown } from './helpers';

const LMS = 'lms/envs/common.py';
const PROD = 'lms/envs/production.py';
const CMS = 'cms/envs/common.py';
const NOTES = 'lms/djangoapps/notes/settings/common.py';
const NOTES_AWS = 'lms/djangoapps/notes/settings/aws.py';
const BADGES = 'openedx/core/djangoapps/badges/settings/common.py';

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
      // Set by the notes plugin's `settings.FEATURES['ENABLE_EDXNOTES'] = True`.
      ENABLE_EDXNOTES: true,
    }),
    nestedRow(['FEATURES', 'ENABLE_DISCUSSION_SERVICE'], json(['boolean']), true),
    nestedRow(['FEATURES', 'ENABLE_SPECIAL_EXAMS'], json(['boolean']), false),
    nestedRow(['FEATURES', 'ENABLE_COURSEWARE_SEARCH'], json(['boolean']), false),
    nestedRow(['FEATURES', 'ENABLE_LTI_PROVIDER'], json(['boolean']), false),
    nestedRow(['FEATURES', 'ENABLE_EDXNOTES'], json(['boolean']), true),
    row('CELERY_QUEUES', json(['object']), { 'legacy.lms.default': {} }),
    // `settings.TRACKING_BACKENDS.update({...})` in the notes plugin.
    row('TRACKING_BACKENDS', json(['object']), { logger: { ENGINE: 'track.backends.logger.LoggerBackend' }, notes: { ENGINE: 'notes.backends.NotesBackend' } }),
    row('NOTES_API_URL', json(['string']), 'http://localhost:18120/api/v1'),
    // The plugin module's own constant, not a setting.
    row('NOTES_PAGE_SIZE', json(['integer']), 25),
    // `getattr(settings, 'BADGING_BACKEND', default)` where nothing set it: known, with the default.
    row('BADGING_BACKEND', json(['string']), 'badges.backends.badgr.BadgrBackend'),
    row('ENV_TOKENS', COMPUTED),
    row('AUTH_TOKENS', COMPUTED),
    // Read only from the YAML file by the plugin's production (aws) settings.
    row('NOTES_API_KEY', unknown(true), null),
  ]);
});

test('LMS: the plugin apps of setup.py run where add_plugins is called; their files are read after the module calling it', async () => {
  const c = await lms();
  assert.deepStrictEqual(c.files, [
    PROD,
    LMS,
    'setup.py',
    'lms/djangoapps/notes/apps.py',
    'openedx/core/djangoapps/badges/apps.py',
    NOTES,
    // Found by convention: the app's plugin_app is built by a function.
    BADGES,
    NOTES_AWS,
  ]);
  assert.deepStrictEqual(readers(c), {
    FEATURES: [`openedx-platform plugin ${NOTES}:21`],
    TRACKING_BACKENDS: [`openedx-platform plugin ${NOTES}:22`],
    NOTES_API_URL: [`openedx-platform plugin ${NOTES}:13`, `openedx-platform plugin ${NOTES_AWS}:10`],
    NOTES_PAGE_SIZE: [`openedx-platform plugin ${NOTES}:14`, `openedx-platform plugin ${NOTES_AWS}:13`],
    BADGING_BACKEND: [`openedx-platform getattr ${BADGES}:10`, `openedx-platform plugin ${BADGES}:10`],
    NOTES_API_KEY: [`openedx-platform plugin ${NOTES_AWS}:11`],
  });
});

test('LMS: per-key toggle annotations document the nested settings; a plain comment on a key does not', async () => {
  assert.deepStrictEqual(docs(await lms()), {
    'FEATURES.ENABLE_DISCUSSION_SERVICE': ['annotation', 'Shows the discussion tab in every course.', 12],
    'FEATURES.ENABLE_SPECIAL_EXAMS': ['annotation', 'Turns on timed and proctored exams.', 20],
    'FEATURES.ENABLE_COURSEWARE_SEARCH': ['annotation', 'Adds a search box to the courseware.', 34],
    'FEATURES.ENABLE_LTI_PROVIDER': ['annotation', "Lets other platforms embed this site's content over LTI.", 42],
    // In the plugin's body, as in a settings module: an annotation, a plain comment.
    'FEATURES.ENABLE_EDXNOTES': ['annotation', 'Lets learners take notes in the courseware.', 15],
    NOTES_API_URL: ['comment', "Where learners' notes are kept.", 12],
    ENV_TOKENS: ['comment', 'The older plugins read the YAML through these names.', 28],
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
    'FEATURES.ENABLE_EDXNOTES': `${NOTES}:15:4`,
    CELERY_QUEUES: `${LMS}:50:0`,
    TRACKING_BACKENDS: `${LMS}:52:0`,
    // The name after `settings.`.
    NOTES_API_URL: `${NOTES}:13:13`,
    NOTES_PAGE_SIZE: `${NOTES}:14:13`,
    // Declared by the getattr, then assigned by the same statement.
    BADGING_BACKEND: `${BADGES}:10:13`,
    ENV_TOKENS: `${PROD}:29:0`,
    AUTH_TOKENS: `${PROD}:30:0`,
    NOTES_API_KEY: `${NOTES_AWS}:11:29`,
  });
});

test('LMS: the YAML FEATURES mapping updates the dict (no deprecation); an excluded key left unhandled is ignored', async () => {
  assert.deepStrictEqual(roles(await lms()), {
    FEATURES: [{ kind: 'merged', depth: 'shallow', line: 23, file: PROD }],
    CELERY_QUEUES: [{ kind: 'yaml-only', line: 19, file: PROD, note: 'not assigned directly from the YAML' }],
    TRACKING_BACKENDS: [{ kind: 'merged', depth: 'shallow', line: 26, file: PROD }],
    // The plugin's production settings run after the YAML is loaded, as production.py's own lines.
    NOTES_API_URL: [{ kind: 'yaml-only', line: 10, file: NOTES_AWS }],
    NOTES_PAGE_SIZE: [{ kind: 'overwritten', line: 13, file: NOTES_AWS }],
    ENV_TOKENS: [{ kind: 'overwritten', line: 29, file: PROD }],
    AUTH_TOKENS: [{ kind: 'overwritten', line: 30, file: PROD }],
    NOTES_API_KEY: [{ kind: 'yaml-only', line: 11, file: NOTES_AWS }],
  });
});

test('LMS: the settings. prefix on a subscript name is reported at the name; YAML loading found', async () => {
  const c = await lms();
  assert.deepStrictEqual(problems(c), [['annotation-malformed', LMS, 20, 22]]);
  assert.equal(c.problems[0].message, "settings.FEATURES['ENABLE_SPECIAL_EXAMS']: name has a 'settings.' prefix");
  assert.deepStrictEqual(c.yaml, { envVar: 'LMS_CFG', module: PROD, line: 15 });
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
