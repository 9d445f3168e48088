/**
 * The shared corpus of real config files (read in place, never copied), each with the IDA it
 * belongs to, and a checker that runs the CLI engine over them with the shipped schemas only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { Checker, type FileReport } from '../../server/src/cli/checkEngine';
import { locateShippedSchemas } from '../../server/src/registry/shipped';
import type { IdaSchema } from '../../server/src/schema/format';
import { CORPUS_DIR } from '../helpers/corpus';

/** A corpus file and its IDA. */
export interface CorpusFile {
  /** Path relative to the corpus folder. */
  rel: string;
  abs: string;
  text: string;
  /** Undefined when association by file name decides (Tutor's templates). */
  ida?: string;
  template: boolean;
}

/**
 * The IDA of each corpus folder. The upstream paths (README.md) are `lms/envs/mock.yml` and the
 * like, which association by name handles; the corpus folders do not keep those paths.
 */
const IDA_OF_FOLDER: Readonly<Record<string, string>> = {
  'openedx-platform/lms': 'lms',
  'openedx-platform/cms': 'studio',
  credentials: 'credentials',
  'course-discovery': 'discovery',
};

/** Every corpus file (YAML and Jinja templates), sorted by path. */
export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (fs.statSync(abs).isDirectory()) walk(abs);
      else if (/\.ya?ml(\.jinja)?$/.test(name)) {
        const rel = path.relative(CORPUS_DIR, abs).split(path.sep).join('/');
        const folder = path.posix.dirname(rel);
        out.push({ rel, abs, text: fs.readFileSync(abs, 'utf8'), template: name.endsWith('.jinja'), ...(Object.hasOwn(IDA_OF_FOLDER, folder) ? { ida: IDA_OF_FOLDER[folder] } : {}) });
      }
    }
  };
  walk(CORPUS_DIR);
  return out;
}

/** The shipped schemas folder of this checkout. */
export const SHIPPED_DIR = locateShippedSchemas() ?? '';

/** A shipped schema, read directly (to pick seeded mistakes). */
export function shippedSchema(ida: string): IdaSchema {
  return JSON.parse(fs.readFileSync(path.join(SHIPPED_DIR, `${ida}.json`), 'utf8')) as IdaSchema;
}

/** One checker for the whole run: shipped schemas, default settings. */
export const checker = new Checker({ shippedDir: SHIPPED_DIR });

/** Checks a corpus file's text (the real one, or a seeded copy). */
export function check(file: CorpusFile, text = file.text): Promise<FileReport> {
  return checker.checkText(file.abs, text, file.ida);
}

/** `line:char-line:char severity rule message`: what the comparisons compare. */
export function key(d: Diagnostic, lineShift = 0): string {
  const r = d.range;
  return `${r.start.line + lineShift}:${r.start.character}-${r.end.line + lineShift}:${r.end.character} ${d.severity ?? DiagnosticSeverity.Error} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`;
}
