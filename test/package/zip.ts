/**
 * A small reader of zip archives (a `.vsix` is one): the central directory, and the bytes of an
 * entry. Enough for archives written by vsce (yazl): no ZIP64, no encryption, methods 0 and 8.
 */
import { inflateRawSync } from 'node:zlib';

/** One file of the archive, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Finds the end-of-central-directory record: the last one in the final 64 KiB + 22 bytes (a comment may follow it). */
function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 0xffff - 22);
  for (let i = zip.length - 22; i >= lowest; i--) if (zip.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  throw new Error('not a zip archive: no end-of-central-directory record');
}

/** The entries of the archive, in central directory order. */
export function listZip(zip: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`bad central directory entry at ${p}`);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      crc32: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of an entry. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  if (zip.readUInt32LE(p) !== LOCAL_SIGNATURE) throw new Error(`bad local header for ${entry.name}`);
  // The local header's own name and extra lengths may differ from the central directory's.
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}
