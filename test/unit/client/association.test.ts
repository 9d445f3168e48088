import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { associationTarget, escapeGlob, withAssociation } from '../../../client/src/association';
import { matchesGlob } from '../../../server/src/registry/globs';

describe('associationTarget', () => {
  it('writes a folder-relative glob into the folder settings', () => {
    assert.deepEqual(associationTarget('deploy/app.yml', '/w/deploy/app.yml'), { glob: 'deploy/app.yml', scope: 'folder' });
    assert.deepEqual(associationTarget('deploy\\app.yml', 'C:\\w\\deploy\\app.yml'), { glob: 'deploy/app.yml', scope: 'folder' });
  });

  it('writes the absolute path into the user settings for a file outside every folder', () => {
    assert.deepEqual(associationTarget(undefined, '/etc/edx/site.yml'), { glob: '/etc/edx/site.yml', scope: 'global' });
  });

  it('escapes glob metacharacters so that the glob matches only the file', () => {
    assert.equal(escapeGlob('cfg/[prod]{a,b}*?.yml'), 'cfg/[[]prod][{]a,b[}][*][?].yml');
  });

  it('produces globs the server matches against this file and no other', () => {
    const folders = ['/w'];
    const { glob } = associationTarget('cfg/[prod]*.yml', '/w/cfg/[prod]*.yml');
    assert.equal(matchesGlob(glob, '/w/cfg/[prod]*.yml', folders), true);
    assert.equal(matchesGlob(glob, '/w/cfg/p.yml', folders), false);
    assert.equal(matchesGlob(glob, '/w/cfg/[prod]x.yml', folders), false);
    const outside = associationTarget(undefined, '/etc/edx/site.yml').glob;
    assert.equal(matchesGlob(outside, '/etc/edx/site.yml', folders), true);
    assert.equal(matchesGlob(outside, '/etc/edx/other.yml', folders), false);
  });
});

describe('withAssociation', () => {
  it('puts the new entry first, since the first match wins', () => {
    const next = withAssociation({ '**/*.yml': 'lms', 'a.yml': 'studio' }, 'cfg/a.yml', 'credentials');
    assert.deepEqual(Object.entries(next), [
      ['cfg/a.yml', 'credentials'],
      ['**/*.yml', 'lms'],
      ['a.yml', 'studio'],
    ]);
  });

  it('replaces an existing entry for the same glob', () => {
    assert.deepEqual(Object.entries(withAssociation({ 'x.yml': 'lms', 'cfg/a.yml': 'lms' }, 'cfg/a.yml', 'studio')), [
      ['cfg/a.yml', 'studio'],
      ['x.yml', 'lms'],
    ]);
  });

  it('starts from nothing', () => {
    assert.deepEqual(withAssociation(undefined, 'a.yml', 'lms'), { 'a.yml': 'lms' });
  });
});
