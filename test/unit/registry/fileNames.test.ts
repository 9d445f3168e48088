import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idaFromFileName, isYamlFileName } from '../../../server/src/registry/fileNames';

test('the file-name table of OPENEDX-SETTINGS.md §3', () => {
  const cases: Array<[string, string | undefined]> = [
    ['/srv/lms.yml', 'lms'],
    ['/srv/lms.env.yml', 'lms'],
    ['/repo/lms/envs/devstack.yml', 'lms'],
    ['/repo/lms/envs/minimal.yml', 'lms'],
    ['/srv/studio.yml', 'studio'],
    ['/srv/cms.yml', 'studio'],
    ['/srv/cms.env.yml', 'studio'],
    ['/repo/cms/envs/mock.yml', 'studio'],
    ['/srv/credentials.yml', 'credentials'],
    ['/srv/ecommerce.yml', 'ecommerce'],
    ['/srv/ecomworker.yml', undefined],
    ['/srv/discovery.yml', 'discovery'],
    ['/srv/registrar.yml', 'registrar'],
    ['/srv/license_manager.yml', 'license-manager'],
    ['/srv/enterprise_catalog.yml', 'enterprise-catalog'],
    ['/srv/analytics_api.yml', 'analytics-api'],
    ['/srv/xqueue.yml', 'xqueue'],
    ['/srv/edx_notes_api.yml', 'edx-notes-api'],
    ['/srv/devstack.yml', undefined],
    ['/srv/docker-compose.yml', undefined],
    ['/srv/lms.json', undefined],
    ['/srv/lms/envs/common.py', undefined],
  ];
  for (const [file, ida] of cases) assert.equal(idaFromFileName(file), ida, file);
});

test("Tutor's templates and .yaml spellings", () => {
  assert.equal(idaFromFileName('/t/apps/openedx/config/lms.env.yml.jinja'), 'lms');
  assert.equal(idaFromFileName('/t/apps/openedx/config/cms.env.yml.jinja'), 'studio');
  assert.equal(idaFromFileName('/t/credentials.env.yml'), 'credentials');
  assert.equal(idaFromFileName('/t/lms.yaml'), 'lms');
  assert.equal(idaFromFileName('C:\\deploy\\lms\\envs\\test.yml'), 'lms');
  assert.equal(idaFromFileName(''), undefined);
});

test('isYamlFileName accepts templates, rejects the rest', () => {
  assert.equal(isYamlFileName('a/devstack.yml'), true);
  assert.equal(isYamlFileName('a/x.yaml'), true);
  assert.equal(isYamlFileName('a/x.env.yml.jinja'), true);
  assert.equal(isYamlFileName('a/x.py'), false);
  assert.equal(isYamlFileName('a/yml'), false);
});
