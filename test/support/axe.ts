import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/** One rule axe-core found broken, with where. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  /** CSS selectors of the offending elements, and axe's explanation for the first one. */
  readonly targets: readonly string[];
  readonly summary: string;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page or frame as it is now. The source is
 * evaluated through the debugging protocol, which no page CSP blocks, so the pages keep their own policies; each
 * frame is checked on its own (iframes: false), as the parent cannot inject into a frame of another origin.
 */
export async function runAxe(surface: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await surface.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await surface.evaluate(AXE_SOURCE);
  return surface.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeRawViolation[] }> } }).axe;
    interface AxeRawViolation {
      id: string;
      impact: AxeViolation['impact'];
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
  });
}

/** The violations that block people (axe's serious and critical). */
export function blocking(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
