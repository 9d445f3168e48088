import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, maxEditDistance, SuggestionIndex } from '../../../server/src/service/suggest';

test('edit distance counts a swap of neighbours as one edit (Damerau-Levenshtein, OSA)', () => {
  assert.equal(editDistance('SECRET_KEY', 'SECERT_KEY'), 1);
  assert.equal(editDistance('PORT', 'PROT'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('LONG_NAME_ONE', 'OTHER', 1), 2, 'stops early past the limit');
});

test('the allowed distance grows with the length of the name', () => {
  assert.deepEqual([3, 4, 15, 16, 24].map(maxEditDistance), [0, 1, 1, 2, 3]);
});

test('suggestions: closest known name, case differences first, nothing for far names', () => {
  const index = new SuggestionIndex(['SECRET_KEY', 'SECRET_KEYS', 'PORT', 'LMS_ROOT_URL', 'CMS_BASE']);
  assert.equal(index.suggest('SECRT_KEY'), 'SECRET_KEY');
  assert.equal(index.suggest('secret_key'), 'SECRET_KEY');
  assert.equal(index.suggest('PROT'), 'PORT');
  assert.equal(index.suggest('LMS_ROOT_URLS'), 'LMS_ROOT_URL');
  assert.equal(index.suggest('MY_PLUGIN_SETTING'), undefined);
  assert.equal(index.suggest('PORT'), undefined, 'a known name is no typo');
  assert.equal(index.suggest('ABC'), undefined, 'three letters: only exact case variants');
});

test('suggestions: two names as close give none (a quick fix would pick one at random)', () => {
  const index = new SuggestionIndex(['CELERY_QUEUE', 'CELERY_QUEUES', 'FEATURE_A', 'FEATURE_B']);
  // FEATURE_C is one edit from both FEATURE_A and FEATURE_B.
  assert.equal(index.suggest('FEATURE_C'), undefined);
  // CELERY_QUEUEX is one edit from CELERY_QUEUES and from CELERY_QUEUE: tied.
  assert.equal(index.suggest('CELERY_QUEUEX'), undefined);
  // CELERY_QUEUESS: one edit from CELERY_QUEUES, two from CELERY_QUEUE.
  assert.equal(index.suggest('CELERY_QUEUESS'), 'CELERY_QUEUES');
});
