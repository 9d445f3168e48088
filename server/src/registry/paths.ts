/**
 * Paths written in settings (`openedxConfig.sources`, `openedxConfig.schemas`): `~`, a
 * `${workspaceFolder}` prefix and relative paths are resolved the way VS Code users expect.
 */
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Resolves a path from a setting: `~/x` against the home folder, `${workspaceFolder}` and relative
 * paths against the first workspace folder (the current directory when there is none).
 */
export function resolveSettingPath(value: string, workspaceFolders: readonly string[]): string {
  const base = workspaceFolders[0] ?? process.cwd();
  let p = value.replace(/^\$\{workspaceFolder\}/, base).replace(/^\$\{userHome\}/, os.homedir());
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = path.join(os.homedir(), p.slice(1));
  return path.resolve(base, p);
}
