/** What the package must agree with: the bot registration and the public address it is deployed at. */
export interface PackageExpectations {
  /** The `MicrosoftAppId` the bot runs with; null for an app that must have no bot (the advisor app). */
  readonly botId: string | null;
  /** Public https base URL of the bot. */
  readonly publicUrl: string;
}

interface LooseManifest {
  readonly bots?: unknown;
  readonly validDomains?: unknown;
  readonly staticTabs?: unknown;
}

/**
 * Checks that the manifest is wired to this deployment: the bot id is the bot's `MicrosoftAppId`,
 * the public host is a valid domain, and every static tab URL is https on a valid domain.
 */
export function checkBindings(manifest: LooseManifest, expected: PackageExpectations): string[] {
  const problems: string[] = [];
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as { botId?: unknown }[]) : [];
  if (expected.botId === null) {
    if (bots.length > 0) problems.push(`manifest.json: this app must have no bot, it has ${bots.length}`);
  } else if (bots.length !== 1) problems.push(`manifest.json: bots must hold exactly one bot, it holds ${bots.length}`);
  if (expected.botId !== null && bots.length > 0 && bots[0]?.botId !== expected.botId) {
    problems.push(`manifest.json: bots[0].botId is ${String(bots[0]?.botId)}, but MicrosoftAppId is ${expected.botId}`);
  }

  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains.filter((d): d is string => typeof d === 'string') : [];
  const publicHost = new URL(expected.publicUrl).host;
  if (!domains.some((domain) => domain.toLowerCase() === publicHost.toLowerCase())) {
    problems.push(`manifest.json: validDomains must contain the PUBLIC_URL host ${publicHost}`);
  }

  const tabs = Array.isArray(manifest.staticTabs) ? (manifest.staticTabs as Record<string, unknown>[]) : [];
  tabs.forEach((tab, index) => {
    for (const field of ['contentUrl', 'websiteUrl'] as const) {
      const value = tab[field];
      if (value === undefined) continue;
      const problem = checkTabUrl(value, domains);
      if (problem) problems.push(`manifest.json: staticTabs[${index}].${field} ${problem}`);
    }
  });
  return problems;
}

function checkTabUrl(value: unknown, domains: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return `is not a URL: ${String(value)}`;
  }
  if (url.protocol !== 'https:') return `must use https: ${url.href}`;
  if (!domains.some((domain) => isOnDomain(url, domain))) return `is not on one of the validDomains: ${url.href}`;
  return undefined;
}

/** validDomains entries are a host (optionally with port) or a wildcard like `*.example.com`. */
function isOnDomain(url: URL, domain: string): boolean {
  const entry = domain.toLowerCase();
  if (entry.startsWith('*.')) return url.hostname.endsWith(entry.slice(1));
  return entry === url.host || entry === url.hostname;
}
