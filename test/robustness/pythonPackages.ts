/**
 * Settings sources for the extractor's pathological tests, written into a temporary folder in the
 * layout of the IDA cookiecutter: `<ida>/settings/production.py` loads the YAML file named by
 * `<IDA>_CFG` and imports `base.py`, which imports whatever the test wants.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The production module of IDA `ida`: star-imports `base`, then loads its YAML file. */
export function productionModule(ida: string): string {
  return [
    'import os',
    'import yaml',
    `from ${ida}.settings.base import *`,
    `with open(os.environ['${ida.toUpperCase()}_CFG']) as f:`,
    '    config_from_yaml = yaml.safe_load(f)',
    '    vars().update(config_from_yaml)',
    '',
  ].join('\n');
}

/** Writes the package `<root>/<ida>/settings/` with `production.py` and `modules` (name → content); returns the root. */
export function writeSettingsPackage(root: string, ida: string, modules: Record<string, string | Buffer>): string {
  const dir = path.join(root, ida, 'settings');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(root, ida, '__init__.py'), '');
  fs.writeFileSync(path.join(dir, '__init__.py'), '');
  fs.writeFileSync(path.join(dir, 'production.py'), productionModule(ida));
  for (const [name, content] of Object.entries(modules)) fs.writeFileSync(path.join(dir, name), content);
  return root;
}

/**
 * A module of exactly `lines` lines as settings modules are written: each setting documented with
 * annotations, dict settings over several lines, blank lines between (one setting per four lines).
 */
export function documentedModule(lines: number): string {
  const out = ['"""A generated settings module, written like the real ones."""'];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `# .. setting_name: SETTING_${i}`,
      `# .. setting_default: 'value ${i}'`,
      `# .. setting_description: The setting number ${i}.`,
      `SETTING_${i} = 'value ${i}'`,
      `SETTING_${i}_MAP = {`,
      `    'key': 'value ${i}',`,
      '}',
      '',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** `count` modules `m0.py`…, each star-importing every other one, then defining `SETTING_M<i>`. */
export function importTangle(ida: string, count: number): Record<string, string> {
  const modules: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const lines: string[] = [];
    for (let j = 0; j < count; j++) if (j !== i) lines.push(`from ${ida}.settings.m${j} import *`);
    lines.push(`SETTING_M${i} = ${i}`, '');
    modules[`m${i}.py`] = lines.join('\n');
  }
  return modules;
}

/** Deterministic pseudo-random bytes in `[low, high]`. */
export function randomBytes(count: number, seed: number, low = 0, high = 255): Buffer {
  let state = seed;
  const out = Buffer.alloc(count);
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = low + ((state >> 16) % (high - low + 1));
  }
  return out;
}
