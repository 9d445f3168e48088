/**
 * The platform's own plugin apps in the shipped LMS and Studio schemas, on the corpus's mock
 * files: the keys those apps set are known. The unknown keys left are counted exactly, with and
 * without the libraries layer, in libraries.test.ts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { check, checker, corpusFiles } from './corpus';

after(() => checker.dispose());

function unknownKeys(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === 'unknown-key').map((d) => (typeof d.message === 'string' ? d.message : d.message.value).split('`')[1]);
}

/** The keys of `PASSWORD_POLICY_COMPLIANCE_ROLLOUT_CONFIG`, a dict the password_policy app sets. */
const ROLLOUT = ['STAFF_USER_COMPLIANCE_DEADLINE', 'ELEVATED_PRIVILEGE_USER_COMPLIANCE_DEADLINE', 'GENERAL_USER_COMPLIANCE_DEADLINE'];

for (const [rel, known] of [
  // The ACE keys of ace_common, and the keys of password_policy's rollout dict.
  ['openedx-platform/lms/mock.yml', ['ACE_CHANNEL_DEFAULT_EMAIL', 'ACE_CHANNEL_TRANSACTIONAL_EMAIL', 'ACE_ENABLED_CHANNELS', 'ACE_ENABLED_POLICIES', ...ROLLOUT]],
  ['openedx-platform/cms/mock.yml', ROLLOUT],
] as [string, string[]][]) {
  test(`${rel}: the keys the platform's plugin apps set are known`, async () => {
    const file = corpusFiles().find((f) => f.rel === rel);
    assert.ok(file, `${rel} is in the corpus`);
    for (const key of known) assert.match(file.text, new RegExp(`^\\s*${key}:`, 'm'), `${key} is in ${rel}`);
    const unknown = unknownKeys((await check(file)).diagnostics);
    assert.deepStrictEqual(known.filter((k) => unknown.includes(k)), []);
  });
}
