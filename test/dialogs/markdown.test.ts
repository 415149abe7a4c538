import MarkdownIt from 'markdown-it';
import { say } from '../../dialogs/catalogue';
import { escapeMarkdown, markdown } from '../../dialogs/markdown';

/** Web Chat renders bot Markdown with markdown-it, HTML and links on (typographer off here, so text compares exactly). */
const webChatMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/**
 * Web Chat turns a bare web address into a link whose text is the address itself; that shows what the learner wrote
 * and is left as it is. Any other link would not.
 */
function withoutAddressLinks(html: string): string {
  return html.replace(/<a href="([^"]+)">([^<]+)<\/a>/g, (whole, href: string, text: string) => (href === text ? text : whole));
}

/** What a reader sees of the rendered HTML: the text without the paragraph around it, entities decoded. */
function shownText(html: string): string {
  return withoutAddressLinks(html)
    .trim()
    .replace(/^<p>|<\/p>$/g, '')
    .replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '**bold** and _italic_ and `code`',
  '[a link](https://example.com) and ![a picture](https://example.com/x.png)',
  '# a heading',
  '> a quote',
  '- a list',
  '+ a list',
  '1. a numbered list',
  '12) also numbered',
  '~~struck~~ and | a | table |',
  'an entity &lt;b&gt; and &#60;',
  'a backslash \\ and \\*escaped\\*',
  'Anna_Karin Öberg-Lind',
  'AT&T, 5 < 6 > 4',
  '<https://example.com>',
];

describe('learner text in Markdown', () => {
  it.each(HOSTILE)('%s shows exactly as written, with no formatting, link, image or HTML', (text) => {
    const html = webChatMarkdown.render(escapeMarkdown(text));
    expect(shownText(html)).toBe(text);
    expect(withoutAddressLinks(html)).not.toMatch(/<(img|script|a|em|strong|code|h1|blockquote|ul|ol|li|table|s)\b/);
  });

  it('keeps the lines of a text of several lines, each shown literally', () => {
    const html = webChatMarkdown.render(escapeMarkdown('# one\n- two\n3. three'));
    expect(html).not.toMatch(/<(h1|ul|ol|li)\b/);
    expect(shownText(html)).toBe('# one\n- two\n3. three');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMarkdown('Vätterhjul repairs bicycles in Jönköping, since 2019.')).toBe('Vätterhjul repairs bicycles in Jönköping, since 2019.');
  });

  it('say() escapes the text it puts into the catalogue, and passes Markdown meant as Markdown through', () => {
    const welcome = say('en', 'welcomeBack', { firstName: '<img src=x onerror=alert(1)>' });
    expect(webChatMarkdown.render(welcome)).not.toMatch(/<img/);
    expect(shownText(webChatMarkdown.render(welcome))).toContain('<img src=x onerror=alert(1)>');

    const withLink = say('en', 'readMore', { sources: markdown('[Coompanion](https://coompanion.se)') });
    expect(webChatMarkdown.render(withLink)).toContain('<a href="https://coompanion.se">Coompanion</a>');
  });
});
