/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(colour: string): number {
  const channel = (start: number) => {
    const value = parseInt(colour.slice(start, start + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever reads better on `background` (#rrggbb); black where neither reaches 4.5:1. */
export function textColourOn(background: string): '#ffffff' | '#1a1a1a' | '#000000' {
  const better = contrastRatio('#ffffff', background) >= contrastRatio('#1a1a1a', background) ? '#ffffff' : '#1a1a1a';
  if (contrastRatio(better, background) >= 4.5) return better;
  return contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000';
}

/**
 * The colour itself if text in it reads on white (and white text on it reads) at WCAG AA's 4.5:1, else the same hue
 * darkened until it does: an organisation's light accent colour stays recognisable in links, buttons and avatars.
 */
export function readableOnWhite(colour: string): string {
  for (let share = 1; share >= 0; share -= 0.05) {
    const darker = `#${[1, 3, 5]
      .map((start) =>
        Math.round(parseInt(colour.slice(start, start + 2), 16) * share)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrastRatio(darker, '#ffffff') >= 4.5) return darker;
  }
  return '#000000';
}
