/**
 * Distributions of a site-packages folder from their metadata (wheel `*.dist-info`, Debian's and
 * setuptools' `*.egg-info` folders and files), who owns each top-level package, entry points, and
 * the modules of each distribution that the scan reads.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listDistributions, normalizeName, parseEntryPoints, parseMetadataHeaders, parseRecordPaths } from '../../../server/src/libraries/distributions';
import { DEFAULT_SCAN_LIMITS } from '../../../server/src/libraries/limits';
import { distributionModules } from '../../../server/src/libraries/walk';
import { removeAll, tempFolder, wheel, writeFiles } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

test('metadata headers stop at the first blank line', () => {
  assert.deepEqual(parseMetadataHeaders('Metadata-Version: 2.1\nName: Django\nVersion: 3.2.25\n\nName: body\n'), { name: 'Django', version: '3.2.25' });
  assert.deepEqual(parseMetadataHeaders('Summary: x\r\nversion:1.0\r\n'), { version: '1.0' });
  assert.deepEqual(parseMetadataHeaders(''), {});
});

test('entry points: groups in order, comments and lines without = skipped, a group seen twice is one', () => {
  const text = '# comment\n[lms.djangoapp]\nmy_app = my_app.apps:MyConfig\n; note\nbroken line\n\n[console_scripts]\ntool=pkg.cli:main [extra]\n[lms.djangoapp]\nother = other.apps:OtherConfig\n';
  assert.deepEqual(parseEntryPoints(text), {
    'lms.djangoapp': [
      { name: 'my_app', value: 'my_app.apps:MyConfig' },
      { name: 'other', value: 'other.apps:OtherConfig' },
    ],
    console_scripts: [{ name: 'tool', value: 'pkg.cli:main [extra]' }],
  });
});

test('RECORD paths, quoted ones included', () => {
  assert.deepEqual(parseRecordPaths('a/b.py,sha256=x,10\n"a/with,comma.py",sha256=y,2\n"a/q""uote.py",,\nbare\n\n'), ['a/b.py', 'a/with,comma.py', 'a/q"uote.py', 'bare']);
});

test('names compare as PEP 503 says', () => {
  assert.deepEqual(['Django', 'django_cors_headers', 'Foo.Bar--baz'].map(normalizeName), ['django', 'django-cors-headers', 'foo-bar-baz']);
});

test('a site-packages folder: wheels, egg-info folders and files, a duplicate, top-level ownership, folders of no distribution', () => {
  const root = tempFolder('dists');
  folders.push(root);
  writeFiles(root, {
    // A wheel without top_level.txt: its RECORD tells its top-level packages.
    ...wheel('django-cors-headers', '3.14.0', { 'corsheaders/__init__.py': '', 'corsheaders/conf.py': '' }, { 'entry_points.txt': '[lms.djangoapp]\ncors = corsheaders.apps:CorsConfig\n' }),
    // Debian's egg-info: PKG-INFO and top_level.txt only.
    'Django-3.2.25.egg-info/PKG-INFO': 'Metadata-Version: 2.1\nName: Django\nVersion: 3.2.25\n',
    'Django-3.2.25.egg-info/top_level.txt': 'django\n',
    'django/__init__.py': '',
    'django/conf/__init__.py': '',
    'django/__pycache__/x.cpython-311.pyc': 'bytes',
    'django/tests/test_x.py': '',
    // The same distribution twice: the dist-info wins.
    'cryptography.egg-info/PKG-INFO': 'Name: cryptography\nVersion: 38.0.4\n',
    'cryptography.egg-info/top_level.txt': 'cryptography\n',
    ...wheel('cryptography', '38.0.4', { 'cryptography/__init__.py': '' }),
    // An egg-info file (no folder): its name tells the top-level module.
    'cupshelpers-1.0-py3.10.egg-info': 'Metadata-Version: 1.1\nName: cupshelpers\nVersion: 1.0\n',
    'cupshelpers/__init__.py': '',
    // pip's egg-info: installed-files.txt, relative to the metadata folder.
    'legacy-2.0.egg-info/PKG-INFO': 'Name: legacy\nVersion: 2.0\n',
    'legacy-2.0.egg-info/top_level.txt': 'legacy\n',
    'legacy-2.0.egg-info/installed-files.txt': '../legacy/__init__.py\n../legacy/core.py\nPKG-INFO\n',
    'legacy/__init__.py': '',
    'legacy/core.py': '',
    'legacy/unlisted.py': '',
    // Of no distribution: a package and a module.
    'orphan/__init__.py': '',
    'orphan/sub/deep.py': '',
    'loose.py': '',
    'not-importable/x.py': '',
    '__pycache__/y.pyc': '',
  });
  const listing = listDistributions(root);
  assert.deepEqual(
    listing.distributions.map((d) => [d.name, d.version ?? null, d.kind, d.metadata ?? null, d.fileList ?? null, d.topLevel]),
    [
      ['cryptography', '38.0.4', 'dist-info', 'cryptography-38.0.4.dist-info', 'RECORD', ['cryptography']],
      ['cupshelpers', '1.0', 'egg-info', 'cupshelpers-1.0-py3.10.egg-info', null, ['cupshelpers']],
      ['Django', '3.2.25', 'egg-info', 'Django-3.2.25.egg-info', null, ['django']],
      ['django-cors-headers', '3.14.0', 'dist-info', 'django_cors_headers-3.14.0.dist-info', 'RECORD', ['corsheaders']],
      ['legacy', '2.0', 'egg-info', 'legacy-2.0.egg-info', 'installed-files.txt', ['legacy']],
      ['loose', null, 'none', null, null, ['loose']],
      ['orphan', null, 'none', null, null, ['orphan']],
    ],
  );
  assert.deepEqual(listing.problems, []);
  const cors = listing.distributions[3];
  assert.deepEqual(cors.entryPoints, { 'lms.djangoapp': [{ name: 'cors', value: 'corsheaders.apps:CorsConfig' }] });
  assert.match(cors.stamp, /^\d+:\d+;\d+:\d+$/);
  const modules = (i: number): string[] => distributionModules(root, listing.distributions[i], DEFAULT_SCAN_LIMITS).files;
  assert.deepEqual(modules(2), ['django/__init__.py', 'django/conf/__init__.py']);
  assert.deepEqual(modules(3), ['corsheaders/__init__.py', 'corsheaders/conf.py']);
  assert.deepEqual(modules(4), ['legacy/__init__.py', 'legacy/core.py']);
  assert.deepEqual(modules(5), ['loose.py']);
  assert.deepEqual(modules(6), ['orphan/__init__.py', 'orphan/sub/deep.py']);
});

test('a folder that cannot be listed is a problem, not an exception', () => {
  const listing = listDistributions(path.join(tempFolder('missing'), 'nothing-here'));
  folders.push(path.dirname(listing.root));
  assert.deepEqual(listing.distributions, []);
  assert.deepEqual(listing.problems.map((p) => [p.code, p.message.replace(listing.root, 'ROOT')]), [['unreadable-file', 'cannot list ROOT: ENOENT']]);
});

test('the walk of a distribution without file list: links inside followed once, links outside not, depth and count bounded', () => {
  const root = tempFolder('walk');
  const outside = tempFolder('walk-outside');
  folders.push(root, outside);
  writeFiles(outside, { 'secret.py': 'from django.conf import settings\n' });
  writeFiles(root, {
    'pkg-1.0.egg-info/PKG-INFO': 'Name: pkg\nVersion: 1.0\n',
    'pkg-1.0.egg-info/top_level.txt': 'pkg\n',
    'pkg/__init__.py': '',
    'pkg/a/b/c/d.py': '',
    'pkg/z.py': '',
  });
  fs.symlinkSync(path.join(root, 'pkg'), path.join(root, 'pkg', 'loop'));
  fs.symlinkSync(outside, path.join(root, 'pkg', 'elsewhere'));
  fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'pkg', 'linked.py'));
  const dist = listDistributions(root).distributions[0];
  assert.deepEqual(distributionModules(root, dist, DEFAULT_SCAN_LIMITS), { files: ['pkg/__init__.py', 'pkg/a/b/c/d.py', 'pkg/z.py'], problems: [] });
  const shallow = distributionModules(root, dist, { ...DEFAULT_SCAN_LIMITS, maxDepth: 2 });
  assert.deepEqual(shallow.files, ['pkg/__init__.py', 'pkg/z.py']);
  assert.deepEqual(shallow.problems, [{ code: 'limit-reached', message: 'folders nested more than 2 levels deep; pkg/a/b/c and deeper ones were not read', file: 'pkg/a/b/c', line: 1, column: 0 }]);
  const few = distributionModules(root, dist, { ...DEFAULT_SCAN_LIMITS, maxFilesPerDistribution: 2 });
  assert.equal(few.files.length, 2);
  assert.deepEqual(few.problems.map((p) => p.message), ['more than 2 Python files in this distribution; the others were not read']);
});
