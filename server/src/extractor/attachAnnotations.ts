/**
 * Attaches code-annotations blocks to settings by name, once every module is read:
 * an annotation may sit above a bare declaration whose value is set in another module,
 * or carry a name that differs from the assignment under it. Nothing is dropped: a block
 * that cannot be attached becomes a problem.
 */
import type { Documentation, JsonValue, Origin, SettingType } from '../catalog/types';
import type { CatalogBuilder } from './catalogBuilder';
import { parseAnnotationBlocks, documentsSetting, type AnnotationBlock } from './comments/annotations';
import { annotationDoc } from './comments/docComments';
import type { CommentLine } from './comments/commentLines';
import { typeOfLiteral } from './values';

/** An assignment's position, to find the statement under an annotation block. */
export interface AssignmentSite {
  line: number;
  name: string;
}

/** Tallies for the extraction summary. */
export interface AttachStats {
  blocks: number;
  attached: number;
  nonSettingToggles: number;
  reported: number;
}

/** A comment block's annotation blocks, and the documentation of each once built. */
export interface ParsedAnnotations {
  blocks: readonly AnnotationBlock[];
  /** By index in {@link blocks}: built on first use, then shared by the catalogs (never modified). */
  docs: (Documentation | undefined)[];
}

/**
 * The annotation blocks parsed from comment blocks, by comment block. Each module version keeps
 * one (`ModuleComments.annotations`), and comment blocks are kept with their file's version
 * (`moduleComments.ts`), so a re-extraction parses only the blocks of edited files. Nothing here
 * modifies a parsed block.
 */
export type AnnotationCache = Map<readonly CommentLine[], ParsedAnnotations>;

/** A comment block of a module, and where its parsed annotations are kept. */
export interface FoundBlock {
  file: string;
  block: CommentLine[];
  cache?: AnnotationCache;
}

function annotationBlocksOf({ block, cache }: FoundBlock): ParsedAnnotations {
  let parsed = cache?.get(block);
  if (parsed === undefined) {
    // Most comment blocks are plain prose: only blocks with a `.. token:` line can hold annotations.
    parsed = { blocks: block.some((c) => c.text.includes('..')) ? parseAnnotationBlocks(block) : [], docs: [] };
    cache?.set(block, parsed);
  }
  return parsed;
}

/** The documentation of the `index`th annotation block of a comment block of `file`. */
function docOf(parsed: ParsedAnnotations, index: number, file: string): Documentation {
  let doc = parsed.docs[index];
  if (doc === undefined) parsed.docs[index] = doc = { ...annotationDoc(parsed.blocks[index]), file };
  return doc;
}

/** The value at a path inside a literal default, if it is there. */
function valueAt(root: JsonValue | undefined, keys: string[]): JsonValue | undefined {
  let cur = root;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * Attaches every annotation block found in the read modules.
 * @param sites assignments per file, sorted by line.
 */
export function attachAnnotations(
  builder: CatalogBuilder,
  commentBlocks: readonly FoundBlock[],
  sites: ReadonlyMap<string, AssignmentSite[]>,
  featuresProxy: boolean,
): AttachStats {
  const stats: AttachStats = { blocks: 0, attached: 0, nonSettingToggles: 0, reported: 0 };
  const sorted = new Map([...sites].map(([file, list]) => [file, [...list].sort((a, b) => a.line - b.line)]));
  for (const found of commentBlocks) {
    const { file, block } = found;
    const parsed = annotationBlocksOf(found);
    if (parsed.blocks.length === 0) continue;
    const blockEnd = block[block.length - 1].line;
    const next = firstSiteAfter(sorted.get(file) ?? [], blockEnd);
    const directlyBelow = next && next.line === blockEnd + 1 ? next : undefined;
    for (let index = 0; index < parsed.blocks.length; index++) {
      const ab = parsed.blocks[index];
      if (ab.kind === 'toggle' && !documentsSetting(ab)) {
        stats.nonSettingToggles++;
        continue;
      }
      stats.blocks++;
      const report = (code: 'annotation-name-mismatch' | 'annotation-unattached', message: string): void => {
        builder.problem({ code, message, file, line: ab.startLine, column: block[0].column });
        stats.reported++;
      };
      // Irregular blocks are read anyway; each irregularity is reported where it is.
      for (const note of ab.notes) {
        builder.problem({ code: 'annotation-malformed', message: `${ab.rawName || `${ab.kind} annotation`}: ${note.message}`, file, line: note.line, column: note.column });
      }
      if (!ab.name) {
        report('annotation-unattached', `${ab.kind}_name is empty; the block documents nothing`);
        continue;
      }
      if (ab.subscript.length > 0) {
        if (attachNested(builder, ab, docOf(parsed, index, file), { file, line: ab.startLine, column: block[0].column }, featuresProxy)) stats.attached++;
        else report('annotation-unattached', `${ab.rawName}: no setting \`${ab.name}\` to attach this ${ab.kind} annotation to`);
        continue;
      }
      const doc = docOf(parsed, index, file);
      if (builder.has(ab.name)) {
        builder.document(ab.name, doc);
        stats.attached++;
        if (directlyBelow && directlyBelow.name !== ab.name && !block.some((c) => c.line > ab.endLine && /\.\.\s+(setting|toggle)_name/.test(c.text))) {
          report('annotation-name-mismatch', `annotation names \`${ab.name}\` but the assignment below is \`${directlyBelow.name}\`; attached to \`${ab.name}\``);
        }
      } else if (directlyBelow) {
        builder.document(directlyBelow.name, doc);
        stats.attached++;
        report('annotation-name-mismatch', `annotation names \`${ab.name}\`, which no module defines; attached to \`${directlyBelow.name}\`, the assignment below it`);
      } else {
        report('annotation-unattached', `annotation names \`${ab.name}\`, which no module defines`);
      }
    }
  }
  return stats;
}

/** The first assignment below a line, by binary search over sites sorted by line. */
function firstSiteAfter(list: readonly AssignmentSite[], line: number): AssignmentSite | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].line > line) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

/** `FEATURES['X']` and `DICT['a']['b']` annotations. */
function attachNested(builder: CatalogBuilder, ab: AnnotationBlock, doc: Documentation, origin: Origin, featuresProxy: boolean): boolean {
  // With the FEATURES proxy each FEATURES key is a top-level setting.
  if (ab.name === 'FEATURES' && featuresProxy && ab.subscript.length === 1 && builder.has(ab.subscript[0])) {
    builder.document(ab.subscript[0], doc);
    return true;
  }
  const parent = builder.get(ab.name);
  if (!parent) return false;
  const v = valueAt(parent.default, ab.subscript);
  const type: SettingType = v === undefined ? { kind: 'unknown', types: [], nullable: false, from: 'none' } : typeOfLiteral(v);
  builder.addNested([ab.name, ...ab.subscript], type, origin, doc, v);
  return true;
}
