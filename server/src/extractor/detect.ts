/**
 * Finds IDA settings sources in a folder and recognises their layout, by file names and a
 * cheap text check; nothing is parsed or executed here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularTextFile } from '../common/files';
import type { DetectedIda } from './api';

/** Environment variables of the known IDAs, and the IDA each names. */
export const IDA_BY_ENV_VAR: Readonly<Record<string, string>> = {
  LMS_CFG: 'lms',
  CMS_CFG: 'studio',
  STUDIO_CFG: 'studio',
  CREDENTIALS_CFG: 'credentials',
  ECOMMERCE_CFG: 'ecommerce',
  DISCOVERY_CFG: 'discovery',
  REGISTRAR_CFG: 'registrar',
  LICENSE_MANAGER_CFG: 'license-manager',
  ENTERPRISE_CATALOG_CFG: 'enterprise-catalog',
  ENTERPRISE_ACCESS_CFG: 'enterprise-access',
  EDX_EXAMS_CFG: 'edx-exams',
  ANALYTICS_API_CFG: 'analytics-api',
  XQUEUE_CFG: 'xqueue',
  EDXNOTES_CONFIG_ROOT: 'edx-notes-api',
};

const SKIP_DIRS = new Set(['node_modules', '.git', '.tox', '__pycache__', '.venv', 'venv', 'env', '.cache', 'dist', 'out', 'static', 'locale', 'test_root', 'migrations', 'templates']);
const MAX_DEPTH = 4;
const MAX_DIRS = 4000;
const YAML_LOAD = /\byaml\.(safe_load|load|full_load)\s*\(/;
const ENV_VAR = /['"]([A-Z][A-Z0-9_]*(?:_CFG|_CONFIG_ROOT))['"]/;

/** The IDA named by an environment variable like `FOO_BAR_CFG` (`foo-bar`). */
export function idaFromEnvVar(envVar: string): string {
  return IDA_BY_ENV_VAR[envVar] ?? envVar.replace(/_(CFG|CONFIG_ROOT)$/, '').toLowerCase().replace(/_/g, '-');
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A small file's text for the cheap checks, or '' (not a regular file, unreadable, or over 2 MB). */
function readSmall(p: string): string {
  const read = readRegularTextFile(p, 2_000_000);
  return read.ok ? read.value : '';
}

/** Lists directories below `root` breadth-first, bounded in depth and count. */
function listDirs(root: string): string[] {
  const out: string[] = [root];
  let frontier = [root];
  for (let depth = 0; depth < MAX_DEPTH && out.length < MAX_DIRS; depth++) {
    const next: string[] = [];
    for (const dir of frontier) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory() || SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        next.push(p);
        out.push(p);
        if (out.length >= MAX_DIRS) break;
      }
    }
    frontier = next;
  }
  return out;
}

function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

/** The LMS and Studio of an openedx-platform checkout rooted at `dir`, if it is one. */
function platformAt(dir: string): DetectedIda[] {
  const found: DetectedIda[] = [];
  for (const [ida, app] of [['lms', 'lms'], ['studio', 'cms']] as const) {
    const common = path.join(dir, app, 'envs', 'common.py');
    if (!isFile(common)) continue;
    const production = path.join(dir, app, 'envs', 'production.py');
    const hasProduction = isFile(production);
    found.push({
      ida,
      layout: 'platform',
      root: dir,
      entryFiles: [hasProduction ? `${app}/envs/production.py` : `${app}/envs/common.py`],
      ...(hasProduction ? { yamlModule: `${app}/envs/production.py` } : {}),
    });
  }
  return found;
}

/** openedx-platform: `lms/envs/common.py` and `cms/envs/common.py`, looked for in the folder and its parents. */
function detectPlatform(folder: string): DetectedIda[] {
  let dir = folder;
  for (let up = 0; up < 4; up++) {
    const found = platformAt(dir);
    if (found.length > 0) return found;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [];
}

/** OEP-45: a `settings` package with `required.py` and/or `defaults.py`. */
function detectOep45(root: string, dirs: string[]): DetectedIda[] {
  const out: DetectedIda[] = [];
  for (const dir of dirs) {
    const required = path.join(dir, 'required.py');
    const defaults = path.join(dir, 'defaults.py');
    if (!isFile(required) && !isFile(defaults)) continue;
    const init = path.join(dir, '__init__.py');
    const initText = readSmall(init);
    const envVar = ENV_VAR.exec(initText)?.[1];
    const ida = envVar ? idaFromEnvVar(envVar) : path.basename(path.dirname(dir)).replace(/_/g, '-');
    const entryFiles = [required, defaults, init].filter(isFile).map((p) => rel(root, p));
    out.push({ ida, layout: 'oep45', root, entryFiles, ...(YAML_LOAD.test(initText) ? { yamlModule: rel(root, init) } : {}) });
  }
  return out;
}

/** IDA cookiecutter layout: a module that loads the YAML named by a `*_CFG` variable (usually `settings/production.py`). */
function detectIdaLayout(root: string, dirs: string[], taken: Set<string>): DetectedIda[] {
  const out: DetectedIda[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const name of ['production.py', 'yaml_config.py']) {
      const p = path.join(dir, name);
      if (!isFile(p)) continue;
      const r = rel(root, p);
      if ([...taken].some((t) => r.startsWith(t))) continue;
      const text = readSmall(p);
      const envVar = ENV_VAR.exec(text)?.[1];
      if (!YAML_LOAD.test(text) || !envVar) continue;
      const ida = idaFromEnvVar(envVar);
      if (seen.has(ida)) continue;
      seen.add(ida);
      out.push({ ida, layout: 'ida', root, entryFiles: [r], yamlModule: r });
    }
  }
  return out;
}

/** Django's `global_settings.py`, in a checkout, a virtualenv or Debian's python3-django. */
function detectDjango(root: string, dirs: string[]): DetectedIda[] {
  const candidates = [
    path.join(root, 'global_settings.py'),
    ...dirs.map((d) => path.join(d, 'django', 'conf', 'global_settings.py')),
    ...dirs.filter((d) => path.basename(d) === 'conf').map((d) => path.join(d, 'global_settings.py')),
  ];
  const found = candidates.find((p) => isFile(p) && /\bglobal_settings\.py$/.test(p) && readSmall(p).includes('DEFAULT_CHARSET'));
  return found ? [{ ida: 'django', layout: 'django', root, entryFiles: [rel(root, found)] }] : [];
}

/**
 * Lists the IDAs whose settings sources are in `folder`, each with its layout and entry modules.
 * Returns an empty list for a folder without settings sources (or an unreadable one).
 */
export function detectIdas(folder: string): DetectedIda[] {
  const root = path.resolve(folder);
  const platform = detectPlatform(root);
  if (platform.length > 0) return platform;
  const all = listDirs(root);
  // openedx-platform checkouts inside the folder (a workspace holding several services, like
  // examples/): each is its own source root, and nothing below it is another layout.
  const platforms = all.slice(1).flatMap(platformAt);
  const platformRoots = [...new Set(platforms.map((p) => p.root))];
  const dirs = all.filter((d) => !platformRoots.some((p) => d === p || d.startsWith(p + path.sep)));
  const oep45 = detectOep45(root, dirs);
  const taken = new Set(oep45.flatMap((d) => d.entryFiles.map((f) => path.posix.dirname(f))));
  return [...oep45, ...platforms, ...detectIdaLayout(root, dirs, taken), ...detectDjango(root, dirs)];
}
