/**
 * The npm package: `npm pack` from the checkout (its `files` allowlist), then the tarball installed
 * offline into a temporary folder — it has no runtime dependencies, its bundles hold them — and
 * its `openedx-config` command run from there: `check` on a file, and `lsp --stdio` driven by an
 * LSP client (initialize, didOpen of an lms.yml, the published diagnostics).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspTestClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp: string;
let tarball: string;
let installed: string;
let packed: string[];

/** Runs npm in `cwd` with a private cache; fails with its output. */
function runNpm(cwd: string, args: string[]): string {
  const r = spawnSync(npm, [...args, '--cache', path.join(tmp, 'npm-cache'), '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    shell: process.platform === 'win32',
  });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
  return r.stdout;
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-npm-'));
  const listing = JSON.parse(runNpm(ROOT, ['pack', '--json', '--pack-destination', tmp])) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(tmp, listing[0].filename);
  packed = listing[0].files.map((f) => f.path).sort();
  const app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', private: true }));
  // --offline: nothing may be fetched; it works only because the package depends on nothing.
  runNpm(app, ['install', '--offline', '--ignore-scripts', '--no-package-lock', tarball]);
  installed = path.join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'openedx-config.cmd' : 'openedx-config');
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the npm package', () => {
  it('has no runtime dependencies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  });

  it('holds the bundles, the wasm, the schemas, the command and the docs, and no sources, tests or maps', () => {
    const schemas = fs.readdirSync(path.join(ROOT, 'schemas'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/openedx-config.js',
      'dist/cli.js',
      'dist/client.js',
      'dist/extract-worker.js',
      'dist/scan-worker.js',
      'dist/server-main.js',
      'dist/server.js',
      'dist/tree-sitter-python.wasm',
      'dist/web-tree-sitter.wasm',
      'images/icon.png',
      'package.json',
      ...schemas,
      ...fs.readdirSync(path.join(ROOT, 'syntaxes')).map((f) => `syntaxes/${f}`),
    ].sort();
    assert.deepEqual(packed, expected);
  });

  it('runs `openedx-config check` from the installed package', () => {
    const file = path.join(tmp, 'lms.yml');
    fs.writeFileSync(file, 'LMS_ROOT_URL: https://lms.example.com\nSESSION_COOKIE_DOMAN: .example.com\n');
    const r = spawnSync(installed, ['check', file], { encoding: 'utf8', timeout: 60_000, shell: process.platform === 'win32' });
    assert.equal(r.stdout, `${file}:2:1 warning unknown-key Unknown setting \`SESSION_COOKIE_DOMAN\`: did you mean \`SESSION_COOKIE_DOMAIN\`?\n`);
    assert.equal(r.status, 0, r.stderr);
  });

  it('runs `openedx-config lsp --stdio` from the installed package: diagnostics are published', async () => {
    const client = await InstalledServer.start(installed);
    try {
      const file = path.join(tmp, 'lsp', 'lms.yml');
      fs.mkdirSync(path.dirname(file));
      const uri = URI.file(file).toString();
      await client.didOpen(uri, 'LMS_ROOT_URL: https://lms.example.com\nPLATFORM_NAME: 42\n', 'yaml');
      const published = await client.waitFor(`diagnostics of ${uri}`, () => client.published.find((p) => p.uri === uri));
      assert.deepEqual(
        published.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
        [[1, 15, 'type-mismatch', 'Expected string, found integer 42 (PyYAML reads `42` as an integer; quote it for a string).']],
      );
      assert.equal(client.initializeResult?.serverInfo?.name, 'openedx-config');
    } finally {
      assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown and exit');
    }
  });
});

/** An editor's view of the installed command: spawned as `openedx-config lsp --stdio`, nothing else. */
class InstalledServer extends LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];

  private constructor(bin: string) {
    // The .bin entry is a link to bin/openedx-config.js: run it with this node, as its shebang would.
    super({ name: 'openedx-config lsp', argv: [fs.realpathSync(bin), 'lsp', '--stdio'], env: { ...process.env }, waitMs: 30_000, stopGraceMs: 5000, unopenedVersion: 1 });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    this.connection.listen();
  }

  static async start(bin: string): Promise<InstalledServer> {
    const client = new InstalledServer(bin);
    await client.handshake({ processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {}, initializationOptions: { openedxConfig: {} } });
    return client;
  }

  protected override configurationSection(): unknown {
    return null;
  }
}
