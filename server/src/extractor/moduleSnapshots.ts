/**
 * What reading one settings module did, kept to be replayed on the next extraction instead of
 * reading the module again. Interpretation is deterministic: a module whose text is the same,
 * entered after the same code ran (the same modules, the same text up to the same import
 * statements), leaves the catalog in the same state. After `lms/envs/common.py` is edited below
 * its `from openedx.envs.common import *`, the 3,000 lines of `openedx/envs/common.py` need not be
 * read again: the settings they leave are restored, copied (later statements change settings in
 * place).
 *
 * Only modules that star-import nothing are kept (which files such an import reaches can change
 * without the module's text changing), and only modules large enough to be worth it. Nothing is
 * replayed or kept once a module with a syntax error was entered: its problems are reported for
 * the whole module up front, and tree-sitter may fold statements before the damage into an ERROR
 * node, so the text that ran no longer tells the state.
 *
 * A module edited since the last extraction also keeps a {@link HeadCheckpoint}: the whole state
 * of the reading right before its first re-parsed statement. Editing the same place again (the
 * statements before it are still the same syntax nodes: the parse cache kept them) restores it
 * and reads only the statements from there on. What those first statements read (the modules
 * they import, and which files the imports resolve to) is checked again first.
 */
import type { ExtractionProblem } from '../catalog/types';
import type { ParsedFile } from '../python/parseCache';
import type { PyNode } from '../python/syntaxTree';
import type { AssignmentSite } from './attachAnnotations';
import type { SettingsSnapshot } from './catalogBuilder';

/** A module entered so far in an extraction, and how far it ran. */
export interface TraceStep {
  file: string;
  parsed: ParsedFile;
  /** Index in the module's text up to which it ran (the end of the import running now); `Infinity` when it finished. */
  extent: number;
}

/** The state one module's reading left, and when it may be replayed. */
export interface ModuleSnapshot {
  /** The modules entered before it, and how far each had run. */
  trace: TraceStep[];
  parsed: ParsedFile;
  settings: SettingsSnapshot;
  problems: ExtractionProblem[];
  sites: AssignmentSite[];
  featuresProxy: boolean;
}

/** Everything a reading has done at one point (see the interpreter's `saveState`). */
export interface ReadingState {
  settings: SettingsSnapshot;
  problems: ExtractionProblem[];
  files: string[];
  sites: Map<string, AssignmentSite[]>;
  done: string[];
  featuresProxy: boolean;
  trace: TraceStep[];
  imports: number;
}

/** What the statements before a checkpoint read from the file system, to check it still is so. */
export interface PrefixLog {
  /**
   * Modules read (their version) or not (why). `discovery` marks files read to find plugin apps
   * (`pyproject.toml`, `apps.py`): parsed, never run, so their comments document nothing.
   */
  reads: { file: string; outcome: ParsedFile | string; discovery?: true }[];
  /** Star imports: the importing file, the module as written, the file it resolved to. */
  resolutions: { from: string; module: string; resolved: string | undefined }[];
  /** Files whose presence plugin discovery asked, and the answer. */
  presence: { file: string; exists: boolean }[];
}

/** The state of a reading right before a statement of a module (see the module comment). */
export interface HeadCheckpoint {
  /** The modules entered before the module, and how far each had run. */
  traceBefore: TraceStep[];
  /** The module's top-level statements read before the checkpoint. */
  statements: readonly PyNode[];
  state: ReadingState;
  log: PrefixLog;
}

/** Snapshots kept at most (each holds a copy of a catalog's settings). */
const MAX_SNAPSHOTS = 32;

/** Modules this short are read again: copying the catalog would cost about as much. */
export const MIN_SNAPSHOT_CHARS = 20_000;

/** Whether the same code ran before `a` and before `b`. */
export function sameTrace(a: readonly TraceStep[], b: readonly TraceStep[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.file !== y.file || x.extent !== y.extent || !sameText(x.parsed, y.parsed, x.extent)) return false;
  }
  return true;
}

/** Whether two versions of a file have the same text up to `extent`. */
function sameText(a: ParsedFile, b: ParsedFile, extent: number): boolean {
  if (a === b) return true;
  if (extent === Infinity) return a.text === b.text;
  return a.text.length >= extent && b.text.length >= extent && a.text.slice(0, extent) === b.text.slice(0, extent);
}

/**
 * Snapshots kept across extractions (the language server keeps one store; `reextract` clears
 * it). One per module and settings source, the last one taken.
 */
export class ModuleSnapshots {
  private readonly byKey = new Map<string, ModuleSnapshot>();
  private readonly heads = new Map<string, HeadCheckpoint>();
  /** Modules replayed, for tests and measurements. */
  replayed = 0;
  /** Head checkpoints restored, for tests and measurements. */
  resumed = 0;

  /** @param minChars modules shorter than this are not kept (tests keep every module). */
  constructor(readonly minChars = MIN_SNAPSHOT_CHARS) {}

  /** The snapshot of `file` read for the source `source`, if any. */
  get(source: string, file: string): ModuleSnapshot | undefined {
    return this.byKey.get(`${source}\u0000${file}`);
  }

  /** Keeps a snapshot (replacing the module's previous one). */
  set(source: string, file: string, snapshot: ModuleSnapshot): void {
    setNewest(this.byKey, `${source}\u0000${file}`, snapshot);
  }

  /**
   * The head checkpoint of `file` read for `source`, if any.
   * @param kind `add_plugins`: the one before the module's add_plugins call (each module keeps one of each kind).
   */
  head(source: string, file: string, kind?: 'add_plugins'): HeadCheckpoint | undefined {
    return this.heads.get(`${source}\u0000${file}${kind !== undefined ? `\u0000${kind}` : ''}`);
  }

  /** Keeps a head checkpoint (replacing the module's previous one of that kind). */
  setHead(source: string, file: string, checkpoint: HeadCheckpoint, kind?: 'add_plugins'): void {
    setNewest(this.heads, `${source}\u0000${file}${kind !== undefined ? `\u0000${kind}` : ''}`, checkpoint);
  }

  /** Forgets every snapshot and checkpoint. */
  clear(): void {
    this.byKey.clear();
    this.heads.clear();
  }

  /** Number of snapshots kept. */
  get size(): number {
    return this.byKey.size;
  }
}

/**
 * Sets `key` as the newest entry of `map`, dropping the oldest ones past {@link MAX_SNAPSHOTS}:
 * settings sources come and go (configuration changes), and the oldest go first.
 */
function setNewest<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const old of map.keys()) {
    if (map.size <= MAX_SNAPSHOTS) break;
    map.delete(old);
  }
}
