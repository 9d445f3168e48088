/**
 * The base protocol's framing (`Content-Length: N\r\n…\r\n\r\n` then N bytes), decoded so that a
 * broken header never stops the stream: vscode-jsonrpc's own reader stops answering for good
 * after a header without `Content-Length`, with a negative, non-numeric or wrong length. Here a
 * broken frame is skipped up to the next `Content-Length:` header, and decoding goes on.
 *
 * A body is never searched for content, with one exception that cannot misfire: JSON cannot hold
 * `Content-Length: 12` followed by a line break (a raw line break is not allowed inside a JSON
 * string, and the words are not JSON outside one), so a body that does holds the next header: its
 * length was too large, and the frame is dropped there instead of waiting for bytes that never come.
 */

/** What {@link FrameDecoder.push} found: a message body, or bytes it skipped and why. */
export type FrameEvent = { readonly kind: 'body'; readonly body: Buffer } | { readonly kind: 'skipped'; readonly bytes: number; readonly reason: string };

/** Longest header block accepted; VS Code's are under 100 bytes. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Largest body accepted (a didOpen of a very large file is some tens of MB). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
/** A header naming a length, followed by a line break: never inside a JSON body. */
const LENGTH_LINE = /content-length:[ \t]*\d+[ \t]*\r\n/i;
/** Longest text {@link LENGTH_LINE} matches that matters when a match straddles two chunks. */
const LENGTH_LINE_OVERLAP = 64;
const LENGTH_NAME = 'content-length:';

/** Incremental decoder of the base protocol's frames; never throws on any input. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private readonly chunks: Buffer[] = [];
  private chunkBytes = 0;
  /** Length of the body being read, once its header was accepted. */
  private bodyLength: number | undefined;
  /** Where the search of the body being read for a next header goes on. */
  private scannedTo = 0;

  /** Adds bytes; returns the bodies completed and the bytes skipped, in stream order. */
  push(chunk: Uint8Array): FrameEvent[] {
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.chunkBytes += chunk.byteLength;
    const events: FrameEvent[] = [];
    for (;;) {
      if (this.bodyLength === undefined) {
        if (!this.readHeader(events)) return events;
      } else if (!this.readBody(events)) return events;
    }
  }

  /** Bytes held, waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.pending.length + this.chunkBytes;
  }

  private buffer(): Buffer {
    if (this.chunks.length > 0) {
      this.pending = Buffer.concat([this.pending, ...this.chunks]);
      this.chunks.length = 0;
      this.chunkBytes = 0;
    }
    return this.pending;
  }

  /** Reads one header block; false when more bytes are needed. */
  private readHeader(events: FrameEvent[]): boolean {
    const buffer = this.buffer();
    if (buffer.length === 0) return false;
    const end = buffer.indexOf(HEADER_END);
    if (end === -1) {
      if (buffer.length <= MAX_HEADER_BYTES && looksLikeHeaderStart(buffer)) return false;
      return this.resync(events, 'a header that is not one');
    }
    const length = contentLength(buffer.toString('latin1', 0, end));
    if (typeof length === 'string') return this.resync(events, length);
    this.pending = buffer.subarray(end + HEADER_END.length);
    this.bodyLength = length;
    this.scannedTo = 0;
    return true;
  }

  /** Reads the body of the accepted header; false when more bytes are needed. */
  private readBody(events: FrameEvent[]): boolean {
    const length = this.bodyLength ?? 0;
    const available = Math.min(length, this.bufferedBytes);
    // A body that holds the next header was cut short: it will never be completed.
    const next = this.nextHeaderBefore(available);
    if (next !== undefined) return this.dropBody(events, next);
    // Searched so far; the overlap keeps a header line split between two chunks in sight.
    this.scannedTo = Math.max(this.scannedTo, available - LENGTH_LINE_OVERLAP);
    if (available < length) return false;
    // Joined only once complete: a large body arriving in many chunks is copied once.
    const buffer = this.buffer();
    events.push({ kind: 'body', body: Buffer.from(buffer.subarray(0, length)) });
    this.pending = buffer.subarray(length);
    this.bodyLength = undefined;
    return true;
  }

  /** Where a `Content-Length` header line starts in bytes `[scannedTo, limit)` of the body, if one does. */
  private nextHeaderBefore(limit: number): number | undefined {
    if (limit <= this.scannedTo) return undefined;
    const text = this.textOf(this.scannedTo, limit);
    const match = LENGTH_LINE.exec(text);
    return match === null ? undefined : this.scannedTo + match.index;
  }

  /** Bytes `[from, to)` of what is held, as Latin-1 text, without joining the chunks. */
  private textOf(from: number, to: number): string {
    let text = '';
    let at = 0;
    for (const piece of [this.pending, ...this.chunks]) {
      const start = Math.max(from - at, 0);
      const end = Math.min(to - at, piece.length);
      if (start < end) text += piece.toString('latin1', start, end);
      at += piece.length;
      if (at >= to) break;
    }
    return text;
  }

  private dropBody(events: FrameEvent[], next: number): boolean {
    events.push({ kind: 'skipped', bytes: next, reason: 'a body shorter than its Content-Length' });
    this.pending = this.buffer().subarray(next);
    this.bodyLength = undefined;
    return true;
  }

  /**
   * Skips to the next `Content-Length:` after the first byte, keeping a tail that may be the
   * start of one; false when no header is in sight (more bytes are needed).
   */
  private resync(events: FrameEvent[], reason: string): boolean {
    const buffer = this.buffer();
    const next = indexOfLengthName(buffer, 1);
    const skip = next !== -1 ? next : Math.max(1, buffer.length - (LENGTH_NAME.length - 1));
    events.push({ kind: 'skipped', bytes: skip, reason });
    this.pending = buffer.subarray(skip);
    return next !== -1;
  }
}

/** The `Content-Length` of a header block, or why the block is broken. */
function contentLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !HEADER_NAME.test(line.slice(0, colon))) return 'a header line that is not `Name: value`';
    if (line.slice(0, colon).toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return 'a Content-Length that is not a number of bytes';
    length = Number(value);
  }
  if (length === undefined) return 'a header without Content-Length';
  if (length > MAX_BODY_BYTES) return `a Content-Length over ${MAX_BODY_BYTES} bytes`;
  return length;
}

/** Whether `buffer` (no header end yet) can still become a header: printable ASCII and line breaks. */
function looksLikeHeaderStart(buffer: Buffer): boolean {
  for (const byte of buffer) {
    if (byte !== 0x0d && byte !== 0x0a && (byte < 0x20 || byte > 0x7e)) return false;
  }
  // A header starts with a name; JSON (the tail of a body cut short) starts otherwise.
  return /^[A-Za-z]/.test(String.fromCharCode(buffer[0]));
}

/** Index of `Content-Length:` (any case) in `buffer` from `from`, or -1. */
function indexOfLengthName(buffer: Buffer, from: number): number {
  const text = buffer.toString('latin1', from).toLowerCase();
  const at = text.indexOf(LENGTH_NAME);
  return at === -1 ? -1 : at + from;
}
