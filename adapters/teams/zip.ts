import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in a zip archive. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes and no leading slash or `..`. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Options for {@link createZip}. */
export interface ZipOptions {
  /** Modification time stamped on every entry. Defaults to 1980-01-01 00:00 so the same input gives the same bytes. */
  readonly modified?: Date;
}

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
const VERSION_NEEDED = 20; // 2.0: deflate
const UTF8_NAMES_FLAG = 0x0800;
const MAX_32_BIT = 0xffffffff;

/**
 * Builds a zip archive in memory: each entry deflated (or stored, when deflate would not make it smaller),
 * with CRC-32s and a central directory. No ZIP64: entries and the archive must stay under 4 GiB.
 */
export function createZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
  if (entries.length > 0xffff) throw new RangeError('a zip without ZIP64 holds at most 65535 entries');
  const { time, date } = toDosDateTime(options.modified ?? new Date(1980, 0, 1));
  const seen = new Set<string>();
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;

  for (const entry of entries) {
    checkName(entry.name, seen);
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const useDeflate = deflated.length < entry.data.length;
    const body = useDeflate ? deflated : Buffer.from(entry.data);
    const crc = crc32(entry.data);
    if (entry.data.length > MAX_32_BIT || offset > MAX_32_BIT) throw new RangeError('zip too large without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES_FLAG, 6);
    local.writeUInt16LE(useDeflate ? DEFLATED : STORED, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
    central.writeUInt16LE(VERSION_NEEDED, 4); // version made by
    central.writeUInt16LE(VERSION_NEEDED, 6);
    local.copy(central, 8, 6, 30); // flags .. extra length are laid out the same in both headers
    // comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);

    localParts.push(local, name, body);
    centralParts.push(central, name);
    offset += local.length + name.length + body.length;
  }

  const centralDirectory = Buffer.concat(centralParts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...localParts, centralDirectory, end]);
}

function checkName(name: string, seen: Set<string>): void {
  const segments = name.split('/');
  if (name === '' || name.startsWith('/') || name.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`invalid zip entry name: ${JSON.stringify(name)}`);
  }
  if (seen.has(name)) throw new Error(`duplicate zip entry name: ${name}`);
  seen.add(name);
}

/** MS-DOS date and time fields (local time, 2-second resolution, years 1980-2107). */
function toDosDateTime(moment: Date): { time: number; date: number } {
  const year = Math.min(Math.max(moment.getFullYear(), 1980), 2107);
  return {
    time: (moment.getHours() << 11) | (moment.getMinutes() << 5) | Math.floor(moment.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((moment.getMonth() + 1) << 5) | moment.getDate(),
  };
}
