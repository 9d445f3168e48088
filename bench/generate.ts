/**
 * The benchmark's stress case, generated deterministically from a seed: a schema of 1,550
 * top-level settings (strings, integers, booleans, lists, and mappings with 8–12 nested keys;
 * 200-character descriptions; 20 required) in our schema format and as plain JSON Schema, and a
 * ~6,000-line YAML document that sets 1,500 of them with exactly 10 type errors and 3 missing
 * required keys. `node out/bench/generate.js` writes them to `bench/.data/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonType } from '../server/src/catalog/types';
import type { IdaSchema, PropertySchema } from '../server/src/schema/format';

/** The seed of the committed benchmark. */
export const STRESS_SEED = 20_261_125;

/** Sizes of the stress case. */
export const STRESS_SIZES = {
  properties: 1550,
  keysInDocument: 1500,
  required: 20,
  missingRequired: 3,
  typeErrors: 10,
  descriptionLength: 200,
} as const;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/**
 * Lorem-like words. None is special in YAML 1.1 or 1.2 (no yes/no/on/off/null/true), none makes
 * a name look like a secret (`SECRET`, `TOKEN`, `PASSWORD`, `…_KEY`), and none is a number.
 */
const WORDS: readonly string[] = [
  'lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do', 'eiusmod', 'tempor',
  'incididunt', 'ut', 'labore', 'et', 'dolore', 'magna', 'aliqua', 'enim', 'ad', 'minim', 'veniam', 'quis',
  'nostrud', 'exercitation', 'ullamco', 'laboris', 'nisi', 'aliquip', 'ex', 'ea', 'commodo', 'consequat', 'duis',
  'aute', 'irure', 'in', 'reprehenderit', 'voluptate', 'velit', 'esse', 'cillum', 'fugiat', 'nulla', 'pariatur',
  'excepteur', 'sint', 'occaecat', 'cupidatat', 'non', 'proident', 'sunt', 'culpa', 'qui', 'officia', 'deserunt',
  'mollit', 'anim', 'id', 'est', 'laborum', 'course', 'learner', 'grade', 'cohort', 'catalog', 'theme', 'queue',
];

/** What kind of value a generated setting holds. */
export type StressKind = 'string' | 'integer' | 'boolean' | 'array' | 'object';

/** The type error planted in a document entry. */
export type PlantedError = 'integer-gets-word' | 'boolean-gets-word' | 'array-gets-word' | 'object-gets-integer' | 'string-gets-integer' | 'nested-integer-gets-word';

/** Which planted errors, in order: 10 in all. */
const PLANTED: readonly PlantedError[] = [
  'integer-gets-word', 'integer-gets-word', 'integer-gets-word',
  'boolean-gets-word', 'boolean-gets-word',
  'array-gets-word', 'array-gets-word',
  'object-gets-integer',
  'string-gets-integer',
  'nested-integer-gets-word',
];

/** Where the benchmark acts on the stress document, and what it expects. */
export interface StressExpectations {
  /** Top-level settings the document leaves out (required ones among them). */
  absentKeys: string[];
  missingRequired: string[];
  /** Keys whose values carry the planted type errors, with the error. */
  typeErrors: Array<{ key: string; error: PlantedError }>;
  lineCount: number;
}

/** The generated case. */
export interface StressCase {
  schema: IdaSchema;
  /** The same schema with our `x-openedx*` keywords removed. */
  plainSchema: Record<string, unknown>;
  yaml: string;
  expectations: StressExpectations;
}

function words(rng: Random, min: number, max: number): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(WORDS));
  return out.join(' ');
}

/** A sentence-like description of exactly `length` characters, ending with a full stop. */
function description(rng: Random, length: number): string {
  let text = '';
  while (text.length < length) text += (text === '' ? '' : ' ') + rng.pick(WORDS);
  text = text.slice(0, length - 1).trimEnd();
  while (text.length < length - 1) text += rng.pick(['a', 'e', 'i', 'o', 'u']);
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function kindOf(rng: Random): StressKind {
  const r = rng.next();
  if (r < 0.35) return 'string';
  if (r < 0.55) return 'integer';
  if (r < 0.7) return 'boolean';
  if (r < 0.82) return 'array';
  return 'object';
}

const NESTED_KINDS: readonly StressKind[] = ['string', 'integer', 'boolean'];

interface Generated {
  name: string;
  kind: StressKind;
  prop: PropertySchema;
  /** Nested keys and kinds (objects only). */
  nested: Array<{ name: string; kind: StressKind }>;
}

function scalarDefault(rng: Random, kind: StressKind): string | number | boolean {
  if (kind === 'integer') return rng.int(0, 10_000);
  if (kind === 'boolean') return rng.next() < 0.5;
  return words(rng, 1, 4);
}

function property(rng: Random, index: number, name: string, kind: StressKind): Generated {
  const desc = description(rng, STRESS_SIZES.descriptionLength);
  const line = 10 + index * 7;
  const base: PropertySchema = { type: kind as JsonType, description: desc };
  const nested: Array<{ name: string; kind: StressKind }> = [];
  let defaultText: string;
  if (kind === 'object') {
    const count = rng.int(8, 12);
    const properties: Record<string, PropertySchema> = {};
    const used = new Set<string>();
    while (nested.length < count) {
      const nestedName = `${rng.pick(WORDS)}_${rng.pick(WORDS)}`;
      if (used.has(nestedName)) continue;
      used.add(nestedName);
      const nestedKind = rng.pick(NESTED_KINDS);
      nested.push({ name: nestedName, kind: nestedKind });
      properties[nestedName] = { type: nestedKind as JsonType, description: description(rng, STRESS_SIZES.descriptionLength), default: scalarDefault(rng, nestedKind) };
    }
    base.properties = properties;
    defaultText = '{}';
  } else if (kind === 'array') {
    base.items = { type: 'string' };
    base.default = [];
    defaultText = '[]';
  } else {
    const d = scalarDefault(rng, kind);
    base.default = d;
    defaultText = typeof d === 'string' ? `'${d}'` : typeof d === 'boolean' ? (d ? 'True' : 'False') : String(d);
  }
  base['x-openedx'] = {
    origin: { file: 'bench/envs/common.py', line, column: 0 },
    typeKind: 'json',
    typeFrom: 'literal',
    defaultText,
    doc: { source: 'annotation', annotationKind: 'setting', description: desc, fields: {}, line: line - 3 },
  };
  return { name, kind, prop: base, nested };
}

function settingName(rng: Random, index: number): string {
  return `${rng.pick(WORDS)}_${rng.pick(WORDS)}_${String(index).padStart(4, '0')}`.toUpperCase();
}

/** Removes our `x-openedx` and `x-openedx-schema` keywords, everywhere. */
export function plainJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'x-openedx' || k === 'x-openedx-schema') continue;
    out[k] = plainJsonSchema(v);
  }
  return out;
}

/** A YAML plain scalar of some words (never needs quotes: the words are plain lowercase letters). */
function yamlWords(rng: Random): string {
  return words(rng, 2, 6);
}

/** Generates the stress case for `seed`. */
export function generateStress(seed = STRESS_SEED): StressCase {
  const rng = new Random(seed);
  const generated: Generated[] = [];
  for (let i = 0; i < STRESS_SIZES.properties; i++) generated.push(property(rng, i, settingName(rng, i), kindOf(rng)));
  // Settings are listed by name, as the extractor lists them.
  generated.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const required = rng.shuffle(generated.filter((g) => g.kind === 'string').map((g) => g.name)).slice(0, STRESS_SIZES.required);
  const requiredSet = new Set(required);
  for (const g of generated) {
    const facts = g.prop['x-openedx'];
    if (requiredSet.has(g.name) && facts !== undefined) facts.required = { source: 'overlay', reason: 'the service cannot start without it (generated for the benchmark)' };
  }

  // 1,500 keys set: every setting but 50, three required ones among the 50.
  const missingRequired = required.slice(0, STRESS_SIZES.missingRequired);
  const otherAbsent = rng
    .shuffle(generated.filter((g) => !requiredSet.has(g.name)).map((g) => g.name))
    .slice(0, STRESS_SIZES.properties - STRESS_SIZES.keysInDocument - STRESS_SIZES.missingRequired);
  const absent = new Set([...missingRequired, ...otherAbsent]);
  const present = rng.shuffle(generated.filter((g) => !absent.has(g.name)));

  // Plant the type errors on keys of the right kinds, none of them required.
  const planted = new Map<string, PlantedError>();
  for (const error of PLANTED) {
    const wanted: StressKind =
      error === 'integer-gets-word' ? 'integer'
      : error === 'boolean-gets-word' ? 'boolean'
      : error === 'array-gets-word' ? 'array'
      : error === 'string-gets-integer' ? 'string'
      : 'object';
    const candidates = present.filter((g) => g.kind === wanted && !planted.has(g.name) && !requiredSet.has(g.name) && (error !== 'nested-integer-gets-word' || g.nested.some((n) => n.kind === 'integer')));
    planted.set(rng.pick(candidates).name, error);
  }

  const lines: string[] = [
    '# Generated by bench/generate.ts for the benchmark: 1,500 settings, 10 type errors, 3 missing required keys.',
    `# seed ${seed}`,
    '',
  ];
  for (const g of present) {
    if (rng.next() < 0.6) lines.push(`# ${words(rng, 3, 9)}`);
    const error = planted.get(g.name);
    switch (g.kind) {
      case 'string':
        lines.push(`${g.name}: ${error === 'string-gets-integer' ? rng.int(100, 99_999) : yamlWords(rng)}`);
        break;
      case 'integer':
        lines.push(`${g.name}: ${error === 'integer-gets-word' ? rng.pick(WORDS) : rng.int(0, 1_000_000)}`);
        break;
      case 'boolean':
        lines.push(`${g.name}: ${error === 'boolean-gets-word' ? rng.pick(WORDS) : rng.next() < 0.5 ? 'true' : 'false'}`);
        break;
      case 'array': {
        if (error === 'array-gets-word') {
          lines.push(`${g.name}: ${rng.pick(WORDS)}`);
          break;
        }
        lines.push(`${g.name}:`);
        const indent = rng.next() < 0.5 ? '' : '  ';
        const n = rng.int(3, 8);
        for (let i = 0; i < n; i++) lines.push(`${indent}- ${yamlWords(rng)}`);
        break;
      }
      case 'object': {
        if (error === 'object-gets-integer') {
          lines.push(`${g.name}: ${rng.int(1, 999)}`);
          break;
        }
        lines.push(`${g.name}:`);
        // Every nested key but the last one or two (so nested completion has something to offer).
        const shown = g.nested.slice(0, g.nested.length - rng.int(1, 2));
        let wrongDone = error !== 'nested-integer-gets-word';
        for (const n of shown) {
          let value: string;
          if (!wrongDone && n.kind === 'integer') {
            value = rng.pick(WORDS);
            wrongDone = true;
          } else if (n.kind === 'integer') value = String(rng.int(0, 100_000));
          else if (n.kind === 'boolean') value = rng.next() < 0.5 ? 'true' : 'false';
          else value = yamlWords(rng);
          lines.push(`  ${n.name}: ${value}`);
        }
        if (!wrongDone) throw new Error(`no shown integer key to plant the nested error in ${g.name}`);
        break;
      }
    }
    if (rng.next() < 0.15) lines.push('');
  }
  // The document ends with a line break, so its last line is empty: where a new key is typed.
  const yaml = `${lines.join('\n')}\n`;

  const schema: IdaSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'openedx-config:lms',
    title: 'Open edX configuration: lms (benchmark stress schema)',
    type: 'object',
    properties: Object.fromEntries(generated.map((g) => [g.name, g.prop])),
    required: [...required].sort(),
    additionalProperties: true,
    'x-openedx-schema': {
      formatVersion: 1,
      ida: 'lms',
      layout: 'platform',
      source: { files: ['bench/envs/common.py'] },
      factsOnly: false,
      yaml: {},
      generator: 'bench/generate.ts',
      counts: { settings: generated.length, documented: generated.length, typed: generated.length, computed: 0, required: required.length, problems: 0 },
      problems: [],
    },
  };
  const plainSchema = plainJsonSchema(schema) as Record<string, unknown>;
  // yaml-language-server resolves `$id` as a URI: the plain schema is known by its file instead.
  delete plainSchema.$id;
  return {
    schema,
    plainSchema,
    yaml,
    expectations: {
      absentKeys: [...absent].sort(),
      missingRequired: [...missingRequired].sort(),
      typeErrors: [...planted].map(([key, error]) => ({ key, error })),
      lineCount: yaml.split('\n').length,
    },
  };
}

/** Where the generated files go. */
export const DATA_DIR = path.resolve(__dirname, '..', '..', 'bench', '.data');

/** File names of the generated case inside {@link DATA_DIR}. */
export const STRESS_FILES = {
  schema: 'stress.schema.json',
  plainSchema: 'stress.plain-schema.json',
  yaml: 'stress.yml',
  expectations: 'stress.expect.json',
} as const;

/** Writes the stress case to {@link DATA_DIR}; returns the paths written. */
export function writeStress(seed = STRESS_SEED, dir = DATA_DIR): Record<keyof typeof STRESS_FILES, string> {
  const c = generateStress(seed);
  fs.mkdirSync(dir, { recursive: true });
  const out = {
    schema: path.join(dir, STRESS_FILES.schema),
    plainSchema: path.join(dir, STRESS_FILES.plainSchema),
    yaml: path.join(dir, STRESS_FILES.yaml),
    expectations: path.join(dir, STRESS_FILES.expectations),
  };
  fs.writeFileSync(out.schema, `${JSON.stringify(c.schema, null, 1)}\n`);
  fs.writeFileSync(out.plainSchema, `${JSON.stringify(c.plainSchema, null, 1)}\n`);
  fs.writeFileSync(out.yaml, c.yaml);
  fs.writeFileSync(out.expectations, `${JSON.stringify(c.expectations, null, 1)}\n`);
  return out;
}

if (require.main === module) {
  const written = writeStress();
  const c = JSON.parse(fs.readFileSync(written.expectations, 'utf8')) as StressExpectations;
  console.log(`stress case (seed ${STRESS_SEED}): ${c.lineCount} lines; written to ${path.relative(process.cwd(), DATA_DIR) || '.'}/`);
}
