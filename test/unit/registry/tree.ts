/** Temporary folder trees for registry tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `files` (relative path → text) below a new temporary folder; returns its path. */
export function makeTree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-registry-')));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return root;
}

/** Removes a tree made by {@link makeTree}. */
export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** An OEP-45 settings package for IDA `name` (`<name>/settings/{required,defaults,__init__}.py`). */
export function oep45(name: string, defaults = 'DEBUG = False\n'): Record<string, string> {
  const env = `${name.toUpperCase().replace(/-/g, '_')}_CFG`;
  return {
    [`${name}/__init__.py`]: '',
    [`${name}/settings/required.py`]: 'SECRET_KEY: str\n',
    [`${name}/settings/defaults.py`]: defaults,
    [`${name}/settings/__init__.py`]: `import os\nimport yaml\nfrom .required import *\nfrom .defaults import *\nwith open(os.environ['${env}']) as f:\n    vars().update(yaml.safe_load(f))\n`,
  };
}

/** A minimal openedx-platform layout (lms and cms settings). */
export function platform(): Record<string, string> {
  return {
    'lms/envs/common.py': 'PLATFORM_NAME = "x"\n',
    'cms/envs/common.py': 'PLATFORM_NAME = "x"\n',
  };
}
