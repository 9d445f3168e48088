/**
 * Loads the tree-sitter Python grammar (wasm) once per process. Nothing native:
 * the grammar's `.wasm` ships inside our bundle, so a plain `npm install` needs no build.
 */
import { ServerError } from '../common/describeError';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { copyTree, copyTreeThroughCursor, rawCursorAccess, useRawCursorAccess, type SyntaxNode } from './syntaxTree';

const GRAMMAR_WASM = 'tree-sitter-python.wasm';
const RUNTIME_WASM = 'web-tree-sitter.wasm';

let loading: Promise<Parser> | undefined;

/**
 * Finds a wasm file: first beside this module (the esbuild bundle copies them into `dist/`),
 * then in the npm packages (tests running from compiled sources).
 */
function locateWasm(fileName: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  const pkg = fileName === GRAMMAR_WASM ? 'tree-sitter-python' : 'web-tree-sitter';
  return require.resolve(`${pkg}/${fileName}`);
}

/** Returns the process-wide Python parser, initialising the wasm runtime on first use. */
export function getPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    // emscripten makes this object the wasm module: it then holds the exports (see `RawCursorAccess`).
    const moduleOptions = { locateFile: (name: string) => (name.endsWith('.wasm') ? locateWasm(RUNTIME_WASM) : name) };
    await Parser.init(moduleOptions);
    const language = await Language.load(locateWasm(GRAMMAR_WASM));
    const parser = new Parser();
    parser.setLanguage(language);
    useRawCursorAccess(checkedRawAccess(parser, moduleOptions));
    return parser;
  })();
  return loading;
}

/** Python that exercises fields, tokens, aliases (`not in`), nesting and non-ASCII text. */
const SELF_CHECK_SOURCE = [
  '# comment é',
  'from .common import *',
  'X: int = 3',
  "FEATURES = {'A': not B in C, **D}",
  'if X is not None and Y:',
  '    Z = [f"{a}😀" for a in range(3)][0]',
  'else:',
  '    Z += (1, -2.5)',
  '',
].join('\n');

/**
 * The raw cursor access when it is there and copies a tree exactly as `TreeCursor` does;
 * undefined otherwise (then copies go through `TreeCursor`, four times slower, never wrong).
 */
function checkedRawAccess(parser: Parser, moduleOptions: object): ReturnType<typeof rawCursorAccess> {
  const access = rawCursorAccess(moduleOptions);
  if (access === undefined) return undefined;
  const tree = parser.parse(SELF_CHECK_SOURCE);
  if (!tree) return undefined;
  try {
    const expected = shape(copyTreeThroughCursor(tree, SELF_CHECK_SOURCE));
    useRawCursorAccess(access);
    return shape(copyTree(tree, SELF_CHECK_SOURCE)) === expected ? access : undefined;
  } catch {
    return undefined;
  } finally {
    useRawCursorAccess(undefined);
    tree.delete();
  }
}

/** Everything a copy holds, as text. */
function shape(node: SyntaxNode): string {
  const kids = node.children.map((c, i) => `${node.fieldNameForChild(i) ?? ''}:${shape(c)}`).join(' ');
  return `(${node.type} ${node.isNamed} ${node.startIndex} ${node.endIndex} ${kids})`;
}

/**
 * Parses Python source and hands the tree to `use`, deleting it afterwards:
 * wasm memory is not garbage-collected, so trees must never outlive the call.
 */
export async function withPythonTree<T>(source: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await getPythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new ServerError('tree-sitter returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
