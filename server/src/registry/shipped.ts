/**
 * The schemas shipped with the extension (`schemas/*.json`, facts only) and the project's
 * required-key overlays (`schemas/overlays/*.json`): where they are, and loading them once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ok, type Result } from '../common/result';
import type { IdaSchema } from '../schema/format';
import { loadSchemaFile } from '../schema/load';
import { LIBRARIES } from '../schema/librariesLayer';
import { loadOverlay, type Overlay } from '../schema/overlay';

/** File names in the schemas folder that are not IDA schemas (`libraries.json` is the layer under every IDA). */
const NOT_SCHEMAS = new Set(['sources.json', `${LIBRARIES}.json`]);
/** IDA identifiers are file names here: nothing that could leave the folder. */
const IDA_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** How far up from this module the locator looks (out/server/src/registry → the repository root is 4). */
const MAX_UP = 6;

/**
 * Finds the shipped `schemas/` folder: beside the bundle's folder (`dist/../schemas`), else in the
 * nearest ancestor of `from` holding `schemas/sources.json` (compiled tests run from
 * `out/server/src/registry/`). Undefined when there is none.
 */
export function locateShippedSchemas(from: string = __dirname): string | undefined {
  const besideBundle = path.join(from, '..', 'schemas');
  if (isSchemasFolder(besideBundle)) return besideBundle;
  let dir = from;
  for (let i = 0; i <= MAX_UP; i++) {
    const candidate = path.join(dir, 'schemas');
    if (isSchemasFolder(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function isSchemasFolder(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, 'sources.json')).isFile();
  } catch {
    return false;
  }
}

/** A shipped schema and its revision. */
export interface ShippedSchema {
  schema: IdaSchema;
  /** `repo@commit (date)`: {@link shippedRevision}. */
  revision: string;
}

/** The shipped schemas of one folder, each loaded (and shape-checked) on first use. */
export class ShippedSchemas {
  private readonly schemas = new Map<string, Result<ShippedSchema>>();
  private readonly overlays = new Map<string, Result<Overlay> | undefined>();
  private listing: string[] | undefined;

  /** @param dir the `schemas/` folder; undefined when the extension ships none (then everything is empty). */
  constructor(readonly dir: string | undefined) {}

  /** The IDAs with a shipped schema, sorted (`django` included: it is the base layer). */
  idas(): string[] {
    if (this.listing === undefined) {
      let names: string[] = [];
      try {
        names = this.dir === undefined ? [] : fs.readdirSync(this.dir);
      } catch {
        names = [];
      }
      this.listing = names
        .filter((n) => n.endsWith('.json') && !NOT_SCHEMAS.has(n))
        .map((n) => n.slice(0, -'.json'.length))
        .filter((n) => IDA_ID.test(n))
        .sort();
    }
    return this.listing;
  }

  /** Whether a schema is shipped for the IDA. */
  has(ida: string): boolean {
    return this.idas().includes(ida);
  }

  /** The shipped schema of an IDA (cached), or undefined when none is shipped. Never throws. */
  get(ida: string): Result<ShippedSchema> | undefined {
    if (this.dir === undefined || !this.has(ida)) return undefined;
    return this.load(ida);
  }

  /** The shipped libraries layer (`schemas/libraries.json`, see `schema/librariesLayer.ts`), or undefined when none is shipped. Never throws. */
  libraries(): Result<ShippedSchema> | undefined {
    if (this.dir === undefined || this.librariesMissing) return undefined;
    if (!this.schemas.has(LIBRARIES) && !fs.existsSync(path.join(this.dir, `${LIBRARIES}.json`))) {
      this.librariesMissing = true;
      return undefined;
    }
    return this.load(LIBRARIES);
  }

  private librariesMissing = false;

  private load(name: string): Result<ShippedSchema> {
    let result = this.schemas.get(name);
    if (result === undefined) {
      const loaded = loadSchemaFile(path.join(this.dir ?? '', `${name}.json`), { trusted: true });
      result = loaded.ok ? ok({ schema: loaded.value, revision: shippedRevision(loaded.value) }) : loaded;
      this.schemas.set(name, result);
    }
    return result;
  }

  /** The project's overlay for an IDA (`schemas/overlays/<ida>.json`), undefined when there is none. Never throws. */
  overlay(ida: string): Result<Overlay> | undefined {
    if (this.dir === undefined || !IDA_ID.test(ida)) return undefined;
    if (!this.overlays.has(ida)) this.overlays.set(ida, loadOverlay(path.join(this.dir, 'overlays'), ida));
    return this.overlays.get(ida);
  }
}

/** `repo@commit (date)` of a shipped schema, with the commit abbreviated to 10 characters as git does in logs. */
export function shippedRevision(schema: IdaSchema): string {
  const source = schema['x-openedx-schema'].source;
  const repo = source.repo ?? schema['x-openedx-schema'].ida;
  const commit = source.commit !== undefined ? `@${source.commit.slice(0, 10)}` : '';
  const date = source.date !== undefined ? ` (${source.date})` : '';
  return `${repo}${commit}${date}`;
}
