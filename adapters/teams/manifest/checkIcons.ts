import { PNG, type PNGWithMetadata } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from '../teamsIcons';

/**
 * Checks what the manifest schema cannot: that both icons are PNGs of the sizes Teams requires, and that the
 * outline icon is white on a fully transparent background. Returns one message per problem.
 */
export function checkIcons(icons: { color?: unknown; outline?: unknown }, files: ReadonlyMap<string, Uint8Array>): string[] {
  return [
    ...checkIcon('color', icons.color, COLOR_ICON_SIZE, files, () => []),
    ...checkIcon('outline', icons.outline, OUTLINE_ICON_SIZE, files, checkOutlinePixels),
  ];
}

type PixelCheck = (file: string, png: PNGWithMetadata) => string[];

function checkIcon(kind: string, path: unknown, size: number, files: ReadonlyMap<string, Uint8Array>, pixelCheck: PixelCheck): string[] {
  if (typeof path !== 'string') return [`manifest.json: icons.${kind} is missing`];
  const data = files.get(path);
  if (!data) return [`${path}: the ${kind} icon named in the manifest is not in the package`];
  let png: PNGWithMetadata;
  try {
    png = PNG.sync.read(Buffer.from(data));
  } catch (error) {
    return [`${path}: not a readable PNG (${(error as Error).message})`];
  }
  if (png.width !== size || png.height !== size) {
    return [`${path}: the ${kind} icon must be ${size}x${size} pixels, it is ${png.width}x${png.height}`];
  }
  return pixelCheck(path, png);
}

const checkOutlinePixels: PixelCheck = (file, png) => {
  if (!png.alpha) return [`${file}: the outline icon needs an alpha channel (transparent background)`];
  let transparent = 0;
  let offWhite = 0;
  for (let at = 0; at < png.data.length; at += 4) {
    const alpha = png.data[at + 3]!;
    if (alpha === 0) transparent += 1;
    else if (png.data[at] !== 255 || png.data[at + 1] !== 255 || png.data[at + 2] !== 255) offWhite += 1;
  }
  const problems: string[] = [];
  if (offWhite > 0) problems.push(`${file}: the outline icon must be white only; ${offWhite} visible pixel(s) are another colour`);
  if (transparent === 0) problems.push(`${file}: the outline icon must have a transparent background`);
  if (transparent === png.width * png.height) problems.push(`${file}: the outline icon is empty (every pixel is transparent)`);
  return problems;
};
