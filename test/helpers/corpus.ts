/**
 * Read-only access to the shared corpus of real config files (`../shared/corpus`), read in
 * place: never copied into the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Absolute path of the corpus folder (override with `OPENEDX_CORPUS`). */
export const CORPUS_DIR = process.env.OPENEDX_CORPUS ?? path.resolve(__dirname, '../../../../shared/corpus');

/** Corpus files as `[relative path, text]`; `templates` selects the Jinja ones or the others. */
export function corpusFiles(templates?: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|jinja)$/.test(name)) {
        const isTemplate = name.endsWith('.jinja');
        if (templates === undefined || templates === isTemplate) out.push([path.relative(CORPUS_DIR, full), fs.readFileSync(full, 'utf8')]);
      }
    }
  };
  walk(CORPUS_DIR);
  return out;
}
