import { contrastRatio, readableOnWhite, textColourOn } from '../../adapters/webchat/colourContrast';

describe("an organisation's accent colour in the chat", () => {
  it.each(['#1f6f5c', '#8a3b12', '#ffd23f', '#00a3e0', '#777777', '#ffffff', '#000000'])(
    'text on %s is black or white, at 4.5:1 or more',
    (accent) => {
      expect(contrastRatio(textColourOn(accent), accent)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('keeps an accent dark enough for text on white as it is', () => {
    expect(readableOnWhite('#1f6f5c')).toBe('#1f6f5c');
  });

  it.each(['#ffd23f', '#00a3e0', '#ffffff'])('darkens the light accent %s until text in it reads on white, keeping its hue', (accent) => {
    const darker = readableOnWhite(accent);
    expect(contrastRatio(darker, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darker, '#ffffff')).toBeLessThan(5.5);
    const [r, g] = [parseInt(darker.slice(1, 3), 16), parseInt(darker.slice(3, 5), 16)];
    const [r0, g0] = [parseInt(accent.slice(1, 3), 16), parseInt(accent.slice(3, 5), 16)];
    if (g0 > 0) expect(r / g).toBeCloseTo(r0 / g0, 1);
  });
});
