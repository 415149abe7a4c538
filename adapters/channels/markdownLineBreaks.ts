/**
 * Markdown (in Web Chat and Teams) joins lines split by a single line break into one paragraph; the
 * conversation means them as breaks, so they become Markdown hard breaks. Blank lines stay paragraphs.
 */
export function markdownLineBreaks(text: string): string {
  return text.replace(/([^\n])\n(?!\n)/g, '$1  \n');
}
