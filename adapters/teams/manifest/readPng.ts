import { crc32, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from '../png';

/** What a PNG file says about itself, plus its pixels as RGBA when the format is one this reader decodes. */
export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colourType: number;
  readonly hasAlphaChannel: boolean;
  /** RGBA, 4 bytes a pixel; undefined for palette, 16-bit or interlaced images, which this reader does not decode. */
  readonly pixels: Uint8Array | undefined;
}

const channelsByColourType: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Reads a PNG's header and, for non-interlaced 8-bit grey/RGB(A) images, its pixels.
 * Enough to check the Teams icons; throws on anything that is not a well-formed PNG.
 */
export function readPng(file: Uint8Array): PngInfo {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG file (bad signature)');
  }

  let header: Buffer | undefined;
  const imageData: Buffer[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > bytes.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    if (crc32(bytes.subarray(offset + 4, end)) !== bytes.readUInt32BE(end)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    const data = bytes.subarray(offset + 8, end);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') imageData.push(data);
    offset = end + 4;
    if (type === 'IEND') break;
  }
  if (!header || header.length !== 13) throw new Error('PNG has no valid IHDR chunk');

  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header.readUInt8(8);
  const colourType = header.readUInt8(9);
  const interlaced = header.readUInt8(12) !== 0;
  const channels = channelsByColourType[colourType];
  const decodable = channels !== undefined && bitDepth === 8 && !interlaced;
  const pixels = decodable ? toRgba(unfilter(inflateSync(Buffer.concat(imageData)), width, height, channels), channels) : undefined;

  return { width, height, bitDepth, colourType, hasAlphaChannel: colourType === 4 || colourType === 6, pixels };
}

/** Undoes the per-scanline filters (None, Sub, Up, Average, Paeth) of an 8-bit image. */
function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('PNG image data is shorter than its size says');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i += 1) {
      const left = i >= channels ? out[y * stride + i - channels]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels]! : 0;
      out[y * stride + i] = (line[i]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) return left;
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new Error(`PNG scanline has unknown filter type ${String(filter)}`);
  }
}

function toRgba(samples: Uint8Array, channels: number): Uint8Array {
  if (channels === 4) return samples;
  const count = samples.length / channels;
  const rgba = new Uint8Array(count * 4);
  for (let p = 0; p < count; p += 1) {
    const s = samples.subarray(p * channels, (p + 1) * channels);
    const grey = channels <= 2;
    rgba[p * 4] = s[0]!;
    rgba[p * 4 + 1] = grey ? s[0]! : s[1]!;
    rgba[p * 4 + 2] = grey ? s[0]! : s[2]!;
    rgba[p * 4 + 3] = channels === 2 ? s[1]! : 255;
  }
  return rgba;
}
