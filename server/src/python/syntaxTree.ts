/**
 * A plain JavaScript copy of a tree-sitter syntax tree. Every property read on a web-tree-sitter
 * node crosses into wasm (and allocates a wrapper); the extractor reads each node several times
 * and re-reads whole modules on every re-extraction. A tree copied once per file version with a
 * tree cursor is read in pure JavaScript afterwards, can outlive its wasm tree, and its unchanged
 * statements are reused after an edit (`parseCache.ts`).
 *
 * {@link SyntaxNode} exposes the subset of web-tree-sitter's `Node` API the extractor uses, with
 * the same meaning: indices and columns count UTF-16 code units, rows count `\n` only.
 */
import { ServerError } from '../common/describeError';
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { lastAtOrBefore } from '../common/search';

/** A position: 0-based row, 0-based column in UTF-16 code units. */
export interface Point {
  row: number;
  column: number;
}

/** The subset of web-tree-sitter's `Node` that the extractor reads (a web-tree-sitter `Node` has it too). */
export interface PyNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: PyNode | null;
  readonly children: readonly PyNode[];
  readonly namedChildren: readonly PyNode[];
  childForFieldName(name: string): PyNode | null;
  childrenForFieldName(name: string): PyNode[];
  descendantsOfType(types: string | string[]): PyNode[];
}

/**
 * The text a tree's indices refer to, shared by all its nodes. After a re-parse by region the
 * file's nodes that were kept (they lie before the edit, where the text is unchanged) see the new
 * text through this one object.
 */
export class SourceText {
  private lineStarts: Int32Array | undefined;

  constructor(private current: string) {}

  /** The text. */
  get text(): string {
    return this.current;
  }

  /** Replaces the text (after an edit); positions are computed afresh. */
  replace(text: string): void {
    this.current = text;
    this.lineStarts = undefined;
  }

  /** Where a 0-based row starts (the text's length past the last row). */
  rowStart(row: number): number {
    this.lineStarts ??= computeLineStarts(this.current);
    return row < this.lineStarts.length ? this.lineStarts[row] : this.current.length;
  }

  /** The row and column of an index, as tree-sitter counts them (only `\n` ends a row). */
  pointAt(index: number): Point {
    this.lineStarts ??= computeLineStarts(this.current);
    const starts = this.lineStarts;
    const row = Math.max(0, lastAtOrBefore(starts, index));
    return { row, column: index - starts[row] };
  }
}

/** Where each row starts (counted first, so the table is one compact array). */
function computeLineStarts(text: string): Int32Array {
  let rows = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) rows++;
  const starts = new Int32Array(rows);
  let row = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[row++] = at + 1;
  return starts;
}

const NO_CHILDREN: readonly SyntaxNode[] = Object.freeze([]);

let nextId = 1;

/** One node of a copied tree (see the module comment). */
export class SyntaxNode implements PyNode {
  readonly id = nextId++;
  parent: SyntaxNode | null = null;
  /**
   * What a client computed from this node alone and keeps with it (the extractor's evaluation of
   * an expression): a field rather than a WeakMap, whose tens of thousands of entries the garbage
   * collector would have to trace at every collection.
   */
  memo: unknown = undefined;
  readonly hasError: boolean;
  private named: SyntaxNode[] | undefined;
  private start: Point | undefined;
  private end: Point | undefined;

  /**
   * @param fields the field name of each child (null for none); undefined when no child has one.
   */
  constructor(
    /** The text of the node's file (shared by all its nodes). */
    readonly source: SourceText,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private kids: readonly SyntaxNode[],
    private fields: readonly (string | null)[] | undefined,
    /** Whether the node has an error, when tree-sitter said so (its hidden tokens may be MISSING); computed from the children otherwise. */
    hasError?: boolean,
  ) {
    let error = isMissing || type === 'ERROR';
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      k.parent = this;
      if (k.hasError) error = true;
    }
    this.hasError = hasError ?? error;
  }

  get text(): string {
    // Not kept: a slice would keep the whole text of an old version alive after an edit.
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    this.start ??= this.source.pointAt(this.startIndex);
    return this.start;
  }

  get endPosition(): Point {
    this.end ??= this.source.pointAt(this.endIndex);
    return this.end;
  }

  get children(): readonly SyntaxNode[] {
    return this.kids;
  }

  get namedChildren(): readonly SyntaxNode[] {
    this.named ??= this.kids.every((k) => k.isNamed) ? (this.kids as SyntaxNode[]) : this.kids.filter((k) => k.isNamed);
    return this.named;
  }

  /**
   * Inserts leaves before the child at `index`, while the tree is being built (the comments a
   * parse left out, see `commentRuns.ts`); never on a tree others already read.
   */
  insertChildren(index: number, leaves: readonly SyntaxNode[]): void {
    const kids = [...this.kids];
    kids.splice(index, 0, ...leaves);
    this.kids = kids;
    if (this.fields !== undefined) {
      const fields = [...this.fields];
      fields.splice(index, 0, ...leaves.map(() => null));
      this.fields = fields;
    }
    for (const leaf of leaves) leaf.parent = this;
    this.named = undefined;
  }

  /** The field name of the child at `index`, or null. */
  fieldNameForChild(index: number): string | null {
    return this.fields?.[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const fields = this.fields;
    if (fields === undefined) return null;
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) return this.kids[i];
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const fields = this.fields;
    if (fields === undefined) return [];
    const out: SyntaxNode[] = [];
    for (let i = 0; i < fields.length; i++) if (fields[i] === name) out.push(this.kids[i]);
    return out;
  }

  /** This node and its descendants of the given types, in document order (as web-tree-sitter gives them). */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const out: SyntaxNode[] = [];
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const n = stack.pop() as SyntaxNode;
      if (wanted.includes(n.type)) out.push(n);
      for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i]);
    }
    return out;
  }

  /**
   * A copy of this subtree moved by `delta` code units, over `source` (statements after an edit
   * are the same, only later in the text).
   */
  shifted(delta: number, source: SourceText): SyntaxNode {
    // Children before parents, through an explicit stack: a tree may nest thousands of levels
    // (`1+1+…`), past what recursion's stack holds.
    const copies = new Map<SyntaxNode, SyntaxNode>();
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const n = stack[stack.length - 1];
      const pending = n.kids.length > 0 && !copies.has(n.kids[n.kids.length - 1]);
      if (pending) {
        for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i]);
        continue;
      }
      stack.pop();
      const kids = n.kids.length === 0 ? NO_CHILDREN : n.kids.map((k) => copies.get(k) as SyntaxNode);
      for (const k of n.kids) copies.delete(k);
      const copy = new SyntaxNode(source, n.type, n.isNamed, n.isMissing, n.startIndex + delta, n.endIndex + delta, kids, n.fields, n.hasError);
      // What was computed from the node alone does not depend on where it is.
      copy.memo = n.memo;
      copies.set(n, copy);
    }
    return copies.get(this) as SyntaxNode;
  }
}

/** Type names and named-ness by type id, read once per language. */
interface TypeTable {
  names: string[];
  named: boolean[];
  /**
   * Anonymous types that are single tokens spelled as their type (`=`, `(`, `if`): leaves whose
   * end is their start plus the type's length. Not the aliases of token sequences (`not in`,
   * `is not`, which hold two tokens and any blank space between them).
   */
  token: boolean[];
  fields: (string | null)[];
}

const tables = new WeakMap<Language, TypeTable>();

/** tree-sitter's symbol for ERROR nodes (`ts_builtin_sym_error`). */
const ERROR_SYMBOL = 65535;

function typeTable(language: Language): TypeTable {
  let t = tables.get(language);
  if (t === undefined) {
    const names = [...language.types];
    const named = names.map((_, i) => language.nodeTypeIsNamed(i));
    const token = names.map((name, i) => !named[i] && typeof name === 'string' && name.length > 0 && !/\s/.test(name));
    t = { names, named, token, fields: [...language.fields] };
    tables.set(language, t);
  }
  return t;
}

/**
 * What copying reads of a tree, through a cursor: moves, and the current node's facts. Two
 * implementations: web-tree-sitter's `TreeCursor` and {@link RawCursorAccess}.
 */
export interface Walker {
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  isMissing(): boolean;
  /** tree-sitter's `hasError` of the current node (it counts hidden MISSING tokens). */
  hasError(): boolean;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

/** A {@link Walker} over web-tree-sitter's public `TreeCursor`. */
export function cursorWalker(cursor: TreeCursor): Walker {
  return {
    typeId: () => cursor.nodeTypeId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    fieldId: () => cursor.currentFieldId,
    isMissing: () => cursor.nodeIsMissing,
    hasError: () => cursor.currentNode.hasError,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
  };
}

/**
 * Copies the subtree under the walker's current node, leaving the walker where it started.
 * @param withErrors whether the tree has a syntax error. Only then are nodes asked whether they
 *   are MISSING and whether they have an error: a hidden token (a newline, an indent) may be
 *   MISSING, which the copy cannot see but tree-sitter counts in every ancestor's `hasError`. A
 *   node without an error has none below it, so only the children of nodes with one are asked.
 */
export function copySubtree(walker: Walker, language: Language, source: SourceText, withErrors: boolean): SyntaxNode {
  const { names, named, token, fields: fieldNames } = typeTable(language);
  // One entry per open node (the current one's ancestors and itself), in parallel arrays: a copy
  // makes tens of thousands of nodes, and per-node bookkeeping objects were most of its cost.
  const typeIds: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const fieldIds: number[] = [];
  const missing: boolean[] = [];
  /** 1: tree-sitter says it has an error, 0: it says none, -1: not asked. */
  const errors: number[] = [];
  // The finished children of all open nodes, one run per node from `firstKid`: each node's list
  // is then sliced at its exact length (arrays grown by push keep up to 17 unused slots, and
  // every copied node survives several collections).
  const pending: SyntaxNode[] = [];
  const pendingFields: (string | null)[] = [];
  const firstKid: number[] = [];
  const anyField: boolean[] = [];
  const open = (parentError: number): void => {
    const ask = withErrors && parentError !== 0;
    const typeId = walker.typeId();
    const start = walker.startIndex();
    typeIds.push(typeId);
    starts.push(start);
    // Without errors, a token is spelled as its type: its end is known.
    ends.push(withErrors || !token[typeId] ? walker.endIndex() : start + names[typeId].length);
    fieldIds.push(walker.fieldId());
    missing.push(ask && walker.isMissing());
    errors.push(withErrors ? (ask && walker.hasError() ? 1 : 0) : -1);
    firstKid.push(pending.length);
    anyField.push(false);
  };
  const close = (): SyntaxNode => {
    const typeId = typeIds.pop() as number;
    const error = errors.pop() as number;
    const isError = typeId === ERROR_SYMBOL;
    fieldIds.pop();
    const from = firstKid.pop() as number;
    const withFields = anyField.pop() as boolean;
    let children = NO_CHILDREN;
    let fields: (string | null)[] | undefined;
    if (pending.length > from) {
      children = pending.slice(from);
      if (withFields) fields = pendingFields.slice(from);
      pending.length = from;
      pendingFields.length = from;
    }
    return new SyntaxNode(
      source,
      isError ? 'ERROR' : (names[typeId] ?? 'ERROR'),
      isError || (named[typeId] ?? false),
      missing.pop() as boolean,
      starts.pop() as number,
      ends.pop() as number,
      children,
      fields,
      error === -1 ? undefined : error === 1,
    );
  };
  const attach = (child: SyntaxNode, field: number): void => {
    pending.push(child);
    pendingFields.push(field === 0 ? null : (fieldNames[field] ?? null));
    if (field !== 0) anyField[anyField.length - 1] = true;
  };
  open(withErrors ? -1 : 0);
  for (;;) {
    // Without errors, a token is a leaf: no need to ask.
    if ((withErrors || !token[typeIds[typeIds.length - 1]]) && walker.firstChild()) {
      open(errors[errors.length - 1]);
      continue;
    }
    // A leaf, or the last child of one or more nodes: finish them until a sibling follows.
    for (;;) {
      const field = fieldIds[fieldIds.length - 1];
      const node = close();
      if (typeIds.length === 0) return node;
      attach(node, field);
      if (walker.nextSibling()) {
        open(errors[errors.length - 1]);
        break;
      }
      walker.parent();
    }
  }
}

/**
 * web-tree-sitter's wasm exports for tree cursors, called directly. Every `TreeCursor` method
 * writes the cursor's four handles into a transfer buffer in wasm memory, calls the export, and
 * reads them back: eight memory accesses through emscripten's `setValue`/`getValue` around a
 * call that costs less than they do. The exports keep the cursor in that buffer between calls,
 * so a walk that only calls them leaves it there: copying a tree this way takes a quarter of the
 * time. It relies on web-tree-sitter's internals (the Module object being the options passed to
 * `Parser.init`, the exports, the buffer); {@link rawCursorAccess} checks them, and
 * `parser.ts` checks a copy made through it against one made through `TreeCursor` before use.
 */
export interface RawCursorAccess {
  walk(tree: Tree): { walker: Walker; close(): void };
}

/** Exports of the web-tree-sitter wasm module used by {@link RawCursorAccess}. */
interface CursorExports {
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  getValue(address: number, type: 'i32'): number;
  setValue(address: number, value: number, type: 'i32'): void;
}

const CURSOR_EXPORTS: readonly (keyof CursorExports)[] = [
  '_ts_init',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  'getValue',
  'setValue',
];

/** The internal handles web-tree-sitter keeps on a `TreeCursor` and a `Tree`. */
interface CursorHandles {
  handles: number[];
}

/**
 * Raw cursor access through `module` (the options object given to `Parser.init`, which
 * emscripten turns into the wasm module), or undefined when it does not have the exports.
 */
export function rawCursorAccess(module: object): RawCursorAccess | undefined {
  const m = module as Partial<Record<keyof CursorExports, unknown>>;
  if (!CURSOR_EXPORTS.every((name) => typeof m[name] === 'function')) return undefined;
  const x = module as CursorExports;
  // A static buffer: asking again returns the same address (and rewrites two version numbers there, unchanged).
  const buffer = x._ts_init();
  return {
    walk(tree) {
      const handle = (tree as unknown as Record<number, unknown>)[0];
      const cursor = tree.walk();
      const handles = (cursor as unknown as Partial<CursorHandles>).handles;
      if (typeof handle !== 'number' || !Array.isArray(handles) || handles.length !== 4) {
        cursor.delete();
        throw new ServerError('web-tree-sitter internals changed: no raw cursor access');
      }
      for (let i = 0; i < 4; i++) x.setValue(buffer + 4 * i, handles[i], 'i32');
      const walker: Walker = {
        typeId: () => x._ts_tree_cursor_current_node_type_id_wasm(handle),
        startIndex: () => x._ts_tree_cursor_start_index_wasm(handle),
        endIndex: () => x._ts_tree_cursor_end_index_wasm(handle),
        fieldId: () => x._ts_tree_cursor_current_field_id_wasm(handle),
        isMissing: () => x._ts_tree_cursor_current_node_is_missing_wasm(handle) === 1,
        hasError: () => {
          throw new ServerError('raw cursor access is for trees without errors');
        },
        firstChild: () => x._ts_tree_cursor_goto_first_child_wasm(handle) === 1,
        nextSibling: () => x._ts_tree_cursor_goto_next_sibling_wasm(handle) === 1,
        parent: () => x._ts_tree_cursor_goto_parent_wasm(handle) === 1,
      };
      return {
        walker,
        close: () => {
          // The cursor's stack may have moved while it grew: its handles are the buffer's now.
          for (let i = 0; i < 4; i++) handles[i] = x.getValue(buffer + 4 * i, 'i32');
          cursor.delete();
        },
      };
    },
  };
}

let raw: RawCursorAccess | undefined;

/** Sets (or with undefined, stops) the raw cursor access used for trees without errors (`parser.ts` does, once checked). */
export function useRawCursorAccess(access: RawCursorAccess | undefined): void {
  raw = access;
}

/** Runs `use` with a walker at the tree's root: the raw one when set and the tree has no error. */
function withWalker<T>(tree: Tree, hasError: boolean, use: (walker: Walker) => T): T {
  if (!hasError && raw !== undefined) {
    const { walker, close } = raw.walk(tree);
    try {
      return use(walker);
    } finally {
      close();
    }
  }
  const cursor = tree.walk();
  try {
    return use(cursorWalker(cursor));
  } finally {
    cursor.delete();
  }
}

/** Copies a whole tree; `text` must be the text it was parsed from. */
export function copyTree(tree: Tree, text: string, source: SourceText = new SourceText(text)): SyntaxNode {
  const hasError = tree.rootNode.hasError;
  return withWalker(tree, hasError, (walker) => copySubtree(walker, tree.language, source, hasError));
}

/** Copies a whole tree through web-tree-sitter's public `TreeCursor` only (to check the raw access against). */
export function copyTreeThroughCursor(tree: Tree, text: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    return copySubtree(cursorWalker(cursor), tree.language, new SourceText(text), tree.rootNode.hasError);
  } finally {
    cursor.delete();
  }
}

/** Whether copies of trees without errors go through the raw cursor access (for tests and measurements). */
export function usingRawCursorAccess(): boolean {
  return raw !== undefined;
}
