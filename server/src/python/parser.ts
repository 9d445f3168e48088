/**
 * Loads the tree-sitter Python grammar (wasm) once per process. Nothing native:
 * the grammar's `.wasm` ships inside our bundle, so a plain `npm install` needs no build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

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
    await Parser.init({ locateFile: (name: string) => (name.endsWith('.wasm') ? locateWasm(RUNTIME_WASM) : name) });
    const language = await Language.load(locateWasm(GRAMMAR_WASM));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/**
 * Parses Python source and hands the tree to `use`, deleting it afterwards:
 * wasm memory is not garbage-collected, so trees must never outlive the call.
 */
export async function withPythonTree<T>(source: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await getPythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
