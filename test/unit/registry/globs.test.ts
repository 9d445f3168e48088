import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob } from '../../../server/src/registry/globMatcher';
import { globMatcher, idaFromAssociations, MAX_GLOB_LENGTH, matchesGlob } from '../../../server/src/registry/globs';
import { referenceGlobRegExp } from './globReference';

test('glob syntax: *, ?, **, {a,b}, [..]', () => {
  const m = (glob: string, p: string): boolean => globMatcher(glob)?.test(p) ?? false;
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

/** Glob, text, whether it matches: the syntax's corners, as the `RegExp` translation answered them. */
const SEMANTICS: readonly [string, string, boolean][] = [
  ['**', 'a/b/c.yml', true],
  ['**', 'a\nb', false], // a final `**` is `.*`: no line breaks
  ['a/**', 'a/', true],
  ['a/**', 'a', false],
  ['**/b', 'b', true],
  ['**/b', 'x/y/b', true],
  ['**/b', 'x/yb', false],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a**b', 'axxb', true], // `**` inside a segment is `*`
  ['a**b', 'ax/xb', false],
  ['x/**b', 'x/yb', true],
  ['*', '', true],
  ['*', 'a/b', false],
  ['?', '/', false],
  ['?', '\n', true],
  ['{a,b', 'a', true], // an unclosed brace closes at the end
  ['{a,b', 'b', true],
  ['a,b', 'a,b', true], // `,` outside braces is literal
  ['a}', 'a}', true],
  ['{a,{b,c}d}', 'cd', true],
  ['{a,{b,c}d}', 'ad', false],
  ['{,x}y', 'y', true],
  ['{}', '', true],
  ['[a-c]', 'b', true],
  ['[a-c]', 'd', false],
  ['[!a-c]', 'd', true],
  ['[!a-c]', '/', true], // a class may match `/`
  ['[^a]', 'b', true],
  ['[\\]', '\\', true],
  ['[[]', '[', true],
  ['[a', '[a', true],
  ['[]', '[]', true], // `]` right after `[` starts the search for the closing one at the next character
  ['[!]', 'x', true],
  ['[z-a]', 'a', false],
  ['[]a]', ']a]', false], // `[]` was an empty class: it matches nothing
  ['{[]a],b}', 'b', true],
  ['a.b+c(d)|e$^', 'a.b+c(d)|e$^', true],
];

test('glob semantics: each corner of the syntax, as the RegExp translation had it', () => {
  for (const [glob, text, expected] of SEMANTICS) {
    assert.equal(globMatcher(glob)?.test(text) ?? false, expected, `${JSON.stringify(glob)} on ${JSON.stringify(text)}`);
    assert.equal(referenceGlobRegExp(glob)?.test(text) ?? false, expected, `reference: ${JSON.stringify(glob)} on ${JSON.stringify(text)}`);
  }
});

test('glob semantics: random globs and paths match as the RegExp translation matched them', () => {
  const glob = fc.array(fc.constantFrom('a', 'b', '/', '*', '**', '**/', '?', '{', ',', '}', '[a-b]', '[!a]', '[', ']', '.', 'A'), { maxLength: 8 }).map((p) => p.join(''));
  const text = fc.array(fc.constantFrom('a', 'b', '/', '.', 'A', '[', ']', '{', '}', ','), { maxLength: 10 }).map((p) => p.join(''));
  fc.assert(
    fc.property(glob, text, fc.boolean(), (g, t, ignoreCase) => {
      // After `[]`, the RegExp read the rest of the class as RegExp source (`[]*]` matched `]`): not kept.
      fc.pre(!g.includes('[]') || g.indexOf(']', g.indexOf('[]') + 2) < 0);
      const reference = referenceGlobRegExp(g, ignoreCase);
      assert.equal(compileGlob(g, ignoreCase)?.test(t) ?? false, reference?.test(t) ?? false, `${JSON.stringify(g)} on ${JSON.stringify(t)}, ignoreCase ${ignoreCase}`);
    }),
    { numRuns: 3000 },
  );
});

test('a glob that backtracked catastrophically as a RegExp matches in linear time', (t) => {
  const name = `/w/${'a'.repeat(60)}`;
  const deep = `/w/${'a/'.repeat(30)}y.yml`;
  const cases: [string, string, boolean][] = [
    [`${'a*'.repeat(25)}b`, name, false],
    [`${'a*'.repeat(25)}`, name, true],
    [`${'**/'.repeat(30)}x.yml`, deep, false],
    [`${'**/'.repeat(30)}y.yml`, deep, true],
    [`${'{a,a*}'.repeat(40)}b`, name, false],
    [`${'?*'.repeat(400)}b`, `/w/${'a'.repeat(4000)}`, false],
  ];
  for (const [glob, file, expected] of cases) {
    const started = performance.now();
    assert.equal(matchesGlob(glob, file, ['/w']), expected, glob.slice(0, 20));
    const ms = performance.now() - started;
    t.diagnostic(`${glob.slice(0, 12)}… (${glob.length} chars) on ${file.length} chars: ${ms.toFixed(1)} ms`);
    // A hang guard only: these took minutes before.
    assert.ok(ms < 2000, `${ms} ms`);
  }
});

test(`a glob longer than ${MAX_GLOB_LENGTH} characters never matches`, () => {
  assert.equal(globMatcher('*'.repeat(MAX_GLOB_LENGTH)) === null, false);
  assert.equal(globMatcher('*'.repeat(MAX_GLOB_LENGTH + 1)), null);
});
