import type { Locator, Page } from 'playwright-core';
import type { Organisation } from '../../bot/organisations/organisation';
import { launchBrowser, type TestBrowser } from './browser';
import { snippetPage, startCooperativeSite, type CooperativeSite, type SnippetPageOptions } from './cooperativeSite';
import { writeOrganisationFolder, type OrganisationFolder } from './organisationFolder';
import { startTestServer, type TestServer } from './startTestServer';
import { testOrganisation } from './testOrganisations';

/** The cooperative whose website embeds the chat in these tests. */
export const COOPERATIVE = 'coop-a';

/** A cooperative's website on 127.0.0.2, the bot on 127.0.0.1 with that website in the cooperative's allowedOrigins, and a browser. */
export interface EmbedScenario {
  readonly site: CooperativeSite;
  readonly server: TestServer;
  readonly browser: TestBrowser;
  /** Serves a page of the cooperative's website with the snippet (the site's CSP from docs/EMBED.md unless `headers` replaces it). */
  servePage(path: string, options?: Omit<SnippetPageOptions, 'botUrl' | 'organisationId'>, headers?: Record<string, string>): string;
  close(): Promise<void>;
}

export interface EmbedScenarioOptions {
  /** Changes to the cooperative's organisation file. */
  readonly organisation?: Partial<Organisation>;
  /** More environment for the bot (CONTENT_DIRS, say). */
  readonly env?: Record<string, string>;
}

/**
 * The Content-Security-Policy docs/EMBED.md tells a cooperative its own pages need for the embed: the script from the
 * bot, the settings request to it and the chat frame from it, and nothing inline.
 */
export function cooperativeSiteCsp(botUrl: string): string {
  const bot = new URL(botUrl).origin;
  return `default-src 'self'; script-src 'self' ${bot}; connect-src 'self' ${bot}; frame-src ${bot}; style-src 'self'; img-src 'self'`;
}

/** Starts the website, then the bot with an organisation file naming that website's exact origin, then Chromium. */
export async function startEmbedScenario(options: EmbedScenarioOptions = {}): Promise<EmbedScenario> {
  const site = await startCooperativeSite('127.0.0.2');
  let folder: OrganisationFolder | undefined;
  let server: TestServer | undefined;
  try {
    folder = await writeOrganisationFolder([testOrganisation(COOPERATIVE, { allowedOrigins: [site.origin], ...options.organisation })]);
    server = await startTestServer({ ORGANISATIONS_DIR: folder.dir, ...options.env });
    const browser = await launchBrowser();
    const running = server;
    const organisations = folder;
    return {
      site,
      server,
      browser,
      servePage(path, page = {}, headers) {
        site.serve(
          path,
          snippetPage({ botUrl: running.url, organisationId: COOPERATIVE, ...page }),
          headers ?? {
            'Content-Security-Policy': cooperativeSiteCsp(running.url),
          },
        );
        return `${site.origin}${path}`;
      },
      async close() {
        await browser.close();
        await running.dispose();
        await organisations.remove();
        await site.close();
      },
    };
  } catch (error) {
    await server?.dispose();
    await folder?.remove();
    await site.close();
    throw error;
  }
}

/** The embed's launcher button, found as assistive technology finds it: a button named "Chatta med …" or "Chat with …". */
export function launcherButton(page: Page): Locator {
  return page.getByRole('button', { name: /^(Chatta med|Chat with) / });
}

/** The panel the launcher opens (inside the embed's shadow root). */
export function chatPanel(page: Page): Locator {
  return page.locator('[data-social-venture-coach] .panel');
}

/** The element focused on the host page, looking into the embed's shadow root: "launcher", "frame", or a tag name. */
export async function focusedOnHost(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return 'nothing';
    if (element.classList.contains('launcher')) return 'launcher';
    return element.tagName === 'IFRAME' ? 'frame' : element.tagName.toLowerCase();
  });
}
