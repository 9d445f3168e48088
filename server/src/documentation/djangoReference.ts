/**
 * Django's settings reference (`docs/ref/settings.txt`) as one entry per `.. setting::` target:
 * the entry's description as Markdown, its default and its version notes.
 */
import { escapeMarkdownText } from '../common/markdown';
import type { Block } from './blockTypes';
import { MAX_INPUT_CHARS, MAX_PROBLEMS } from './bounds';
import { parseBlocks } from './blocks';
import type { RstOptions } from './context';
import { entryParts, type VersionNote } from './entryParts';
import { splitLines } from './lines';
import { collectTargets } from './targets';

export type { VersionNote } from './entryParts';

/** One documented setting. */
export interface ReferenceEntry {
  name: string;
  /** 1-based line of the `.. setting::` target. */
  line: number;
  /** Markdown of the entry's body: paragraphs, lists, code blocks, admonitions; without the Default line and without version notes. */
  description: string;
  /**
   * The default as written after `Default:`, as plain text (not Markdown): inline literals
   * unwrapped (``` ``{}`` (Empty dictionary) ``` → `{} (Empty dictionary)`), roles as their
   * labels; a `Default::` literal block as its lines. Absent when the entry states none.
   */
  defaultText?: string;
  versionNotes: VersionNote[];
}

/** Something in the reference that could not be read as intended. */
export interface ReferenceProblem {
  line: number;
  message: string;
}

/** A `.. setting::` target in column 0, as {@link referencedSettingNames} and the parser both read it. */
const SETTING_TARGET = /^\.\. +setting:: +(\S+)/i;

/** Collects problems up to the bound. */
class Problems {
  readonly list: ReferenceProblem[] = [];

  add(line: number, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ line, message });
  }
}

/** Section levels in order of first appearance of each adornment style, as docutils assigns them. */
class SectionLevels {
  private readonly levels = new Map<string, number>();

  of(style: string): number {
    let level = this.levels.get(style);
    if (level === undefined) {
      level = this.levels.size;
      this.levels.set(style, level);
    }
    return level;
  }
}

/** A run of top-level setting targets stacked before one title: aliases documented together. */
type Target = Extract<Block, { kind: 'setting' }>;

const isTarget = (b: Block | undefined): b is Target => b !== undefined && b.kind === 'setting' && b.column0;

/**
 * Parses Django's settings reference: one entry per `.. setting::` target, in file order.
 * An entry runs from its target to the next target or the next title at its own title's level
 * or above; targets stacked before one title share the entry. Input over 2 MB gives no entries
 * and one problem; at most 100 problems. Never throws.
 */
export function parseDjangoSettingsReference(text: string, options: RstOptions = {}): { entries: Map<string, ReferenceEntry>; problems: ReferenceProblem[] } {
  const entries = new Map<string, ReferenceEntry>();
  const problems = new Problems();
  if (text.length > MAX_INPUT_CHARS) {
    problems.add(1, `The settings reference is ${(text.length / 1024 / 1024).toFixed(1)} MB; more than 2 MB is not read.`);
    return { entries, problems: problems.list };
  }
  const lines = splitLines(text);
  const ctx = { ...options, targets: collectTargets(lines) };
  const blocks = parseBlocks(lines);
  const levels = new SectionLevels();
  let k = 0;
  while (k < blocks.length) {
    const block = blocks[k];
    if (!isTarget(block)) {
      if (block.kind === 'heading') levels.of(block.style);
      k++;
      continue;
    }
    const targets: Target[] = [];
    while (isTarget(blocks[k])) targets.push(blocks[k++] as Target);
    const title = blocks[k];
    // Without a title of its own, an entry ends at any title.
    let level = Infinity;
    if (title !== undefined && title.kind === 'heading') {
      level = levels.of(title.style);
      k++;
    } else {
      problems.add(targets[targets.length - 1].line, `\`.. setting:: ${targets[targets.length - 1].name}\` is not followed by a title.`);
    }
    const body: Block[] = [];
    for (; k < blocks.length; k++) {
      const b = blocks[k];
      if (isTarget(b) || (b.kind === 'heading' && levels.of(b.style) <= level)) break;
      body.push(b);
    }
    const parts = entryParts(body, ctx);
    for (const target of targets) {
      if (target.name === '') problems.add(target.line, 'A `.. setting::` target without a name.');
      else if (entries.has(target.name)) problems.add(target.line, `\`${target.name}\` is documented twice; the first entry is kept.`);
      else entries.set(target.name, { name: target.name, line: target.line, ...parts });
    }
  }
  return { entries, problems: problems.list };
}

/** Where Django keeps its settings reference: pinned with Django's sources by `openedx-config schemas`. */
export const DJANGO_REFERENCE_FILE = { repo: 'django/django', path: 'docs/ref/settings.txt' } as const;

/**
 * The settings a copy of Django's settings reference documents: the `.. setting::` targets of its
 * reStructuredText source, or the `std-setting-` anchors of its HTML build (what Sphinx makes of
 * those targets; Debian's python-django-doc ships only the HTML).
 */
export function documentedSettingNames(text: string): Set<string> {
  const names = new Set(referencedSettingNames(text));
  for (const m of text.matchAll(/\bid="std-setting-([A-Za-z0-9_-]+)"/g)) names.add(m[1]);
  return names;
}

/** The names of the `.. setting::` targets, in file order, each once (cheap: a line scan). Empty for input over 2 MB. */
export function referencedSettingNames(text: string): string[] {
  if (text.length > MAX_INPUT_CHARS) return [];
  const names = new Set<string>();
  for (const line of text.split(/\r\n?|\n/)) {
    if (!line.startsWith('..')) continue;
    const m = SETTING_TARGET.exec(line);
    if (m !== null) names.add(m[1]);
  }
  return [...names];
}

/** Django's version notes, as its documentation words them. */
const VERSION_WORDS: Readonly<Record<VersionNote['kind'], string>> = { added: 'New in Django', changed: 'Changed in Django', deprecated: 'Deprecated since Django' };

/**
 * An entry as hover Markdown: its description, then its version notes (`*New in Django 4.1.*`,
 * with their text). The description's first paragraph, as plain text, for completion lists.
 */
export function referenceMarkdown(entry: ReferenceEntry): { markdown: string; text: string } {
  const notes = entry.versionNotes.map((n) => `*${VERSION_WORDS[n.kind]} ${escapeMarkdownText(n.version)}.*${n.text === '' ? '' : ` ${n.text}`}`);
  const markdown = [entry.description, ...notes].filter((part) => part !== '').join('\n\n');
  const first = entry.description.split(/\n\s*\n/)[0] ?? '';
  return { markdown, text: first.replace(/\s+/g, ' ').trim() };
}
