/**
 * Glob matching for the `openedxConfig.associations` setting, with the syntax VS Code users know
 * from `files.associations`: `*`, `?`, `**`, `{a,b}` and `[…]`. A pattern without `/` matches the
 * file's base name; one with `/` matches the path relative to a workspace folder, or the absolute path.
 */
import * as path from 'node:path';

/** Compiled patterns, so a document open costs no regular expression construction. */
const compiled = new Map<string, RegExp | null>();

/** Translates a glob to an anchored regular expression; null when the glob is malformed. */
export function globToRegExp(glob: string): RegExp | null {
  const cached = compiled.get(glob);
  if (cached !== undefined) return cached;
  let re: RegExp | null;
  try {
    re = new RegExp(`^${translate(glob)}$`, process.platform === 'win32' ? 'i' : '');
  } catch {
    re = null;
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(glob, re);
  return re;
}

function translate(glob: string): string {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more folders; a final `**` matches everything below.
          if (glob[i + 2] === '/') {
            out += '(?:[^/]*/)*';
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      braceDepth++;
      out += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else {
      out += c.replace(/[.+^$()|\\[\]{}]/g, '\\$&');
    }
  }
  return out + ')'.repeat(braceDepth);
}

/** Forward slashes, so patterns are written the same way on every platform. */
function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Whether `filePath` (absolute) matches `glob`, tried against the base name (patterns without `/`),
 * the path relative to each workspace folder containing it, and the absolute path.
 */
export function matchesGlob(glob: string, filePath: string, workspaceFolders: readonly string[]): boolean {
  const re = globToRegExp(glob.replace(/\\/g, '/'));
  if (re === null) return false;
  const posix = toPosix(filePath);
  if (!glob.includes('/')) return re.test(path.posix.basename(posix));
  if (re.test(posix)) return true;
  for (const folder of workspaceFolders) {
    const rel = path.relative(folder, filePath);
    if (rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) && re.test(toPosix(rel))) return true;
  }
  return false;
}

/** The IDA of the first association (in the setting's order) whose glob matches, or undefined. */
export function idaFromAssociations(associations: Readonly<Record<string, string>>, filePath: string, workspaceFolders: readonly string[]): string | undefined {
  for (const [glob, ida] of Object.entries(associations)) {
    if (matchesGlob(glob, filePath, workspaceFolders)) return ida;
  }
  return undefined;
}
