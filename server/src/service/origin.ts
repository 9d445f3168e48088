/**
 * Where a setting is defined, as a file URI and position: only for live schemas, whose source
 * root (or base layer root) is an absolute path on this machine.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IdaSchema, PropertySchema } from '../schema/format';

/** A definition site: file URI, 0-based line and column, and the path shown to users. */
export interface OriginSite {
  readonly uri?: string;
  readonly line: number;
  readonly character: number;
  /** `lms/envs/common.py:157`. */
  readonly label: string;
}

/** The definition site of `prop`; `uri` is set when the schema names an absolute root for it. */
export function originOf(prop: PropertySchema, schema: IdaSchema): OriginSite | undefined {
  const origin = prop['x-openedx']?.origin;
  if (origin === undefined || typeof origin.file !== 'string') return undefined;
  const source = schema['x-openedx-schema']?.source;
  const root = origin.layer === undefined ? source?.root : source?.bases?.find((b) => b.ida === origin.layer)?.root;
  const line = Math.max(0, (origin.line ?? 1) - 1);
  const character = Math.max(0, origin.column ?? 0);
  const label = `${origin.file}:${origin.line}`;
  if (root === undefined || !isAbsolute(root)) return { line, character, label };
  const file = path.isAbsolute(origin.file) ? origin.file : path.join(root, origin.file);
  return { uri: pathToFileURL(file).href, line, character, label };
}

function isAbsolute(p: string): boolean {
  return path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p);
}
