import type { Frame, Page } from 'playwright-core';

/** What spills over the right or left edge of a page, or scrolls sideways or is cut off inside it: empty when the layout fits. */
export async function sidewaysOverflow(surface: Page | Frame): Promise<string[]> {
  return surface.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const width = window.innerWidth;
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > width) found.push(`the page is ${root.scrollWidth} px wide in a ${width} px window`);
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    // Clipped to a box of at most a pixel: Web Chat's keyboard help until it is asked for, and its texts for screen readers only.
    const clippedAway = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.display === 'contents' || style.overflow === 'visible') continue;
        const box = parent.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return true;
      }
      return false;
    };
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || !element.checkVisibility({ visibilityProperty: true }) || clippedAway(element)) continue;
      if (box.right > width + 1 || box.left < -1) found.push(`${name(element)} spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
      const overflowX = getComputedStyle(element).overflowX;
      if (overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1) {
        const what = overflowX === 'hidden' || overflowX === 'clip' ? 'cuts off its content' : 'scrolls sideways';
        found.push(`${name(element)} ${what} (${element.scrollWidth} > ${element.clientWidth} px)`);
      }
    }
    return found;
  });
}
