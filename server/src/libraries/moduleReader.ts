/**
 * Reads and parses one module of a site-packages folder for the scan: the extractor's reader
 * (regular files only, a size cap, not binary, not too dense, nothing resolving outside the
 * folder), then tree-sitter. A module that cannot be read or parsed is a problem, never an
 * exception.
 */
import type { Parser } from 'web-tree-sitter';
import type { ExtractionProblem } from '../catalog/types';
import { fileSystemReader, type SourceReader } from '../extractor/sourceReader';
import { parseOnce, type ParsedFile } from '../python/parseCache';

/** Parses modules of one folder, counting them and recording why one could not be. */
export class ModuleReader {
  /** Modules parsed so far. */
  parsed = 0;
  private readonly reader: SourceReader;

  constructor(
    root: string,
    maxFileBytes: number,
    private readonly parser: Parser,
    private readonly problems: ExtractionProblem[],
  ) {
    this.reader = fileSystemReader(root, maxFileBytes);
  }

  /** The parsed module (`file` POSIX-relative to the folder); undefined, with a problem, when it cannot be read or parsed. */
  parse(file: string): ParsedFile | undefined {
    const text = this.reader.read(file);
    if (!text.ok) {
      this.problems.push({ code: text.code, message: text.error, file, line: 1, column: 0 });
      return undefined;
    }
    try {
      this.parsed++;
      return parseOnce(this.parser, text.value);
    } catch {
      this.problems.push({ code: 'unreadable-file', message: `${file} could not be parsed`, file, line: 1, column: 0 });
      return undefined;
    }
  }
}
