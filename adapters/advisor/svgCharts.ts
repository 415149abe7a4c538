import { escapeHtml as e } from '../web/html';

/** One bar of a chart: its label, its value, and the text a screen reader hears. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown after the bar (default the value). */
  readonly display?: string;
}

const LABEL_WIDTH = 330;
const BAR_AREA = 340;
const ROW = 26;

/** Horizontal bars drawn by the server (no script, nothing for the CSP to allow); long labels are cut at 48 characters (the table has them whole). */
export function horizontalBarChart(title: string, bars: readonly Bar[], max = Math.max(1, ...bars.map((b) => b.value))): string {
  const height = bars.length * ROW + 8;
  const rows = bars
    .map((bar, i) => {
      const y = i * ROW + 4;
      const width = Math.round((bar.value / max) * BAR_AREA);
      const label = bar.label.length > 48 ? `${bar.label.slice(0, 47)}…` : bar.label;
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${e(label)}</text><rect x="${LABEL_WIDTH}" y="${y + 3}" width="${Math.max(width, 1)}" height="16" rx="2" fill="#1f6f5c"/><text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${e(bar.display ?? String(bar.value))}</text>`;
    })
    .join('');
  return `<div class="chart-scroll"><svg class="chart" width="${LABEL_WIDTH + BAR_AREA + 70}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + BAR_AREA + 70} ${height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title>${rows}</svg></div>`;
}

/** Vertical bars over time (one per week). */
export function columnChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(1, bars.length) * 28 + 40;
  const columns = bars
    .map((bar, i) => {
      const h = Math.round((bar.value / max) * 140);
      const x = 30 + i * 28;
      return `<rect x="${x}" y="${160 - h}" width="20" height="${Math.max(h, 1)}" rx="2" fill="#1f6f5c"/><text x="${x + 10}" y="${155 - h}" text-anchor="middle">${bar.value}</text>`;
    })
    .join('');
  const first = bars[0]?.label ?? '';
  const last = bars[bars.length - 1]?.label ?? '';
  return `<svg class="chart" width="${width}" height="185" viewBox="0 0 ${width} 185" role="img" aria-label="${e(title)}"><title>${e(title)}</title><line x1="26" y1="160" x2="${width - 6}" y2="160" stroke="#8a9a95"/>${columns}<text x="30" y="178">${e(first)}</text><text x="${width - 6}" y="178" text-anchor="end">${e(last)}</text></svg>`;
}

/** The chart's figures as a table, for screen readers and for anyone who wants the numbers. */
export function chartTable(caption: string, headings: readonly [string, ...string[]], rows: readonly (readonly (string | number)[])[]): string {
  const head = headings.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${e(String(cell))}</th>` : `<td class="num">${e(String(cell))}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<details><summary>${e(caption)}</summary><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}
