import type { BrowserContext, Frame } from 'playwright-core';
import type { OutboundActivity } from '../../bot/channel/activity';

/**
 * Replaces, in every page of the context, only the transport under the stock Web Chat widget: the chat page's own
 * script, styles and Web Chat bundle run unchanged, but the widget is given a Direct Line object (in `renderWebChat`,
 * and from `WebChat.createDirectLine`) whose activities the test supplies with `botSays`. It lets a test show the widget any number of bot messages in the
 * order it chooses, without walking a conversation to each of them.
 */
export async function installScriptedDirectLine(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Observer<T> = { next?: (value: T) => void };
    function subject<T>(initial?: T) {
      const observers = new Set<Observer<T>>();
      let latest = initial;
      return {
        next(value: T) {
          latest = value;
          for (const observer of observers) observer.next?.(value);
        },
        observable: {
          subscribe(observerOrNext: Observer<T> | ((value: T) => void)) {
            const observer = typeof observerOrNext === 'function' ? { next: observerOrNext } : observerOrNext;
            observers.add(observer);
            if (latest !== undefined) observer.next?.(latest);
            return { closed: false, unsubscribe: () => observers.delete(observer) };
          },
        },
      };
    }
    const activities = subject<Record<string, unknown>>();
    const status = subject<number>(0);
    let sequence = 0;
    const scripted = {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: () => subject(`posted-${++sequence}`).observable,
      end: () => undefined,
    };
    (window as unknown as { svcBotSays: (list: Record<string, unknown>[]) => void }).svcBotSays = (list) => {
      for (const activity of list) activities.next({ ...activity, id: `scripted-${++sequence}`, timestamp: new Date().toISOString() });
    };
    let webChat: Record<string, unknown> | undefined;
    Object.defineProperty(window, 'WebChat', {
      configurable: true,
      get: () => webChat,
      set: (value: Record<string, unknown>) => {
        webChat = value;
        const connected = () => {
          setTimeout(() => {
            status.next(1);
            status.next(2);
          }, 0);
          return scripted;
        };
        value.createDirectLine = connected;
        // The chat page builds its own Direct Line connection and hands it to renderWebChat: the widget gets this one.
        const render = value.renderWebChat as (options: Record<string, unknown>, element: unknown) => unknown;
        let transport: typeof scripted | undefined;
        value.renderWebChat = (options: Record<string, unknown>, element: unknown) =>
          render({ ...options, directLine: (transport ??= connected()) }, element);
      },
    });
  });
}

/** Shows the activities in the widget as the bot's messages and waits until Web Chat has rendered them. */
export async function botSays(chat: Frame, activities: readonly OutboundActivity[], locale: string): Promise<void> {
  const rendered = await chat.locator('.webchat__basic-transcript__activity').count();
  const from = { id: 'programme-bot', name: 'Programme Bot', role: 'bot' };
  await chat.evaluate(([list]) => (window as unknown as { svcBotSays: (list: unknown[]) => void }).svcBotSays(list), [
    activities.map((activity) => ({ ...activity, from, locale })),
  ] as const);
  await chat.waitForFunction(
    (expected) => document.querySelectorAll('.webchat__basic-transcript__activity').length >= expected,
    rendered + activities.length,
  );
  const last = activities[activities.length - 1];
  const firstButton = last?.suggestedActions?.actions[0]?.title;
  if (firstButton) {
    await chat.locator('.webchat__suggested-actions button.webchat__suggested-action').first().filter({ hasText: firstButton }).waitFor();
  }
}
