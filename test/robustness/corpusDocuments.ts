/**
 * The shared corpus of real config files (read in place, never copied), each with the file name
 * it is opened under so that the server associates it with its IDA by name, as it would the
 * upstream file (`lms/envs/mock.yml` → `lms.yml`).
 */
import * as path from 'node:path';
import { corpusFiles } from '../helpers/corpus';

/** A corpus file as the robustness tests open it. */
export interface CorpusDocument {
  /** Path relative to the corpus folder. */
  rel: string;
  text: string;
  /** The name it is opened under. */
  fileName: string;
}

/** File names by corpus folder; Tutor's templates keep their own (`lms.env.yml.jinja`). */
const NAME_OF_FOLDER: Readonly<Record<string, string>> = {
  'openedx-platform/lms': 'lms.yml',
  'openedx-platform/cms': 'cms.yml',
  credentials: 'credentials.yml',
  'course-discovery': 'discovery.yml',
};

/** Every corpus file, sorted by path. */
export function corpusDocuments(): CorpusDocument[] {
  return corpusFiles().map(([rel, text]) => {
    const posix = rel.split(path.sep).join('/');
    const folder = path.posix.dirname(posix);
    return { rel: posix, text, fileName: Object.hasOwn(NAME_OF_FOLDER, folder) ? NAME_OF_FOLDER[folder] : path.posix.basename(posix) };
  });
}
