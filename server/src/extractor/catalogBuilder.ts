/**
 * Accumulates settings while modules are read in import order, the way Python would
 * execute them: a later assignment replaces the value, documentation is kept.
 */
import type { Catalog, Documentation, ExtractionProblem, JsonValue, Layout, Origin, Requirement, Setting, SettingReader, SettingType, YamlLoading, YamlRole } from '../catalog/types';
import type { EvaluatedValue } from './values';
import { MAX_EDITS_PER_SETTING, MAX_PROBLEMS_PER_MODULE } from './limits';

/** Longest default source text kept verbatim; longer texts are abbreviated. */
const MAX_DEFAULT_TEXT = 400;

/** Abbreviates a default expression's source for display. */
export function abbreviateSource(text: string): string {
  const t = text.trim();
  return t.length <= MAX_DEFAULT_TEXT ? t : `${t.slice(0, MAX_DEFAULT_TEXT - 1)}…`;
}

/** State of one setting during extraction. */
interface Entry {
  setting: Setting;
  /** The value as last evaluated, for aliases (`A = B`). */
  value: EvaluatedValue;
  /**
   * Kept by a snapshot (`moduleSnapshots.ts`) as well as by a builder: never changed again. A
   * builder that changes the setting replaces the entry with a copy first (copy on write), so
   * saving and restoring the settings copies nothing.
   */
  shared: boolean;
  /** In-place edits followed since the last assignment (see {@link MAX_EDITS_PER_SETTING}). */
  edits: number;
}

/** The top-level settings at one point of an extraction (see {@link CatalogBuilder.saveSettings}). */
export type SettingsSnapshot = ReadonlyMap<string, Readonly<Entry>>;

/** What {@link CatalogBuilder.problem} knows of the problems list, and the list it was counted on. */
interface ProblemTally {
  /** Problems kept per file. */
  counts: Map<string, number>;
  /** Index of each file's `N more problems` summary. */
  summaries: Map<string, number>;
  length: number;
  last: ExtractionProblem | undefined;
}

/** The summaries of problems not kept, with how many each stands for. */
const MORE = new WeakMap<ExtractionProblem, number>();

/** The summary of `count` problems of `first`'s module not kept, placed where the first of them (or an earlier summary) was. */
function moreProblems(first: ExtractionProblem, count: number): ExtractionProblem {
  const summary: ExtractionProblem = {
    code: 'limit-reached',
    message: `${count} more ${count === 1 ? 'problem' : 'problems'} in ${first.file} not listed (at most ${MAX_PROBLEMS_PER_MODULE} are listed per module)`,
    file: first.file,
    line: first.line,
    column: first.column,
    ...(first.layer !== undefined ? { layer: first.layer } : {}),
  };
  MORE.set(summary, count);
  return summary;
}

/** Builds a {@link Catalog} from events reported by the interpreter. */
export class CatalogBuilder {
  private readonly entries = new Map<string, Entry>();
  private readonly nested: Setting[] = [];
  readonly problems: ExtractionProblem[] = [];
  readonly files: string[] = [];
  yaml: YamlLoading = {};

  constructor(
    readonly ida: string,
    readonly layout: Layout,
    readonly root: string,
  ) {}

  /** The top-level settings so far (shared with this builder, which copies them before changing them). */
  saveSettings(): SettingsSnapshot {
    for (const e of this.entries.values()) e.shared = true;
    return new Map(this.entries);
  }

  /** Replaces the top-level settings with saved ones (which stay as they are). */
  restoreSettings(saved: SettingsSnapshot): void {
    this.entries.clear();
    for (const [name, e] of saved) this.entries.set(name, e as Entry);
  }

  /** The entry of a setting, to change it: a copy of it if it is shared. */
  private writable(name: string): Entry | undefined {
    const e = this.entries.get(name);
    if (e === undefined || !e.shared) return e;
    const copy: Entry = { setting: { ...e.setting, roles: [...e.setting.roles] }, value: e.value, shared: false, edits: e.edits };
    this.entries.set(name, copy);
    return copy;
  }

  /** Whether a top-level setting exists. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The current setting of that name, if any (to read: it may be shared, see {@link Entry.shared}). */
  get(name: string): Setting | undefined {
    return this.entries.get(name)?.setting;
  }

  /** The value as last evaluated, for aliases. */
  valueOf(name: string): EvaluatedValue | undefined {
    return this.entries.get(name)?.value;
  }

  /** All top-level names, in definition order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Records an assignment. A re-assignment replaces type, default and origin (the later
   * module wins, as in Python) but keeps documentation found earlier when the new one has none.
   */
  assign(name: string, value: EvaluatedValue, origin: Origin, sourceText: string | undefined, doc?: Documentation): Setting {
    const existing = this.entries.get(name);
    const setting: Setting = {
      name,
      path: [name],
      type: value.type,
      origin,
      // A shared entry's roles must not grow: the new setting gets its own list.
      roles: existing === undefined ? [] : existing.shared ? [...existing.setting.roles] : existing.setting.roles,
    };
    if (value.value !== undefined) setting.default = value.value;
    if (sourceText !== undefined) setting.defaultText = abbreviateSource(sourceText);
    const keptDoc = doc ?? existing?.setting.doc;
    if (keptDoc) setting.doc = keptDoc;
    if (existing?.setting.required) setting.required = existing.setting.required;
    // Who else reads or sets the key stays true of the new value (the list is replaced, never changed).
    if (existing?.setting.readers) setting.readers = existing.setting.readers;
    if (value.reads.length > 0 && value.value === undefined) setting.computedFrom = [...new Set(value.reads)];
    this.entries.set(name, { setting, value, shared: false, edits: 0 });
    return setting;
  }

  /**
   * Records a bare declaration (`NAME: type`): the setting exists, its value is set elsewhere.
   * An existing definition keeps its value; the hint only fills in an unknown type.
   */
  declare(name: string, type: SettingType | undefined, origin: Origin, doc?: Documentation): void {
    const current = this.entries.get(name);
    if (current) {
      const changesType = type !== undefined && current.setting.type.kind !== 'json';
      const changesDoc = doc !== undefined && !current.setting.doc;
      if (!changesType && !changesDoc) return;
      const existing = this.writable(name) as Entry;
      if (changesType) existing.setting.type = type;
      if (changesDoc) existing.setting.doc = doc;
      return;
    }
    const setting: Setting = {
      name,
      path: [name],
      type: type ?? { kind: 'unknown', types: [], nullable: false, from: 'none' },
      origin,
      roles: [],
    };
    if (doc) setting.doc = doc;
    this.entries.set(name, { setting, value: { type: setting.type, reads: [] }, shared: false, edits: 0 });
  }

  /** Marks a setting required. */
  require(name: string, requirement: Requirement): void {
    const s = this.writable(name)?.setting;
    if (s) s.required = requirement;
  }

  /**
   * Whether in-place edits of the setting are still followed: false once it had more than
   * {@link MAX_EDITS_PER_SETTING} of them since its last assignment (then its default is unknown,
   * and an edit need not even be evaluated).
   */
  followsEdits(name: string): boolean {
    const e = this.entries.get(name);
    return e !== undefined && e.edits <= MAX_EDITS_PER_SETTING;
  }

  /**
   * Replaces the default after an in-place edit; `undefined` means the default is no longer a
   * known literal. The edit is appended to the default's source text either way. The first edit
   * past {@link MAX_EDITS_PER_SETTING} drops the default and is reported; later ones are ignored.
   */
  mutateDefault(name: string, next: JsonValue | undefined, editText: string): void {
    if (!this.followsEdits(name)) return;
    const entry = this.writable(name);
    if (!entry) return;
    const s = entry.setting;
    if (++entry.edits > MAX_EDITS_PER_SETTING) {
      delete s.default;
      entry.value = { type: entry.value.type, reads: entry.value.reads };
      this.problem({
        code: 'limit-reached',
        message: `${name} is edited in place more than ${MAX_EDITS_PER_SETTING.toLocaleString('en-US')} times; its default is not followed past the first ${MAX_EDITS_PER_SETTING.toLocaleString('en-US')} edits`,
        file: s.origin.file,
        line: s.origin.line,
        column: s.origin.column,
      });
      return;
    }
    // The text says how the default came about, whether or not the result is still a literal.
    s.defaultText = abbreviateSource(`${s.defaultText ?? '…'}  # then: ${editText}`);
    if (next === undefined) {
      delete s.default;
      entry.value = { type: entry.value.type, reads: entry.value.reads };
    } else {
      s.default = next;
      entry.value = { ...entry.value, value: next };
    }
  }

  /** Attaches documentation to a top-level setting, keeping the first annotation found. */
  document(name: string, doc: Documentation): boolean {
    const current = this.entries.get(name)?.setting;
    if (!current) return false;
    if (!current.doc || (current.doc.source !== 'annotation' && doc.source === 'annotation')) (this.writable(name) as Entry).setting.doc = doc;
    return true;
  }

  /** Adds a documented key inside a dict setting (`FEATURES['X']`, `A['b']['c']`). */
  addNested(path: string[], type: SettingType, origin: Origin, doc: Documentation, value?: JsonValue): void {
    const existing = this.nested.find((n) => n.path.join('\u0000') === path.join('\u0000'));
    if (existing) {
      if (!existing.doc) existing.doc = doc;
      return;
    }
    const s: Setting = { name: path[0], path, type, origin, roles: [], doc };
    if (value !== undefined) s.default = value;
    this.nested.push(s);
  }

  /** Records code outside the settings modules that reads or sets a top-level setting (once per place). */
  addReader(name: string, reader: SettingReader): void {
    const current = this.entries.get(name)?.setting;
    if (!current) return;
    const same = (r: SettingReader): boolean => r.package === reader.package && r.file === reader.file && r.line === reader.line && r.how === reader.how && r.version === reader.version;
    if (current.readers?.some(same)) return;
    const s = (this.writable(name) as Entry).setting;
    // Replaced, not pushed to: saved settings and reassigned ones share the old list.
    s.readers = [...(s.readers ?? []), reader];
  }

  /** Adds a role, once. */
  addRole(name: string, role: YamlRole): void {
    const current = this.entries.get(name)?.setting;
    if (!current) return;
    // One role of a kind per target/note: the first place the module does it is the one to show.
    const key = (r: YamlRole): string => JSON.stringify({ ...r, line: undefined, file: undefined });
    if (!current.roles.some((r) => key(r) === key(role))) (this.writable(name) as Entry).setting.roles.push(role);
  }

  /** Overrides the YAML-facing type of a setting (the YAML shape differs from the Python default). */
  setYamlType(name: string, type: SettingType): void {
    const s = this.writable(name)?.setting;
    if (s) s.type = type;
  }

  /**
   * Records a problem. A module's problems past {@link MAX_PROBLEMS_PER_MODULE} are counted in one
   * last problem of that module (`N more problems in FILE not listed`) instead of being kept.
   */
  problem(p: ExtractionProblem): void {
    const tally = this.tally();
    const more = MORE.get(p);
    const count = tally.counts.get(p.file) ?? 0;
    if (more === undefined && count < MAX_PROBLEMS_PER_MODULE) {
      tally.counts.set(p.file, count + 1);
      this.problems.push(p);
    } else {
      // A replayed summary adds what it counted; anything else past the limit adds one.
      const at = tally.summaries.get(p.file);
      const previous = at === undefined ? undefined : this.problems[at];
      const summary = moreProblems(previous ?? p, (previous === undefined ? 0 : (MORE.get(previous) ?? 0)) + (more ?? 1));
      if (at === undefined) {
        tally.summaries.set(p.file, this.problems.length);
        this.problems.push(summary);
      } else {
        // Replaced, not changed: saved copies of the list hold the old object.
        this.problems[at] = summary;
      }
    }
    tally.length = this.problems.length;
    tally.last = this.problems[this.problems.length - 1];
  }

  /** The per-module counts of {@link problem}, counted again when the list was changed from outside (a snapshot restored). */
  private tally(): ProblemTally {
    const t = this.problemTally;
    if (t !== undefined && t.length === this.problems.length && t.last === this.problems[this.problems.length - 1]) return t;
    const fresh: ProblemTally = { counts: new Map(), summaries: new Map(), length: this.problems.length, last: this.problems[this.problems.length - 1] };
    this.problems.forEach((p, i) => {
      if (MORE.has(p)) fresh.summaries.set(p.file, i);
      else fresh.counts.set(p.file, (fresh.counts.get(p.file) ?? 0) + 1);
    });
    this.problemTally = fresh;
    return fresh;
  }

  private problemTally: ProblemTally | undefined;

  /** The finished catalog: top-level settings in definition order, nested keys after their parent. */
  build(): Catalog {
    // A doc's file is worth stating only when it differs from where the value is set.
    const sameFile = (s: Setting): boolean => s.doc?.file !== undefined && s.doc.file === s.origin.file;
    const withoutFile = (s: Setting): void => {
      if (s.doc === undefined) return;
      const { file: _same, ...rest } = s.doc;
      s.doc = rest;
    };
    for (const [name, e] of this.entries) if (sameFile(e.setting)) withoutFile((this.writable(name) as Entry).setting);
    for (const s of this.nested) if (sameFile(s)) withoutFile(s);
    const settings: Setting[] = [];
    for (const { setting } of this.entries.values()) {
      settings.push(setting);
      for (const n of this.nested) if (n.name === setting.name) settings.push(n);
    }
    for (const n of this.nested) {
      if (!this.entries.has(n.name)) settings.push(n);
    }
    return { ida: this.ida, layout: this.layout, root: this.root, settings, problems: this.problems, files: this.files, yaml: this.yaml };
  }
}
