/**
 * Required-key overlays: project-written files `schemas/overlays/<ida>.json` that declare which
 * settings a service cannot run without, each with a one-line reason in our own words.
 * Format and rules: docs/schema-format.md, "Overlays". Applied to a schema by `layers.ts`.
 */
import { join } from 'node:path';
import { readRegularTextFile } from '../common/files';
import { errorMessage, fail, ok, type Result } from '../common/result';
import { defineOwn } from './own';

/** A parsed overlay file. */
export interface Overlay {
  /** The IDA it applies to; must match the file name. */
  ida: string;
  /** Setting name → one-line reason it is required. */
  required: Record<string, string>;
  /** Path of the file it was read from (for problems); absent when parsed from a string without one. */
  path?: string;
  /** 1-based line of each `required` key in that file, when found. */
  lines?: Record<string, number>;
}

/** Fields an overlay file may have. */
const OVERLAY_FIELDS = new Set(['$comment', 'ida', 'required']);

/** Largest overlay file read: a list of required keys with a line each is a few KB. */
export const MAX_OVERLAY_FILE_BYTES = 1024 * 1024;

/** IDA identifiers: also file names, so nothing that could leave the folder. */
const IDA_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Loads `<dir>/<ida>.json`. A missing file gives undefined (most IDAs have no overlay); an
 * unreadable or malformed one gives a failed {@link Result} naming the file. Never throws.
 */
export function loadOverlay(dir: string, ida: string): Result<Overlay> | undefined {
  if (!IDA_ID.test(ida) || ida.includes('..')) return fail(`Invalid IDA name for an overlay: ${JSON.stringify(ida)}`);
  const path = join(dir, `${ida}.json`);
  const read = readRegularTextFile(path, MAX_OVERLAY_FILE_BYTES);
  if (!read.ok) return read.code === 'not-found' ? undefined : fail(`${path}: cannot read the overlay: ${read.error}`);
  return parseOverlay(read.value, { ida, path });
}

/**
 * Parses an overlay's text. `expect.ida`, when given, must equal the file's `ida`;
 * `expect.path` names the file in messages and problems. Never throws.
 */
export function parseOverlay(text: string, expect: { ida?: string; path?: string } = {}): Result<Overlay> {
  const where = expect.path ?? 'overlay';
  // Every message starts with the file, so the user knows which overlay to fix.
  const problem = (message: string): Result<Overlay> => fail(`${where}: ${message}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return problem(`not valid JSON (${errorMessage(e)})`);
  }
  if (!isRecord(data)) return problem('expected a JSON object with "ida" and "required"');
  const unknown = Object.keys(data).filter((k) => !OVERLAY_FIELDS.has(k));
  if (unknown.length > 0) return problem(`unknown field ${JSON.stringify(unknown[0])} (expected "ida", "required" and optionally "$comment")`);
  const { ida, required } = data;
  if (typeof ida !== 'string' || ida.length === 0) return problem('"ida" must be a non-empty string');
  if (expect.ida !== undefined && ida !== expect.ida) return problem(`"ida" is ${JSON.stringify(ida)} but the file is for ${JSON.stringify(expect.ida)}`);
  if (!isRecord(required)) return problem('"required" must be an object mapping setting names to reasons');
  const reasons: Record<string, string> = {};
  for (const [key, reason] of Object.entries(required)) {
    if (key.trim().length === 0) return problem('"required" has an empty setting name');
    if (typeof reason !== 'string' || reason.trim().length === 0) return problem(`the reason for ${JSON.stringify(key)} must be a non-empty string`);
    if (/[\r\n]/.test(reason)) return problem(`the reason for ${JSON.stringify(key)} must be one line`);
    defineOwn(reasons, key, reason.trim());
  }
  const overlay: Overlay = { ida, required: reasons };
  if (expect.path !== undefined) overlay.path = expect.path;
  const lines = keyLines(text, Object.keys(reasons));
  if (Object.keys(lines).length > 0) overlay.lines = lines;
  return ok(overlay);
}

/** 1-based line of the first `"key":` occurrence of each key in the JSON text. */
function keyLines(text: string, keys: readonly string[]): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const key of keys) {
    const quoted = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`${quoted}\\s*:`).exec(text);
    if (match) defineOwn(lines, key, text.slice(0, match.index).split('\n').length);
  }
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
