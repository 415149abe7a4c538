import type { OutboundActivity } from '../../bot/channel/activity';
import { jsonBytes } from './teamsMessageSize';

/** Upper bound for one chunk of exported JSON, in bytes as it travels in the activity (well under Teams' ~28 KB). */
export const EXPORT_CHUNK_BYTES = 20_000;

/** Bytes of text once escaped inside a JSON string (without the quotes). */
function escapedBytes(text: string): number {
  return jsonBytes(text) - 2;
}

/** Splits an over-long line into pieces that each fit, by code point so no character is cut in half. */
function splitLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of line) {
    const size = escapedBytes(char);
    if (piece !== '' && bytes + size > maxBytes) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  return [...pieces, piece];
}

/** Groups whole lines into chunks of at most `maxBytes` (escaped); a line too long on its own is split. */
export function chunkLines(text: string, maxBytes: number): string[] {
  const NEWLINE_BYTES = escapedBytes('\n');
  const chunks: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const line of text.split('\n').flatMap((l) => (escapedBytes(l) > maxBytes ? splitLine(l, maxBytes) : [l]))) {
    const size = escapedBytes(line);
    if (lines.length > 0 && bytes + NEWLINE_BYTES + size > maxBytes) {
      chunks.push(lines.join('\n'));
      lines = [];
      bytes = 0;
    }
    bytes += (lines.length > 0 ? NEWLINE_BYTES : 0) + size;
    lines.push(line);
  }
  return lines.length > 0 ? [...chunks, lines.join('\n')] : chunks;
}

/**
 * Teams bots cannot send `data:` URLs as files, so the learner's data export is sent as JSON text in
 * Markdown code blocks, split over as many messages as needed. Backticks inside the JSON are written as
 * the equivalent escape \u0060 so they cannot close the code block.
 */
export function teamsExportMessages(json: string): OutboundActivity[] {
  const chunks = chunkLines(json.replace(/`/g, '\\u0060'), EXPORT_CHUNK_BYTES);
  return chunks.map((chunk, i) => ({
    type: 'message',
    textFormat: 'markdown',
    text: `${chunks.length > 1 ? `(${i + 1}/${chunks.length})\n` : ''}\`\`\`json\n${chunk}\n\`\`\``,
  }));
}
