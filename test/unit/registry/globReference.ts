/**
 * The glob → `RegExp` translation the association matcher used before it became an automaton
 * (server/src/registry/globMatcher.ts), kept as the reference its semantics are compared with.
 * Backtracks exponentially on some globs: call it on short ones only.
 */

/** The old translation: an anchored `RegExp`, or null when the glob is malformed. */
export function referenceGlobRegExp(glob: string, ignoreCase = false): RegExp | null {
  try {
    return new RegExp(`^${translate(glob)}$`, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
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
