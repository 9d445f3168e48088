/**
 * File names as CI reports want them: relative to the working directory (the repository root in
 * a CI job), with `/` separators, whatever form the command line used.
 */
import * as path from 'node:path';

/** `file` relative to `cwd`, `/`-separated (`../x.yml` when outside it). */
export function relativeReportPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

/** {@link relativeReportPath} as a relative URI reference (each segment percent-encoded). */
export function relativeReportUri(file: string, cwd: string): string {
  return relativeReportPath(file, cwd).split('/').map(encodeURIComponent).join('/');
}
