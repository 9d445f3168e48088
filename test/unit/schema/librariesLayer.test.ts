import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SettingReader } from '../../../server/src/catalog/types';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';
import { layLibraries, mergeLibrariesSchema, mergeReaders, MAX_READERS } from '../../../server/src/schema/librariesLayer';
import { renderPropertyMarkdown } from '../../../server/src/service/markdown';
import { schemaDocument } from './fixtures';

const schema = (ida: string, layout: 'ida' | 'library', properties: Record<string, PropertySchema>, extra: Partial<IdaSchema['x-openedx-schema']> = {}): IdaSchema => schemaDocument(ida, properties, [], layout, extra);

const reader = (pkg: string, file: string, line: number, how: SettingReader['how'] = 'getattr', version = '1.2.3'): SettingReader => ({ package: pkg, version, file, line, how });
const facts = (file: string, line: number, readers?: SettingReader[]): PropertySchema['x-openedx'] => ({
  origin: { file, line, column: 0 },
  typeKind: 'json',
  typeFrom: 'literal',
  ...(readers !== undefined ? { readers } : {}),
});

/** A library layer of our own invention: a key nobody defines, and a dict key with nested defaults. */
function libraries(root?: string): IdaSchema {
  return schema(
    'libraries',
    'library',
    {
      DEMO_TIMEOUT: { type: 'integer', default: 30, 'x-openedx': facts('demo_lib/conf.py', 12, [reader('demo-lib', 'demo_lib/conf.py', 12)]) },
      DEMO_AUTH: {
        type: 'object',
        properties: {
          ISSUER: { type: 'string', default: 'x', 'x-openedx': facts('demo_lib/auth.py', 4, [reader('demo-lib', 'demo_lib/auth.py', 4, 'defaults')]) },
          LEEWAY: { type: 'integer', default: 1, 'x-openedx': facts('demo_lib/auth.py', 5, [reader('demo-lib', 'demo_lib/auth.py', 5, 'defaults')]) },
        },
        'x-openedx': facts('demo_lib/auth.py', 20, [reader('demo-lib', 'demo_lib/auth.py', 20)]),
      },
    },
    { source: { ...(root !== undefined ? { root } : {}), files: ['demo_lib/auth.py', 'demo_lib/conf.py'] }, packages: [{ name: 'demo-lib', version: '1.2.3', home: 'https://demo-lib.example/docs' }] },
  );
}

function ida(): IdaSchema {
  return schema('demo', 'ida', {
    DEMO_AUTH: { type: 'object', default: { ISSUER: 'ours' }, properties: { ISSUER: { type: 'string', 'x-openedx': facts('settings.py', 8) } }, 'x-openedx': facts('settings.py', 7) },
    OWN: { type: 'string', 'x-openedx': facts('settings.py', 3) },
  });
}

test('mergeLibrariesSchema: a key only a library reads is added with the layer; a key the IDA defines keeps its property and gains readers and nested keys', () => {
  const lib = libraries('/site-packages');
  const own = ida();
  const before = JSON.stringify([lib, own]);
  const merged = mergeLibrariesSchema(lib, own);
  assert.equal(JSON.stringify([lib, own]), before, 'inputs untouched');
  assert.deepEqual(Object.keys(merged.properties), ['DEMO_AUTH', 'DEMO_TIMEOUT', 'OWN']);
  assert.deepEqual(merged.properties.DEMO_TIMEOUT['x-openedx']?.origin, { file: 'demo_lib/conf.py', line: 12, column: 0, layer: 'libraries' });
  assert.deepEqual(merged.properties.DEMO_TIMEOUT.type, ['integer', 'number', 'null'], "a library's integer default allows a float, and null stands for unset");
  const auth = merged.properties.DEMO_AUTH;
  assert.deepEqual(auth.default, { ISSUER: 'ours' }, 'the IDA default stays');
  assert.deepEqual(auth['x-openedx']?.origin, { file: 'settings.py', line: 7, column: 0 });
  assert.deepEqual(auth['x-openedx']?.readers, [reader('demo-lib', 'demo_lib/auth.py', 20)]);
  assert.deepEqual(Object.keys(auth.properties ?? {}), ['ISSUER', 'LEEWAY']);
  assert.equal(auth.properties?.ISSUER['x-openedx']?.origin.file, 'settings.py', "the IDA's nested key wins");
  assert.deepEqual(auth.properties?.ISSUER['x-openedx']?.readers, [reader('demo-lib', 'demo_lib/auth.py', 4, 'defaults')]);
  assert.deepEqual(auth.properties?.LEEWAY['x-openedx']?.origin, { file: 'demo_lib/auth.py', line: 5, column: 0, layer: 'libraries' });
  assert.deepEqual(auth.properties?.LEEWAY.type, ['integer', 'number', 'null']);
  assert.equal(merged.properties.OWN, own.properties.OWN, 'untouched properties are the same objects');
  assert.deepEqual(merged['x-openedx-schema'].source.bases, [{ ida: 'libraries', root: '/site-packages', files: ['demo_lib/auth.py', 'demo_lib/conf.py'], packages: [{ name: 'demo-lib', version: '1.2.3', home: 'https://demo-lib.example/docs' }] }]);
  assert.equal(merged['x-openedx-schema'].counts.settings, 3);
  assert.deepEqual(merged.required, []);
});

test('mergeLibrariesSchema: nested keys are not added under a key the IDA types as a scalar', () => {
  const own = schema('demo', 'ida', { DEMO_AUTH: { type: 'string', 'x-openedx': facts('settings.py', 7) } });
  const merged = mergeLibrariesSchema(libraries(), own);
  assert.equal(merged.properties.DEMO_AUTH.properties, undefined);
  assert.deepEqual(merged.properties.DEMO_AUTH['x-openedx']?.readers, [reader('demo-lib', 'demo_lib/auth.py', 20)]);
});

test('layLibraries: the same pair gives the same schema and the same merged properties', () => {
  const lib = libraries();
  const own = ida();
  const first = layLibraries(own, lib);
  assert.equal(layLibraries(own, lib), first);
  const rebuilt = { ...own, properties: { ...own.properties } };
  const second = layLibraries(rebuilt, lib);
  assert.notEqual(second, first);
  assert.equal(second.properties.DEMO_AUTH, first.properties.DEMO_AUTH, 'a reused IDA property merges to the same object');
  assert.equal(second.properties.DEMO_TIMEOUT, first.properties.DEMO_TIMEOUT);
});

test('mergeLibrariesSchema: a libraries schema is not laid under itself', () => {
  const lib = libraries();
  assert.equal(mergeLibrariesSchema(lib, lib), lib);
});

test('mergeReaders: each place once, the first ones kept up to the bound', () => {
  const many = Array.from({ length: 8 }, (_, i) => reader('p', 'p/m.py', i + 1));
  assert.deepEqual(mergeReaders([many[0]], many).map((r) => r.line), [1, 2, 3, 4, 5]);
  assert.equal(MAX_READERS, 5);
});

test('hover of a key only a library reads: its readers with links, and no "Defined in"', () => {
  const merged = mergeLibrariesSchema(libraries('/site-packages'), ida());
  const text = renderPropertyMarkdown('DEMO_TIMEOUT', merged.properties.DEMO_TIMEOUT, merged);
  assert.equal(
    text,
    ['**`DEMO_TIMEOUT`** · `integer | number | null`', '**Default:**\n\n```yaml\nDEMO_TIMEOUT: 30\n```', 'Read by [demo-lib 1.2.3](https://demo-lib.example/docs) ([demo\\_lib/conf.py:12](file:///site-packages/demo_lib/conf.py#L12))'].join('\n\n'),
  );
});

test('hover of a nested key a library documents by its defaults, in a shipped layer pinned to a checkout', () => {
  const lib = libraries();
  lib['x-openedx-schema'].packages = [{ name: 'demo-lib', version: '1.2.3', repo: 'demo/demo-lib', commit: 'abcdef0123', folder: 'demo-lib' }];
  const moved = { ...lib.properties.DEMO_TIMEOUT, 'x-openedx': facts('demo-lib/demo_lib/conf.py', 12, [reader('demo-lib', 'demo-lib/demo_lib/conf.py', 12)]) };
  const merged = mergeLibrariesSchema({ ...lib, properties: { DEMO_TIMEOUT: moved } }, ida());
  const text = renderPropertyMarkdown('DEMO_TIMEOUT', merged.properties.DEMO_TIMEOUT, merged);
  assert.match(text, /\nRead by demo-lib 1\.2\.3 \(\[demo-lib\/demo\\_lib\/conf\.py:12\]\(https:\/\/github\.com\/demo\/demo-lib\/blob\/abcdef0123\/demo_lib\/conf\.py#L12\)\)$/);
});

test('mergeLibrariesSchema: a package another IDA installs reads nothing here', () => {
  const lib = libraries();
  lib.properties.PLATFORM_ONLY = { type: 'string', 'x-openedx': facts('plat/x.py', 3, [reader('plat-plugin', 'plat/x.py', 3)]) };
  const shared = lib.properties.DEMO_AUTH;
  lib.properties.DEMO_AUTH = { ...shared, 'x-openedx': facts('demo_lib/auth.py', 20, [reader('demo-lib', 'demo_lib/auth.py', 20), reader('plat-plugin', 'plat/y.py', 9)]) };
  lib['x-openedx-schema'].packages = [{ name: 'demo-lib', version: '1.2.3' }, { name: 'plat-plugin', version: '2.0', idas: ['lms'] }];
  const forLms = mergeLibrariesSchema(lib, schema('lms', 'ida', {}));
  assert.deepEqual(Object.keys(forLms.properties), ['DEMO_AUTH', 'DEMO_TIMEOUT', 'PLATFORM_ONLY']);
  assert.equal(forLms.properties.DEMO_AUTH['x-openedx']?.readers?.length, 2);
  const forCredentials = mergeLibrariesSchema(lib, schema('credentials', 'ida', {}));
  assert.deepEqual(Object.keys(forCredentials.properties), ['DEMO_AUTH', 'DEMO_TIMEOUT']);
  assert.deepEqual(forCredentials.properties.DEMO_AUTH['x-openedx']?.readers, [reader('demo-lib', 'demo_lib/auth.py', 20)]);
  assert.deepEqual(Object.keys(forCredentials.properties.DEMO_AUTH.properties ?? {}), ['ISSUER', 'LEEWAY'], 'nested keys of an installed package stay');
  assert.equal(forCredentials.properties.DEMO_TIMEOUT, forLms.properties.DEMO_TIMEOUT, 'a property all of whose packages apply is the same object');
  assert.equal(forCredentials['x-openedx-schema'].counts.settings, 2);
});

test('mergeLibrariesSchema: no nested keys under a mapping whose keys the IDA does not state (a proxy built by code)', () => {
  const own = schema('demo', 'ida', { DEMO_AUTH: { type: 'object', 'x-openedx': facts('settings.py', 7) } });
  const merged = mergeLibrariesSchema(libraries(), own);
  assert.equal(merged.properties.DEMO_AUTH.properties, undefined);
  assert.deepEqual(merged.properties.DEMO_AUTH['x-openedx']?.readers, [reader('demo-lib', 'demo_lib/auth.py', 20)]);
});

test("mergeLibrariesSchema: a plugin app's production overwrite is an `overwritten` role for the IDA that runs it, and nothing for the others", () => {
  const overwrite: SettingReader = { package: 'plug-pkg', version: '1.0', file: 'plug/settings/production.py', line: 2, how: 'overwrite', projects: ['lms.djangoapp'] };
  const lib = schema(
    'libraries',
    'library',
    {
      FIXED_URL: { type: 'string', default: 'https://fixed.example.com', 'x-openedx': facts('plug/settings/production.py', 2, [overwrite]) },
      OWN: { type: 'string', 'x-openedx': facts('plug/settings/production.py', 3, [{ ...overwrite, line: 3 }, reader('plug-pkg', 'plug/settings/common.py', 9, 'plugin', '1.0')]) },
    },
    { source: { root: '/site-packages', files: ['plug/settings/production.py'] }, packages: [{ name: 'plug-pkg', version: '1.0' }] },
  );
  const own = (ida: string): IdaSchema => schema(ida, 'ida', { OWN: { type: 'string', 'x-openedx': { ...(facts('settings.py', 3) as NonNullable<PropertySchema['x-openedx']>), roles: [{ kind: 'yaml-only', line: 40, file: 'production.py' }] } } });
  const lms = mergeLibrariesSchema(lib, own('lms'));
  const role = { kind: 'overwritten', line: 2, file: 'plug/settings/production.py', package: 'plug-pkg', version: '1.0' };
  assert.deepEqual(lms.properties.FIXED_URL['x-openedx']?.roles, [role]);
  assert.deepEqual(lms.properties.OWN['x-openedx']?.roles, [{ kind: 'yaml-only', line: 40, file: 'production.py' }, { ...role, line: 3 }], "the IDA's own roles first");
  assert.match(renderPropertyMarkdown('FIXED_URL', lms.properties.FIXED_URL, lms), /\*\*Overwritten after the file is loaded\*\* \(plug-pkg 1\.0, plug\/settings\/production\.py:2\): a value here has no effect\./);
  for (const other of ['studio', 'credentials']) {
    // Elsewhere the assignment is only that: the scan cannot tell which project runs the module.
    const merged = mergeLibrariesSchema(lib, own(other));
    assert.deepEqual(merged.properties.FIXED_URL['x-openedx']?.roles, undefined, other);
    assert.deepEqual(merged.properties.FIXED_URL['x-openedx']?.readers, [{ package: 'plug-pkg', version: '1.0', file: 'plug/settings/production.py', line: 2, how: 'plugin' }], other);
    assert.deepEqual(merged.properties.OWN['x-openedx']?.roles, [{ kind: 'yaml-only', line: 40, file: 'production.py' }], other);
    assert.deepEqual(
      merged.properties.OWN['x-openedx']?.readers,
      [
        { package: 'plug-pkg', version: '1.0', file: 'plug/settings/production.py', line: 3, how: 'plugin' },
        reader('plug-pkg', 'plug/settings/common.py', 9, 'plugin', '1.0'),
      ],
      other,
    );
  }
});
