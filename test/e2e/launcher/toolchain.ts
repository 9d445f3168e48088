/**
 * Where the end-to-end toolchain lives (installed by scripts/provision-e2e.sh into .cache/e2e/) and a
 * check that it is complete, so that callers fail with the reason instead of an obscure spawn error.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is ours. */
export const repoRoot: string = findRepoRoot(__dirname);

/** The git-ignored folder that scripts/provision-e2e.sh installs into. */
export const cacheDir = path.join(repoRoot, '.cache', 'e2e');

/** code-server's entry script, run with this node (code-server@4.100.3 needs node 20). */
export const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** playwright-core's package folder, loaded with require() from the cache. */
export const playwrightCoreDir = path.join(cacheDir, 'node_modules', 'playwright-core');

/** Debian's Chromium (apt-get install chromium, from scripts/provision-system.sh). */
export const chromiumPath = process.env.OPENEDX_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The versions scripts/provision-e2e.sh pins. */
export const CODE_SERVER_VERSION = '4.100.3';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && readJson(pkg)?.name === 'openedx-config') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no openedx-config package.json above ${start}`);
  }
}

function readJson(file: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}

/**
 * Returns what is missing from the e2e toolchain, one reason per line (empty when complete).
 * Never throws; the caller decides to fail.
 */
export function missingToolchain(): string[] {
  const missing: string[] = [];
  const fix = 'run `bash scripts/provision-e2e.sh`';
  const cs = readJson(path.join(cacheDir, 'node_modules', 'code-server', 'package.json'));
  if (!cs) missing.push(`code-server is not installed in ${cacheDir} (${fix})`);
  else if (cs.version !== CODE_SERVER_VERSION) {
    missing.push(`code-server ${cs.version} is installed, ${CODE_SERVER_VERSION} is needed (${fix})`);
  } else if (!existsSync(codeServerEntry)) missing.push(`${codeServerEntry} is missing (${fix})`);
  if (!readJson(path.join(playwrightCoreDir, 'package.json'))) {
    missing.push(`playwright-core is not installed in ${cacheDir} (${fix})`);
  }
  if (!existsSync(chromiumPath)) {
    missing.push(`Chromium is missing at ${chromiumPath} (run \`bash scripts/provision-system.sh\`: apt-get install chromium)`);
  }
  if (process.versions.node.split('.')[0] !== '20') {
    missing.push(`code-server ${CODE_SERVER_VERSION} needs node 20; this is node ${process.versions.node}`);
  }
  return missing;
}
