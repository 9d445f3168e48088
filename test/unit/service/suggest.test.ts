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
