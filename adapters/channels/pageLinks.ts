const ABSOLUTE_URL = /^https:\/\//;

type Links = readonly { readonly label: string; readonly path: string }[] | undefined;

/**
 * A message's text with links under it (`[label](url) · [label](url)`). A path on the bot's own origin is made
 * absolute with `baseUrl` (Teams opens links outside the bot's origin), and left out where there is none to make it
 * openable (`null`; the web chat runs on the bot's origin and passes ''); an https URL (an organisation's own privacy
 * notice) is linked as it is.
 */
export function withPageLinks(text: string, links: Links, baseUrl: string | null): string {
  const hrefs = (links ?? []).flatMap((link) => {
    // Brackets would end the Markdown link early.
    const absolute = ABSOLUTE_URL.test(link.path) ? link.path.replace(/\(/g, '%28').replace(/\)/g, '%29') : null;
    const href = absolute ?? (baseUrl === null ? null : `${baseUrl}${link.path}`);
    return href === null ? [] : [`[${link.label}](${href})`];
  });
  return hrefs.length === 0 ? text : `${text}\n\n${hrefs.join(' · ')}`;
}
