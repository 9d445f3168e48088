import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentFromPath } from '../../../server/src/service/environment';

test('the environment of a config file by its name and folder (the table in docs/settings.md)', () => {
  const table: Array<[string, string]> = [
    ['/srv/lms.yml', 'production'],
    ['/srv/lms.env.yml.j2', 'production'],
    ['/srv/production.yml', 'production'],
    ['/srv/devstack.yml', 'devstack'],
    ['/srv/lms-devstack.yml', 'devstack'],
    ['/srv/devstack_docker.yaml', 'devstack'],
    ['/srv/lms/devstack/lms.yml', 'devstack'],
    ['/srv/lms-dev.yml', 'devstack'],
    ['/srv/lms.dev.yml', 'devstack'],
    ['/srv/development.yml', 'devstack'],
    ['/srv/test.yml', 'test'],
    ['/srv/lms.test.yml', 'test'],
    ['/srv/lms-test.yml', 'test'],
    ['/srv/tests/lms.yml', 'test'],
    ['/srv/test/lms.yml', 'test'],
    ['/srv/mock.yml', 'test'],
    ['/srv/local.yml', 'local'],
    ['/srv/lms.local.yml', 'local'],
    ['/srv/minimal.yml', 'local'],
    ['file:///srv/devstack.yml', 'devstack'],
    ['C:\\deploy\\devstack\\lms.yml', 'devstack'],
    // Only the file's own folder counts: a checkout under /home/test is no test file.
    ['/home/test/deploy/lms.yml', 'production'],
    // Words, not substrings: `latest` and `developer` say nothing.
    ['/srv/latest.yml', 'production'],
    ['/srv/developer.yml', 'production'],
    ['', 'production'],
  ];
  assert.deepEqual(table.map(([p]) => [p, environmentFromPath(p)]), table);
});
