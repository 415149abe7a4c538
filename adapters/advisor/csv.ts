/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (å, ä, ö) only with it. */
const BOM = '\uFEFF';

/**
 * A CSV file (RFC 4180, CRLF line ends, every cell quoted) that is safe to open in a spreadsheet: a cell that starts
 * with =, +, -, @ (or a tab or carriage return) gets a leading apostrophe, so it is read as text, never as a formula.
 */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return `${BOM}${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  const inert = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}
