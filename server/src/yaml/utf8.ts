/**
 * Decoding a config file's bytes as PyYAML does: UTF-8, strictly. PyYAML refuses a file with a
 * byte sequence that is not UTF-8 ("'utf-8' codec can't decode byte …"), where a lossy decoder
 * would quietly put U+FFFD in its place. The CLI reads files as bytes and decodes them here; the
 * language server gets text its client already decoded (see `ModelOptions.decoded`).
 */
import type { DecodedText } from './types';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// `ignoreBOM` keeps a leading byte order mark in the text, as a lossless read would: the segmenter
// and PyYAML's scanner skip it there themselves, and offsets stay those of the file.
const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

/** A file's text, and where its first invalid UTF-8 byte is, if it has one. */
export interface DecodeResult {
  /** The text (invalid bytes replaced by U+FFFD). */
  readonly text: string;
  /** What the model needs to know of the decoding. */
  readonly decoded: DecodedText;
}

/** Decodes `bytes` as UTF-8; never throws. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { text: strict.decode(bytes), decoded: {} };
  } catch {
    const at = firstInvalidByte(bytes);
    const text = lossy.decode(bytes);
    // The bytes before the first invalid one are valid, so their decoded length is the offset.
    const offset = lossy.decode(bytes.subarray(0, at)).length;
    return { text, decoded: { invalidAt: offset, byte: bytes[at] ?? 0 } };
  }
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence (`bytes.length` if none). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0; // overlong
      if (b === 0xed) max = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90; // overlong
      if (b === 0xf4) max = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < min || c > max : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return i;
}
