#!/usr/bin/env node
/**
 * A stand-in for the VS Code executable, for `@vscode/test-electron`'s
 * `runTests({ vscodeExecutablePath: <this file>, extensionDevelopmentPath, extensionTestsPath, launchArgs })`
 * where desktop VS Code cannot be downloaded (these machines and CI reach only npm and Debian).
 *
 * It starts code-server on a free loopback port, opens the workbench in headless Debian Chromium with the
 * extension under development and the test suite passed in the URL payload, relays the workbench's log,
 * and exits with the code the suite's run reports through `codeAutomationExit`.
 *
 * Environment: OPENEDX_E2E_TIMEOUT_MS (whole run, default 240000), OPENEDX_E2E_VERBOSE=1 (also print
 * code-server's own output and every workbench log line), OPENEDX_E2E_SUITE=restricted (Workspace
 * Trust on: the folder opens in Restricted Mode).
 */
import path from 'node:path';
import { parseLaunchArgs } from './args';
import { remoteUri, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';
import { missingToolchain } from './toolchain';
import { openWorkbench, type Workbench } from './workbench';

const verbose = process.env.OPENEDX_E2E_VERBOSE === '1';

/** Workbench log lines that are expected on this closed network and say nothing about the run. */
const NOISE = [
  /vsda/i, /open-vsx\.org/, /ENOTFOUND/, /Failed to load resource/, /status of 404/, /\[perf\]/i,
  /connection token/, /^Creating a socket/, /builtin extensions cache/, /\[Service Worker\]/, /ChatSessionStore/,
];

function log(message: string): void {
  process.stdout.write(`[launcher] ${message}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseLaunchArgs(argv);
  const missing = missingToolchain();
  if (missing.length > 0) {
    process.stderr.write(`[launcher] cannot start: the e2e toolchain is incomplete:\n  - ${missing.join('\n  - ')}\n`);
    return 2;
  }
  if (args.extensionDevelopmentPaths.length === 0) {
    process.stderr.write('[launcher] --extensionDevelopmentPath= is required\n');
    return 2;
  }
  const folder = path.resolve(args.folder ?? process.cwd());
  const started = Date.now();
  const timeoutMs = Number(process.env.OPENEDX_E2E_TIMEOUT_MS ?? 240_000);

  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let cleaningUp: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaningUp ??= (async () => {
      await workbench?.close();
      await server?.stop();
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startCodeServer({
      userDataDir: args.userDataDir && path.resolve(args.userDataDir),
      extensionsDir: args.extensionsDir && path.resolve(args.extensionsDir),
      workspaceTrust: process.env.OPENEDX_E2E_SUITE === 'restricted',
      onLine: verbose ? (line) => process.stdout.write(`[code-server] ${line}\n`) : undefined,
    });
    log(`code-server listening on ${server.origin} after ${Date.now() - started} ms`);
    const payload: Array<[string, string]> = args.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server!.origin, p)]);
    if (args.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server.origin, args.extensionTestsPath)]);
    const url = workbenchUrl(server.origin, folder, payload);
    workbench = await openWorkbench(url, {
      onLog: (type, message) => {
        if (!verbose && NOISE.some((re) => re.test(message))) return;
        const stream = type === 'error' || type === 'pageerror' ? process.stderr : process.stdout;
        if (verbose || type !== 'trace') stream.write(`[workbench:${type}] ${message}\n`);
      },
    });
    log(`workbench opened in Chromium after ${Date.now() - started} ms`);
    if (!args.extensionTestsPath) {
      log('no --extensionTestsPath: the workbench stays open until this process is stopped');
      await new Promise<never>(() => undefined);
    }
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      workbench.exitCode,
      new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          process.stderr.write(`[launcher] the test run did not report its result within ${timeoutMs} ms\n`);
          resolve(1);
        }, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    log(`test run finished with code ${code} after ${Date.now() - started} ms`);
    return code;
  } catch (error) {
    process.stderr.write(`[launcher] ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[launcher] ${String(error)}\n`);
    process.exit(1);
  },
);
