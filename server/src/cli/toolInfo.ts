/**
 * The name, version and home page of this tool, for reports that name their producer (SARIF's
 * `tool.driver`). Read from the package manifest the code was built from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a report says about the tool that wrote it. */
export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

const PACKAGE_NAME = 'openedx-config';
const HOME = 'https://github.com/openedx-config/openedx-config';
/** How far up the manifest may be: dist/ → 1, out/server/src/cli/ → 4. */
const MAX_UP = 6;

/**
 * This tool's name, version and home page, from the nearest `package.json` named
 * `openedx-config` above `from` (the bundle's folder, or the compiled module's). The version is
 * `0.0.0` when no manifest is found (a copied bundle), never a crash.
 */
export function toolInfo(from: string = __dirname): ToolInfo {
  let dir = from;
  for (let i = 0; i <= MAX_UP; i++) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest !== undefined) return { name: PACKAGE_NAME, version: manifest.version, informationUri: manifest.homepage ?? HOME };
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { name: PACKAGE_NAME, version: '0.0.0', informationUri: HOME };
}

function readManifest(file: string): { version: string; homepage?: string } | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown; homepage?: unknown };
    if (json.name !== PACKAGE_NAME || typeof json.version !== 'string') return undefined;
    return { version: json.version, ...(typeof json.homepage === 'string' ? { homepage: json.homepage } : {}) };
  } catch {
    return undefined;
  }
}
