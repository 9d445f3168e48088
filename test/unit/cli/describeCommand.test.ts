/**
 * `openedx-config describe` through the real command, on the demo IDA's shipped schema (generated
 * and pinned to a commit of our own, `test/helpers/demoUpstream.ts`): the shipped facts alone,
 * then with the documentation `docs fetch` downloaded from the local stand-in upstream, then
 * live from the demo sources; in the three formats.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DESCRIBE_USAGE } from '../../../server/src/cli/describeCommand';
import { runCli, type CliRun } from '../../helpers/cli';
import { DEMO_COMMIT, DEMO_REPO, DEMO_SOURCES, startDemoUpstream, type DemoUpstream } from '../../helpers/demoUpstream';

const PERMALINK = `https://github.com/${DEMO_REPO}/blob/${DEMO_COMMIT}/demo/settings/defaults.py#L15`;
const REVISION = `${DEMO_REPO}@${DEMO_COMMIT.slice(0, 10)} (2026-12-08)`;
const DESCRIPTION = 'Name of the learning platform, shown in page titles and e-mails.';

let upstream: DemoUpstream;
let cache: string;

before(async () => {
  for (const name of ['http_proxy', 'HTTP_PROXY']) delete process.env[name];
  upstream = await startDemoUpstream();
  cache = path.join(upstream.root, 'cache');
});

after(async () => {
  await upstream?.close();
});

/** Runs `describe` on the demo IDA with the test's cache and schemas. */
function describe(...args: string[]): Promise<CliRun> {
  return runCli('describe', ...args, '--ida', 'demo', '--cache', cache, '--schemas', upstream.schemasDir);
}

/** The JSON record of PLATFORM_NAME, from `source`, with `description` and a definition link to `url`. */
function platformName(source: string, description: string | null, url: string): object {
  return {
    name: 'PLATFORM_NAME',
    known: true,
    ida: 'demo',
    source,
    type: 'string',
    default: 'Demo Learning',
    defaultPython: "_('Demo Learning')",
    description,
    origin: 'demo/settings/defaults.py:15',
    layer: null,
    links: [{ kind: 'definition', url }],
    suggestion: null,
    message: null,
  };
}

/** The text block of PLATFORM_NAME with this description line and source, as shipped (the permalink). */
function platformNameText(description: string, source: string): string[] {
  return [
    'PLATFORM_NAME',
    '  type:        string',
    '  default:     "Demo Learning"',
    `  description: ${description}`,
    `  defined in:  demo/settings/defaults.py:15 ${PERMALINK}`,
    `  source:      ${source} (${REVISION})`,
  ];
}

test('before any download: the shipped facts, no description, the upstream permalink, and how to get the documentation', async () => {
  const json = await describe('PLATFORM_NAME', '--format', 'json');
  assert.deepEqual([json.code, json.stderr], [0, '']);
  assert.deepEqual(JSON.parse(json.stdout), [platformName('shipped', null, PERMALINK)]);
  assert.deepEqual(await describe('PLATFORM_NAME'), {
    code: 0,
    stderr: '',
    stdout: [...platformNameText('(no description: run `openedx-config docs fetch --ida demo`)', 'shipped'), ''].join('\n'),
  });
});

test('after `docs fetch`: the downloaded documentation over the shipped facts, in the three formats', async () => {
  const fetched = await runCli('docs', 'fetch', '--ida', 'demo', '--base-url', upstream.baseUrl, '--cache', cache, '--schemas', upstream.schemasDir);
  assert.equal(fetched.code, 0, fetched.stderr);
  const json = await describe('PLATFORM_NAME', '--format', 'json');
  assert.deepEqual([json.code, json.stderr], [0, '']);
  assert.deepEqual(JSON.parse(json.stdout), [platformName('documentation', DESCRIPTION, PERMALINK)]);
  assert.deepEqual(await describe('PLATFORM_NAME', 'LANGUAGES'), {
    code: 0,
    stderr: '',
    stdout: [
      ...platformNameText(DESCRIPTION, 'shipped+docs'),
      '',
      'LANGUAGES',
      '  type:        list',
      '  default:     [["en","English"],["fr","Français"]]',
      '  description: Languages offered in the interface, as (code, name) pairs.',
      `  defined in:  demo/settings/defaults.py:33 https://github.com/${DEMO_REPO}/blob/${DEMO_COMMIT}/demo/settings/defaults.py#L33`,
      `  source:      shipped+docs (${REVISION})`,
      '',
    ].join('\n'),
  });
  // The hover's Markdown, as `renderPropertyMarkdown` makes it.
  assert.deepEqual(await describe('PLATFORM_NAME', '--format', 'markdown'), {
    code: 0,
    stderr: '',
    stdout: [
      '**`PLATFORM_NAME`** · `string`',
      '',
      DESCRIPTION,
      '',
      '**Default:**',
      '',
      '```yaml',
      'PLATFORM_NAME: Demo Learning',
      '```',
      '',
      `Defined in [demo/settings/defaults.py:15](${PERMALINK}) (${DEMO_REPO}@c0ffee0)`,
      '',
    ].join('\n'),
  });
});

test('--sources: the live schema of the checkout, linking the local file', async () => {
  const url = `${pathToFileURL(path.join(DEMO_SOURCES, 'demo', 'settings', 'defaults.py')).href}#L15`;
  const json = await describe('PLATFORM_NAME', '--sources', DEMO_SOURCES, '--format', 'json');
  assert.deepEqual([json.code, json.stderr], [0, '']);
  assert.deepEqual(JSON.parse(json.stdout), [platformName('live', DESCRIPTION, url)]);
  const text = await describe('PLATFORM_NAME', '--sources', DEMO_SOURCES);
  assert.deepEqual(text.stdout.split('\n').slice(3), [`  description: ${DESCRIPTION}`, `  defined in:  demo/settings/defaults.py:15 ${url}`, `  source:      live (${DEMO_SOURCES})`, '']);
});

test('unknown names: known false with the suggestion the editor makes, exit 1', async () => {
  const text = await describe('PLATFORM_NAM', 'SERVICE_NAME', 'JWT_AUTH.JWT_ISSUR');
  assert.equal(text.code, 1);
  const blocks = text.stdout.split('\n\n');
  assert.deepEqual([blocks[0], blocks[2]], [
    'PLATFORM_NAM\n  unknown:     Unknown setting `PLATFORM_NAM`: did you mean `PLATFORM_NAME`?',
    'JWT_AUTH.JWT_ISSUR\n  unknown:     Unknown key `JWT_ISSUR` in `JWT_AUTH`: did you mean `JWT_ISSUER`?\n',
  ]);
  const json = await describe('PLATFORM_NAM', '--format', 'json');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout), [
    {
      name: 'PLATFORM_NAM',
      known: false,
      ida: 'demo',
      source: null,
      type: null,
      default: null,
      defaultPython: null,
      description: null,
      origin: null,
      layer: null,
      links: [],
      suggestion: 'PLATFORM_NAME',
      message: 'Unknown setting `PLATFORM_NAM`: did you mean `PLATFORM_NAME`?',
    },
  ]);
  assert.deepEqual(await describe('NOT_EVEN_CLOSE.KEY', '--format', 'markdown'), {
    code: 1,
    stderr: '',
    stdout: '`NOT_EVEN_CLOSE` is not defined by demo settings; only a plugin could read it.\n',
  });
});

test('usage errors and an IDA without a schema: exit 2', async () => {
  assert.deepEqual(await runCli('describe', '--ida', 'demo'), { code: 2, stdout: '', stderr: `openedx-config: no setting NAME given\n${DESCRIBE_USAGE}\n` });
  assert.deepEqual(await runCli('describe', 'X', '--format', 'yaml'), {
    code: 2,
    stdout: '',
    stderr: `openedx-config: --format must be one of: text, json, markdown (got "yaml")\n${DESCRIBE_USAGE}\n`,
  });
  assert.deepEqual(await runCli('describe', 'X', '--ida', 'nosuch', '--cache', cache, '--schemas', upstream.schemasDir), {
    code: 2,
    stdout: '',
    stderr: 'openedx-config: no schema is known for IDA "nosuch"\n',
  });
});
