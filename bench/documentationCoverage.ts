/**
 * `node out/bench/documentationCoverage.js`: for each config file of ../shared/corpus and
 * examples/, the share of its top-level keys whose hover carries a description, (a) with the
 * shipped schema only, (b) after the documentation download (the shipped schema with the
 * documentation of its pinned sources laid over it), (c) with live sources; and the share of the
 * keys the schema knows that get at least a link. Needs the local cache of upstream sources,
 * `.cache/upstream` (not committed), which stands for both the downloaded files and the live
 * sources; prints a Markdown table (docs/documentation.md keeps the figures).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectIdas } from '../server/src/extractor/detect';
import { extractIda } from '../server/src/extractor/extract';
import { buildSchema } from '../server/src/schema/build';
import { composeSchema, LIVE_BUILD } from '../server/src/schema/compose';
import { withDocumentation } from '../server/src/schema/documentationLayer';
import type { IdaSchema, PropertySchema } from '../server/src/schema/format';
import { loadSchemaFile } from '../server/src/schema/load';
import { loadOverlay } from '../server/src/schema/overlay';
import { originOf } from '../server/src/service/origin';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const UPSTREAM = path.join(REPO_ROOT, '.cache', 'upstream');
const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

/** A config file and the IDA it configures (with the checkout folder of its sources in `.cache/upstream`). */
interface Subject {
  file: string;
  ida: string;
  folder: string;
}

const SUBJECTS: Subject[] = [
  { file: path.join(CORPUS, 'openedx-platform', 'lms', 'mock.yml'), ida: 'lms', folder: 'openedx-platform' },
  { file: path.join(CORPUS, 'openedx-platform', 'lms', 'minimal.yml'), ida: 'lms', folder: 'openedx-platform' },
  { file: path.join(CORPUS, 'openedx-platform', 'cms', 'mock.yml'), ida: 'studio', folder: 'openedx-platform' },
  { file: path.join(CORPUS, 'tutor', 'lms.env.yml.jinja'), ida: 'lms', folder: 'openedx-platform' },
  { file: path.join(CORPUS, 'tutor', 'cms.env.yml.jinja'), ida: 'studio', folder: 'openedx-platform' },
  { file: path.join(CORPUS, 'credentials', 'minimal.yml'), ida: 'credentials', folder: 'credentials' },
  { file: path.join(CORPUS, 'course-discovery', 'minimal.yml'), ida: 'discovery', folder: 'course-discovery' },
  { file: path.join(REPO_ROOT, 'examples', 'openedx-platform-lite', 'lms.yml'), ida: 'lms', folder: 'openedx-platform' },
];

/** Top-level keys, read line by line (Tutor's files are Jinja templates, not YAML until rendered). */
function topLevelKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)\s*:/gm)) keys.add(m[1]);
  return [...keys];
}

function described(prop: PropertySchema | undefined): boolean {
  return prop !== undefined && (prop.description ?? prop.markdownDescription ?? '').trim() !== '';
}

function linked(prop: PropertySchema | undefined, schema: IdaSchema): boolean {
  if (prop === undefined) return false;
  const site = originOf(prop, schema);
  return site?.webUrl !== undefined || site?.uri !== undefined || prop['x-openedx']?.reference !== undefined;
}

function percent(n: number, of: number): string {
  return of === 0 ? '–' : `${Math.round((100 * n) / of)} % (${n}/${of})`;
}

async function main(): Promise<void> {
  const django = detectIdas(path.join(UPSTREAM, 'django')).find((d) => d.ida === 'django');
  if (django === undefined) throw new Error(`${UPSTREAM}/django is missing (the local cache of upstream sources)`);
  const djangoCatalog = (await extractIda(django)).catalog;
  const schemas = new Map<string, { shipped: IdaSchema; documented: IdaSchema; live: IdaSchema }>();
  const rows = ['| file | IDA | keys | (a) shipped | (b) after download | (c) live | known keys with a link (shipped) |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const subject of SUBJECTS) {
    if (!fs.existsSync(subject.file)) continue;
    let entry = schemas.get(subject.ida);
    if (entry === undefined) {
      const loaded = loadSchemaFile(path.join(REPO_ROOT, 'schemas', `${subject.ida}.json`));
      if (!loaded.ok) throw new Error(loaded.error);
      const detected = detectIdas(path.join(UPSTREAM, subject.folder)).find((d) => d.ida === subject.ida);
      if (detected === undefined) throw new Error(`no ${subject.ida} in ${UPSTREAM}/${subject.folder}`);
      const catalog = (await extractIda(detected)).catalog;
      const overlay = loadOverlay(path.join(REPO_ROOT, 'schemas', 'overlays'), subject.ida);
      entry = {
        shipped: loaded.value,
        documented: withDocumentation(loaded.value, buildSchema(catalog, LIVE_BUILD)),
        live: composeSchema({ catalog, django: { catalog: djangoCatalog }, ...(overlay?.ok ? { overlay: overlay.value } : {}), build: LIVE_BUILD }),
      };
      schemas.set(subject.ida, entry);
    }
    const keys = topLevelKeys(fs.readFileSync(subject.file, 'utf8'));
    const count = (schema: IdaSchema): number => keys.filter((k) => described(schema.properties[k])).length;
    const known = keys.filter((k) => entry.shipped.properties[k] !== undefined);
    const withLink = known.filter((k) => linked(entry.shipped.properties[k], entry.shipped)).length;
    rows.push(
      `| ${path.relative(path.resolve(REPO_ROOT, '..'), subject.file)} | ${subject.ida} | ${keys.length} | ${percent(count(entry.shipped), keys.length)} | ${percent(count(entry.documented), keys.length)} | ${percent(count(entry.live), keys.length)} | ${percent(withLink, known.length)} |`,
    );
  }
  console.log(rows.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
