/**
 * The regular expression engine for schema patterns (`pattern`, `patternProperties`,
 * `propertyNames`): RE2's linear-time matching (the pure JavaScript port `re2js`), never the
 * backtracking `RegExp`. A schema file is user input, and `^(a+)+$` against forty `a` and a `!`
 * keeps a backtracking engine busy for hours; RE2 answers in microseconds at any input length.
 * RE2 has no backreferences or lookaround: such a pattern does not compile, and the property using
 * it is reported (see `schemaProblems` in `ajv.ts`) instead of checked.
 */
import type { RE2JS } from 're2js';
import { errorMessage, fail, ok, type Result } from '../common/result';

/** What Ajv needs of a compiled pattern (its `RegExpLike`), and a key for its cache of patterns. */
export interface SafePattern {
  test(s: string): boolean;
  toString(): string;
}

/** Compiled patterns by source: schemas repeat a few patterns across many properties. */
const compiled = new Map<string, Result<SafePattern>>();
const MAX_CACHED = 1000;

let engine: typeof RE2JS | undefined;

/**
 * Compiles a JSON Schema pattern (ECMA-262 syntax) with RE2. JavaScript's `\uXXXX` and `\u{…}`
 * escapes are accepted (RE2 spells them `\x{…}`). A pattern RE2 cannot compile gives a failed
 * {@link Result} whose message says why without quoting the pattern. Never throws.
 */
export function compilePattern(pattern: string): Result<SafePattern> {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  let result: Result<SafePattern>;
  try {
    // Loaded on first use, as Ajv is: most sessions never compile a pattern.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load has to be a require() call
    engine ??= (require('re2js') as typeof import('re2js')).RE2JS;
    const re = engine.compile(toRe2Syntax(pattern));
    result = ok({ test: (s: string) => re.test(s), toString: () => pattern });
  } catch (e) {
    result = fail(`a pattern is not supported (${re2Reason(errorMessage(e))}): patterns run on RE2, which has no backreferences or lookaround, so that none can take exponential time`);
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

/**
 * Ajv's `code.regExp` option: patterns compiled by {@link compilePattern}. Ajv calls it while
 * compiling a schema; a pattern RE2 cannot compile throws, and that schema does not compile.
 * The `u` flag Ajv passes needs nothing: RE2 matches code points.
 */
export const safeRegExp = Object.assign(
  (pattern: string): SafePattern => {
    const result = compilePattern(pattern);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  },
  // Only read by Ajv's standalone code generation, which we never use.
  { code: 'require("re2js").RE2JS.compile' },
);

/** `\uXXXX` and `\u{X…}` as RE2's `\x{…}`; one pass, so a long pattern costs linear time here too. */
function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') {
      out += pattern[i];
      continue;
    }
    const escape = /^u(?:([0-9A-Fa-f]{4})|\{([0-9A-Fa-f]{1,6})\})/.exec(pattern.slice(i + 1, i + 10));
    if (escape === null) {
      // Any other escape is copied whole, so an escaped backslash never starts an escape.
      out += pattern.slice(i, i + 2);
      i++;
    } else {
      out += `\\x{${escape[1] ?? escape[2]}}`;
      i += escape[0].length;
    }
  }
  return out;
}

/** RE2's reason without the part of the pattern it quotes (`…: \`(?=\``): schema text is not echoed. */
function re2Reason(message: string): string {
  const reason = message.replace(/^error parsing regexp: /, '').replace(/: `[\s\S]*$/, '');
  return reason === '' ? 'RE2 cannot compile it' : reason;
}
