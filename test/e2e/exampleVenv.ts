/**
 * The example workspace's `.venv` (git-ignored): a virtualenv's `site-packages` holding the small
 * packages of `examples/lite-packages/` (our own code), each with the `*.dist-info` an installer
 * would write, so that the extension finds the workspace's environment and scans it
 * (docs/libraries.md). Written by `npm start` and by the end-to-end layer into its copy of
 * examples/; nothing in it is ever run.
 */
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The packages of examples/lite-packages/: distribution name and version, and the folder holding its modules. */
export const LITE_PACKAGES: readonly { name: string; version: string; module: string }[] = [
  { name: 'lite-auth', version: '1.2.0', module: 'lite_auth' },
  { name: 'lite-cors', version: '0.4.0', module: 'lite_cors' },
];

/** Files below `dir`, POSIX-relative to it, sorted. */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? filesBelow(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

/** Writes `<examples>/.venv` from `<examples>/lite-packages`; returns its site-packages folder. Replaces what was there. */
export function writeExampleVenv(examples: string): string {
  const venv = path.join(examples, '.venv');
  const sitePackages = path.join(venv, 'lib', 'python3.11', 'site-packages');
  mkdirSync(sitePackages, { recursive: true });
  writeFileSync(path.join(venv, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n');
  for (const pkg of LITE_PACKAGES) {
    cpSync(path.join(examples, 'lite-packages', pkg.module), path.join(sitePackages, pkg.module), { recursive: true });
    const info = `${pkg.module}-${pkg.version}.dist-info`;
    mkdirSync(path.join(sitePackages, info), { recursive: true });
    writeFileSync(path.join(sitePackages, info, 'METADATA'), `Metadata-Version: 2.1\nName: ${pkg.name}\nVersion: ${pkg.version}\nSummary: An example package of Open edX Config.\n`);
    const listed = [...filesBelow(path.join(sitePackages, pkg.module), `${pkg.module}/`), `${info}/METADATA`, `${info}/RECORD`];
    writeFileSync(path.join(sitePackages, info, 'RECORD'), listed.map((f) => `${f},,\n`).join(''));
  }
  return sitePackages;
}
