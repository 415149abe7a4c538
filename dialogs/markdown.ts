/**
 * The conversation's messages are Markdown, rendered by Web Chat and Teams; what a learner wrote (or anything else
 * not written as Markdown) must show literally, never as formatting, a link, an image or HTML.
 */

/** Markdown that is meant as Markdown (catalogue text, a list of links), passed through `say` unescaped. */
export interface MarkdownText {
  readonly markdown: string;
}

export function markdown(text: string): MarkdownText {
  return { markdown: text };
}

/** Characters that format wherever they stand (emphasis, code, links, HTML, tables, strikethrough, escapes). */
const INLINE = /[\\`*_[\]<~|]/g;
/** An entity such as `&lt;` or `&#60;` would be decoded; its `&` is escaped so it shows as written. */
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;
/** At the start of a line: headings, quotes, list markers, numbered lists and setext underlines. */
const LINE_START = /^(\s*)(#|>|[-+](?=\s|$)|(\d{1,9})([.)])(?=\s|$)|=+\s*$)/;

function escapeLine(line: string): string {
  const escaped = line.replace(INLINE, '\\$&').replace(ENTITY, '\\&');
  return escaped.replace(LINE_START, (whole: string, indent: string, marker: string, digits?: string, dot?: string) =>
    digits !== undefined && dot !== undefined ? `${indent}${digits}\\${dot}` : `${indent}\\${marker}`,
  );
}

/** Text shown literally in Markdown (CommonMark backslash escapes); line breaks are kept. */
export function escapeMarkdown(text: string): string {
  return text.split('\n').map(escapeLine).join('\n');
}
