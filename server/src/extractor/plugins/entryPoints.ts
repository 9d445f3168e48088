/**
 * Entry points as packaging declares them: `setup.py`'s `entry_points={...}` (read from the
 * syntax tree, never run), `pyproject.toml`'s `[project.entry-points."group"]` tables, and the
 * INI text of `entry_points.txt` (or of a `setup.py` that passes it as a string).
 */
import type { PyNode as Node } from '../../python/syntaxTree';
import { decodeStringLiteral } from '../../python/strings';
import { lastAssignments } from './assignments';

/** One entry point: `name = value` in a group (`lms.djangoapp`). */
export interface EntryPoint {
  group: string;
  name: string;
  /** `module.path:Attribute` (extras in brackets are dropped when it is split). */
  value: string;
  /** 1-based line in the file that declares it, when read from one. */
  line?: number;
}

/** An entry point's value split: `openedx.core.djangoapps.ace_common.apps:AceCommonConfig`. */
export interface EntryPointTarget {
  module: string;
  /** The object in the module (a class, possibly dotted); absent for a module entry point. */
  attribute?: string;
}

/** Splits `module.path:Attr [extra]`; undefined when the module part is not a dotted name. */
export function entryPointTarget(value: string): EntryPointTarget | undefined {
  const m = /^\s*([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)\s*(?::\s*([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*))?\s*(?:\[[^\]]*\])?\s*$/.exec(value);
  if (!m) return undefined;
  const module = m[1].replace(/\s+/g, '');
  return m[2] === undefined ? { module } : { module, attribute: m[2].replace(/\s+/g, '') };
}

/** `name = value` as written in an INI entry or a `setup.py` list item. */
function splitEntry(text: string): { name: string; value: string } | undefined {
  const at = text.indexOf('=');
  if (at <= 0) return undefined;
  const name = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  return name && value ? { name, value } : undefined;
}

/** Entry points in INI form (`[group]` headers, `name = value` lines), as in `entry_points.txt`. */
export function entryPointsFromIni(text: string, firstLine = 1): EntryPoint[] {
  const out: EntryPoint[] = [];
  let group: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      group = header[1].trim();
      return;
    }
    const entry = group !== undefined ? splitEntry(line) : undefined;
    if (entry && group !== undefined) out.push({ group, ...entry, line: firstLine + i });
  });
  return out;
}

/** A TOML string at the start of `text` (basic or literal, one line): its value and length. */
function tomlString(text: string): { value: string; length: number } | undefined {
  if (text.startsWith("'")) {
    const end = text.indexOf("'", 1);
    return end < 0 ? undefined : { value: text.slice(1, end), length: end + 1 };
  }
  if (!text.startsWith('"')) return undefined;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') {
      try {
        // TOML's basic-string escapes are JSON's, plus \UXXXXXXXX (not in entry points).
        return { value: JSON.parse(text.slice(0, i + 1)) as string, length: i + 1 };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A TOML key at the start of `text`: quoted, or bare (`A-Za-z0-9_-`). */
function tomlKey(text: string): { value: string; length: number } | undefined {
  const quoted = tomlString(text);
  if (quoted) return quoted;
  const bare = /^[A-Za-z0-9_-]+/.exec(text);
  return bare ? { value: bare[0], length: bare[0].length } : undefined;
}

const ENTRY_POINTS_TABLE = /^\[\s*project\s*\.\s*entry-points\s*\.\s*/;

/**
 * The entry points of a `pyproject.toml`: its `[project.entry-points.<group>]` tables of
 * `name = "value"` lines. Other tables, arrays and multi-line values are skipped.
 */
export function entryPointsFromPyproject(text: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  let group: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('[')) {
      const head = ENTRY_POINTS_TABLE.exec(line);
      const key = head ? tomlKey(line.slice(head[0].length)) : undefined;
      group = key && /^\s*\]\s*(#.*)?$/.test(line.slice(head?.[0].length ?? 0).slice(key.length)) ? key.value : undefined;
      return;
    }
    if (group === undefined || line === '' || line.startsWith('#')) return;
    const key = tomlKey(line);
    if (!key) return;
    const rest = line.slice(key.length).trimStart();
    if (!rest.startsWith('=')) return;
    const value = tomlString(rest.slice(1).trimStart());
    if (value) out.push({ group, name: key.value, value: value.value, line: i + 1 });
  });
  return out;
}

/** A name's value when the node is a module-level name, else the node itself. */
function resolved(node: Node | null | undefined, names: ReadonlyMap<string, Node>): Node | undefined {
  if (!node) return undefined;
  return node.type === 'identifier' ? names.get(node.text) : node;
}

/** The `setup(...)` call of a `setup.py`, wherever it is (also under `if __name__ == '__main__':`). */
function setupCall(root: Node): Node | undefined {
  return root.descendantsOfType('call').find((c) => {
    const fn = c.childForFieldName('function');
    return fn?.type === 'identifier' ? fn.text === 'setup' : fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'setup';
  });
}

/**
 * The entry points a `setup.py` declares: `setup(entry_points={group: [\"name = value\", ...]})`,
 * a group's list given by a module-level name, or the whole argument as a module-level dict or an
 * INI string. Whatever is not written as literals is skipped.
 */
export function entryPointsFromSetupPy(root: Node): EntryPoint[] {
  const call = setupCall(root);
  const names = lastAssignments(root);
  const argument = call?.childForFieldName('arguments')?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'entry_points');
  const value = resolved(argument?.childForFieldName('value'), names);
  if (!value) return [];
  if (value.type === 'string') {
    const text = decodeStringLiteral(value.text)?.value;
    return text === undefined ? [] : entryPointsFromIni(text, value.startPosition.row + 1);
  }
  if (value.type !== 'dictionary') return [];
  const out: EntryPoint[] = [];
  for (const pair of value.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const group = key?.type === 'string' ? decodeStringLiteral(key.text)?.value : undefined;
    const list = resolved(pair.childForFieldName('value'), names);
    if (group === undefined || !list || (list.type !== 'list' && list.type !== 'tuple')) continue;
    for (const item of list.namedChildren) {
      const text = item.type === 'string' ? decodeStringLiteral(item.text)?.value : undefined;
      const entry = text !== undefined ? splitEntry(text) : undefined;
      if (entry) out.push({ group, ...entry, line: item.startPosition.row + 1 });
    }
  }
  return out;
}
