import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Size Teams requires for the full-colour icon. */
export const COLOR_ICON_SIZE = 192;
/** Size Teams requires for the outline icon. */
export const OUTLINE_ICON_SIZE = 32;

/** The two PNG icons of a Teams app package. */
export interface TeamsIcons {
  /** 192x192: the glyph in white on a rounded tile of the accent colour. */
  readonly color: Buffer;
  /** 32x32: the same glyph in white on a fully transparent background. */
  readonly outline: Buffer;
}

/** The icon artwork (a speech bubble with a sprout cut out of it), committed as PNG files beside this module. */
const ICONS_DIR = join(__dirname, 'icons');

/**
 * The app's icons: the outline icon as drawn, and the colour icon composed from the white glyph over the tile
 * painted in the accent colour ("over" compositing, so the glyph's smooth edges stay smooth).
 */
export function teamsIcons(accentColor: string): TeamsIcons {
  const [red, green, blue] = parseHexColour(accentColor);
  const glyph = PNG.sync.read(readFileSync(join(ICONS_DIR, 'glyph.png')));
  const tile = PNG.sync.read(readFileSync(join(ICONS_DIR, 'tile-mask.png')));
  const colour = new PNG({ width: COLOR_ICON_SIZE, height: COLOR_ICON_SIZE });
  for (let at = 0; at < colour.data.length; at += 4) {
    const glyphAlpha = glyph.data[at + 3]! / 255;
    const tileAlpha = (tile.data[at + 3]! / 255) * (1 - glyphAlpha);
    const alpha = glyphAlpha + tileAlpha;
    const mix = (channel: number) => (alpha === 0 ? 0 : Math.round((255 * glyphAlpha + channel * tileAlpha) / alpha));
    colour.data[at] = mix(red);
    colour.data[at + 1] = mix(green);
    colour.data[at + 2] = mix(blue);
    colour.data[at + 3] = Math.round(alpha * 255);
  }
  return { color: PNG.sync.write(colour), outline: readFileSync(join(ICONS_DIR, 'outline.png')) };
}

function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`accent colour must look like #RRGGBB, got ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}
