/**
 * Starts code-server (the VS Code workbench served to a browser, with a real Node extension host) on a
 * free loopback port, in its own process group so that stopping it ends every process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry } from './toolchain';

/** User settings that make the workbench predictable for tests (E2E-OFFLINE.md). */
export const PREDICTABLE_SETTINGS: Readonly<Record<string, unknown>> = {
  'editor.wordBasedSuggestions': 'off',
  'workbench.startupEditor': 'none',
  // The web workbench saves after a delay by default; desktop VS Code does not. Tests edit and revert.
  'files.autoSave': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

/** User settings that open every folder in Restricted Mode, without the trust dialog. */
export const RESTRICTED_MODE_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

export interface CodeServerOptions {
  /** code-server's --user-data-dir; a fresh temporary one when omitted. */
  userDataDir?: string;
  /** code-server's --extensions-dir; a fresh temporary one when omitted. */
  extensionsDir?: string;
  /** User settings written into <user-data-dir>/User/settings.json, over any existing ones (which in turn win over PREDICTABLE_SETTINGS). */
  settings?: Readonly<Record<string, unknown>>;
  /** A fixed port (npm start); a free one is chosen when omitted. */
  port?: number;
  /** Called with each line code-server prints. */
  onLine?: (line: string) => void;
  /** How long to wait for `HTTP server listening on`, in ms. */
  startTimeoutMs?: number;
  /**
   * Workspace Trust on: folders open in Restricted Mode (never trusted, never asked). Off by default,
   * as E2E-OFFLINE.md sets code-server up, so that every other scenario runs trusted.
   */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  process: ChildProcess;
  /** Everything code-server printed so far (for failure reports). */
  output(): string;
  /** Kills code-server's whole process group; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Writes user settings: `defaults` where the file sets nothing, `settings` always. */
export function writeUserSettings(
  userDataDir: string,
  defaults: Readonly<Record<string, unknown>>,
  settings: Readonly<Record<string, unknown>> = {},
): void {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    existing = {};
  }
  writeFileSync(file, JSON.stringify({ ...defaults, ...existing, ...settings }, null, 2));
}

/** Starts code-server and resolves once it listens. Rejects (after killing it) if it does not. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'openedx-e2e-cs-'));
  const userDataDir = options.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trust = options.workspaceTrust === true ? RESTRICTED_MODE_SETTINGS : {};
  writeUserSettings(userDataDir, PREDICTABLE_SETTINGS, { ...trust, ...options.settings });
  // Without --config, code-server writes ~/.config/code-server/config.yaml.
  const config = path.join(scratch, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');

  const port = options.port ?? (await freePort());
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', config,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group: stop() kills the extension host and the language server too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') },
  });
  // Whatever way this process ends (a crash, process.exit in the launcher), code-server must not outlive it.
  const killOnExit = (): void => {
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  let output = '';
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) options.onLine?.(line);
      if (output.includes('HTTP server listening on')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening`)));
  });

  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && !exited) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), 3000);
      await exitedPromise;
      clearTimeout(timer);
    }
    // Any straggler in the group (the extension host, the language server) goes too.
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    process.removeListener('exit', killOnExit);
    rmSync(scratch, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      listening,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`code-server did not print "HTTP server listening on" within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output}`);
  } finally {
    clearTimeout(timer);
  }
  return { port, origin: `http://127.0.0.1:${port}`, process: child, output: () => output, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The workbench URL that opens `folder` and passes `payload` (extension development/test paths). */
export function workbenchUrl(origin: string, folder: string, payload: ReadonlyArray<readonly [string, string]>): string {
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A local path as a vscode-remote URI on this code-server (what the payload expects). */
export function remoteUri(origin: string, localPath: string): string {
  const { host } = new URL(origin);
  return `vscode-remote://${host}${path.resolve(localPath).split(path.sep).map(encodeURIComponent).join('/')}`;
}
