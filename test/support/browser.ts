import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromiumLaunch';

/** Where the widget is: the chat frame of an embed (or a page, for a page that shows the widget itself). */
export type ChatSurface = Pick<Page, 'locator'>;

/** A headless Chromium with a throw-away profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

/**
 * Selectors of the stock Web Chat 4.18 widget, checked against the real widget. The send button is found
 * by class, not by its title, which is localised ("Send", "Skicka").
 */
export const webChatSelectors = {
  sendBox: '[data-id="webchat-sendbox-input"]',
  sendButton: 'button.webchat__send-button',
  transcript: '.webchat__basic-transcript__transcript',
  botText: '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content',
  userText: '.webchat__bubble.webchat__bubble--from-user .webchat__bubble__content',
  suggestedAction: '.webchat__suggested-actions button.webchat__suggested-action',
} as const;

/** Starts Debian's Chromium with a throw-away profile (see chromiumLaunchOptions). */
export async function launchBrowser(): Promise<TestBrowser> {
  const profileDir = await mkdtemp(path.join(tmpdir(), 'svc-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, chromiumLaunchOptions());
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/** The chat page an embed framed on `page` (the first frame served from /embed/), once it has loaded. */
export async function chatFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => /\/embed\/[a-z0-9-]+/.test(f.url()));
    if (frame) {
      await frame.waitForLoadState('load');
      return frame;
    }
    if (Date.now() > deadline) throw new Error('no chat frame appeared on the page');
    await page.waitForTimeout(50);
  }
}

/** Types into Web Chat's send box and presses its send button. */
export async function sendText(page: ChatSurface, text: string): Promise<void> {
  const input = page.locator(webChatSelectors.sendBox);
  await input.fill(text);
  await page.locator(webChatSelectors.sendButton).click();
}

/** Clicks the suggested action whose label is exactly `label`. */
export async function clickSuggestedAction(page: ChatSurface, label: string): Promise<void> {
  await page
    .locator(webChatSelectors.suggestedAction)
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
    .click();
}

/** Waits until a bot bubble containing `substring` is on screen. */
export async function waitForBotText(page: ChatSurface, substring: string, timeoutMs = 15_000): Promise<void> {
  await page.locator(webChatSelectors.botText).filter({ hasText: substring }).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The text of every bot bubble, in transcript order. */
export async function botTexts(page: ChatSurface): Promise<string[]> {
  return page.locator(webChatSelectors.botText).allInnerTexts();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
