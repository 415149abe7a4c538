import { crc32, inflateRawSync } from 'node:zlib';

/** One file read back from a zip archive. */
export interface ZipFile {
  readonly name: string;
  readonly data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Reads every file of a (non-ZIP64) zip archive through its central directory, the way Teams and `unzip` do,
 * inflating deflated entries and checking each CRC-32 and size. Throws on anything malformed.
 */
export function readZip(archive: Uint8Array): ZipFile[] {
  const zip = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files: ZipFile[] = [];

  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) {
      throw new Error(`zip central directory entry ${i} is missing or corrupt`);
    }
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + skip;

    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
      throw new Error(`zip entry ${name} has no local header`);
    }
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    if (stored.length !== compressedSize) throw new Error(`zip entry ${name} is truncated`);
    const data = inflate(name, method, stored);
    if (data.length !== size) throw new Error(`zip entry ${name} has size ${data.length}, directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`zip entry ${name} fails its CRC-32 check`);
    files.push({ name, data });
  }
  return files;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip archive (no end of central directory record)');
}

function inflate(name: string, method: number, stored: Buffer): Buffer {
  if (method === 0) return Buffer.from(stored);
  if (method === 8) return inflateRawSync(stored);
  throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
}
