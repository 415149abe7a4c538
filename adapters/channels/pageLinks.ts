type Links = readonly { readonly label: string; readonly path: string }[] | undefined;

/**
 * A message's text with links to the bot's own pages under it (`[label](url) · [label](url)`). `baseUrl` makes the
 * paths absolute (Teams opens links outside the bot's origin); without one the links are left out where they could
 * not be opened, unless relative links work (the web chat runs on the bot's origin).
 */
export function withPageLinks(text: string, links: Links, baseUrl: string | null): string {
  if (!links || links.length === 0 || baseUrl === null) return text;
  return `${text}\n\n${links.map((link) => `[${link.label}](${baseUrl}${link.path})`).join(' · ')}`;
}
