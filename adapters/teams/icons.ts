import { encodePng, type RgbaImage } from './png';

/** Size Teams requires for the full-colour icon. */
export const COLOR_ICON_SIZE = 192;
/** Size Teams requires for the outline icon. */
export const OUTLINE_ICON_SIZE = 32;

/** The two PNG icons of a Teams app package. */
export interface TeamsIcons {
  /** 192x192, the glyph in white on a rounded square of the accent colour. */
  readonly color: Buffer;
  /** 32x32, the same glyph in white on a fully transparent background. */
  readonly outline: Buffer;
}

type Rgba = readonly [number, number, number, number];
/** Decides the colour of one point of the unit square (u, v in [0, 1], v pointing down). */
type Paint = (u: number, v: number) => Rgba;

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SAMPLES_PER_AXIS = 4;

/** Draws the app's icons: a speech bubble with a sprout cut out of it, on the accent colour or on transparency. */
export function drawIcons(accentColor: string): TeamsIcons {
  const accent = parseHexColour(accentColor);
  // The glyph spans about 0.12..0.88 of its own square; the colour icon keeps it in the middle 60 %.
  const colour = render(COLOR_ICON_SIZE, (u, v) => {
    if (isGlyph(zoom(u, 0.62), zoom(v, 0.62))) return WHITE;
    return isInRoundedRect(u, v, 0, 0, 1, 1, 0.2) ? accent : CLEAR;
  });
  // The outline icon lets the glyph fill nearly the whole 32x32 square.
  const outline = render(OUTLINE_ICON_SIZE, (u, v) => (isGlyph(zoom(u, 1.15), zoom(v, 1.15)) ? WHITE : CLEAR));
  return { color: encodePng(colour), outline: encodePng(outline) };
}

/** Parses #RRGGBB into an opaque colour. */
function parseHexColour(hex: string): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`accent colour must look like #RRGGBB, got ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), 255];
}

function zoom(t: number, scale: number): number {
  return 0.5 + (t - 0.5) / scale;
}

/**
 * Supersamples the paint function over each pixel and averages in premultiplied alpha,
 * so edges are smooth and a white-on-transparent edge stays exactly white.
 */
function render(size: number, paint: Paint): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = SAMPLES_PER_AXIS * SAMPLES_PER_AXIS;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES_PER_AXIS; sy += 1) {
        for (let sx = 0; sx < SAMPLES_PER_AXIS; sx += 1) {
          const [pr, pg, pb, pa] = paint((x + (sx + 0.5) / SAMPLES_PER_AXIS) / size, (y + (sy + 0.5) / SAMPLES_PER_AXIS) / size);
          r += pr * pa;
          g += pg * pa;
          b += pb * pa;
          a += pa;
        }
      }
      const at = (y * size + x) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
        pixels[at + 3] = Math.round(a / samples);
      }
    }
  }
  return { width: size, height: size, pixels };
}

/** The glyph: a speech bubble (rounded body plus tail) with a two-leaf sprout cut out of the body. */
function isGlyph(u: number, v: number): boolean {
  const bubble = isInRoundedRect(u, v, 0.12, 0.14, 0.88, 0.72, 0.16) || isInTriangle(u, v, [0.26, 0.68], [0.46, 0.68], [0.2, 0.9]);
  return bubble && !isSprout(u, v);
}

const LEFT_LEAF = ellipse([0.396, 0.38], 0.12, 0.058, Math.atan2(-0.5, -0.87));
const RIGHT_LEAF = ellipse([0.615, 0.36], 0.14, 0.068, Math.atan2(-0.57, 0.82));

function isSprout(u: number, v: number): boolean {
  return isNearSegment(u, v, [0.5, 0.64], [0.5, 0.43], 0.036) || isInEllipse(u, v, LEFT_LEAF) || isInEllipse(u, v, RIGHT_LEAF);
}

type Point = readonly [number, number];

// Plain comparisons rather than Math.min/max: this runs ~600k times per icon set, and global lookups
// are slow inside vm contexts such as jest's.
function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

function isInRoundedRect(u: number, v: number, x0: number, y0: number, x1: number, y1: number, radius: number): boolean {
  if (u < x0 || u > x1 || v < y0 || v > y1) return false;
  const dx = u - clamp(u, x0 + radius, x1 - radius);
  const dy = v - clamp(v, y0 + radius, y1 - radius);
  return dx * dx + dy * dy <= radius * radius;
}

function isInTriangle(u: number, v: number, a: Point, b: Point, c: Point): boolean {
  const side = (p: Point, q: Point): number => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function isNearSegment(u: number, v: number, a: Point, b: Point, halfWidth: number): boolean {
  const [ax, ay] = a;
  const abx = b[0] - ax;
  const aby = b[1] - ay;
  const t = clamp(((u - ax) * abx + (v - ay) * aby) / (abx * abx + aby * aby), 0, 1);
  const dx = u - (ax + t * abx);
  const dy = v - (ay + t * aby);
  return dx * dx + dy * dy <= halfWidth * halfWidth;
}

interface Ellipse {
  readonly centre: Point;
  readonly semiMajor: number;
  readonly semiMinor: number;
  readonly cos: number;
  readonly sin: number;
}

function ellipse(centre: Point, semiMajor: number, semiMinor: number, angle: number): Ellipse {
  return { centre, semiMajor, semiMinor, cos: Math.cos(angle), sin: Math.sin(angle) };
}

function isInEllipse(u: number, v: number, { centre, semiMajor, semiMinor, cos, sin }: Ellipse): boolean {
  const dx = u - centre[0];
  const dy = v - centre[1];
  const along = dx * cos + dy * sin;
  const across = -dx * sin + dy * cos;
  return (along / semiMajor) ** 2 + (across / semiMinor) ** 2 <= 1;
}
