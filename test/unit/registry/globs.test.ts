import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, idaFromAssociations, matchesGlob } from '../../../server/src/registry/globs';

test('glob syntax: *, ?, **, {a,b}, [..]', () => {
  const m = (glob: string, p: string): boolean => globToRegExp(glob)?.test(p) ?? false;
  assert.equal(m('*.yml', 'prod.yml'), true);
  assert.equal(m('*.yml', 'a/prod.yml'), false);
  assert.equal(m('**/*.yml', 'a/b/prod.yml'), true);
  assert.equal(m('**/*.yml', 'prod.yml'), true);
  assert.equal(m('configs/**', 'configs/a/b.yml'), true);
  assert.equal(m('prod-?.yml', 'prod-1.yml'), true);
  assert.equal(m('prod-?.yml', 'prod-10.yml'), false);
  assert.equal(m('{lms,cms}-*.yml', 'cms-prod.yml'), true);
  assert.equal(m('{lms,cms}-*.yml', 'ecommerce-prod.yml'), false);
  assert.equal(m('prod-[0-9].yml', 'prod-7.yml'), true);
  assert.equal(m('prod-[!0-9].yml', 'prod-7.yml'), false);
  assert.equal(m('a.b(c)+.yml', 'a.b(c)+.yml'), true);
  assert.equal(m('a.b', 'axb'), false);
});

test('patterns without a slash match the base name; others the workspace-relative or absolute path', () => {
  const ws = ['/work/site'];
  assert.equal(matchesGlob('prod-*.yml', '/work/site/deploy/prod-lms.yml', ws), true);
  assert.equal(matchesGlob('deploy/*.yml', '/work/site/deploy/prod-lms.yml', ws), true);
  assert.equal(matchesGlob('deploy/*.yml', '/work/other/deploy/prod-lms.yml', ws), false);
  assert.equal(matchesGlob('/work/other/**/*.yml', '/work/other/deploy/prod-lms.yml', ws), true);
  assert.equal(matchesGlob('**/deploy/*.yml', '/elsewhere/deploy/x.yml', []), true);
});

test('the first matching association wins, in the order written', () => {
  const associations = { 'deploy/lms-*.yml': 'lms', 'deploy/*.yml': 'studio' };
  assert.equal(idaFromAssociations(associations, '/w/deploy/lms-prod.yml', ['/w']), 'lms');
  assert.equal(idaFromAssociations(associations, '/w/deploy/other.yml', ['/w']), 'studio');
  assert.equal(idaFromAssociations(associations, '/w/other.yml', ['/w']), undefined);
  assert.equal(idaFromAssociations({ '[z-a].yml': 'lms' }, '/w/b.yml', ['/w']), undefined, 'a malformed glob matches nothing');
  assert.equal(idaFromAssociations({ '[.yml': 'lms' }, '/w/[.yml', ['/w']), 'lms', 'an unclosed bracket is a literal');
});
