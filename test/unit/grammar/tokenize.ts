/**
 * Tokenizes Python text with the stub Python grammar and our injection grammar, through
 * vscode-textmate and vscode-oniguruma (the engine VS Code itself uses).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { PYTHON_STUB } from './pythonStub';

/** The injection grammar's scope name, as in package.json `contributes.grammars`. */
export const INJECTION_SCOPE = 'openedx.settings-annotations.injection';

/** The repository root: the nearest folder above this file holding package.json (works from out/ too). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** The grammar file, as shipped. */
export const GRAMMAR_PATH = path.join(repoRoot(), 'syntaxes', 'openedx-settings-annotations.tmLanguage.json');

let grammar: Promise<IGrammar> | undefined;

/** The `source.python` grammar with our injection, loaded once. */
export function pythonGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM({ data: wasm });
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
        createOnigString: (s: string) => new OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName === 'source.python') return PYTHON_STUB;
        if (scopeName === INJECTION_SCOPE) return parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
        return null;
      },
      getInjections: (scopeName) => (scopeName === 'source.python' ? [INJECTION_SCOPE] : undefined),
    });
    const loaded = await registry.loadGrammar('source.python');
    if (loaded === null) throw new Error('source.python did not load');
    return loaded;
  })();
  return grammar;
}

/** A token: its text and its scopes below `source.python`, joined by spaces (`''` for bare Python). */
export type Token = [text: string, scopes: string];

/** Tokenizes `text` line by line (state carried across lines), one token list per line. */
export async function tokenizeLines(text: string): Promise<Token[][]> {
  const g = await pythonGrammar();
  let state: StateStack = INITIAL;
  const out: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    out.push(result.tokens.map((t): Token => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]));
  }
  return out;
}
