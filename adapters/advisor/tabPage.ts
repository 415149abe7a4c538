import type { Locale } from '../../curriculum/schema';
import { escapeHtml as e } from '../web/html';
import { layout } from './dashboardLayout';
import { t } from './dashboardTexts';

/**
 * The advisor Teams tab's entry page: inside Teams, tab.js signs in with the Teams token and opens the dashboard;
 * outside Teams (or when single sign-on is not set up) it offers the web sign-in.
 */
export function tabPage(options: { locale: Locale; nonce: string; sso: boolean }): string {
  const { locale } = options;
  return layout({
    locale,
    nonce: options.nonce,
    title: t(locale, 'dashboard'),
    scripts: options.sso ? ['/advisor/assets/teams-js.js', '/advisor/assets/tab.js'] : [],
    body: `<div class="card narrow"><h1>${e(t(locale, 'dashboard'))}</h1>
<p id="tab-status" role="status" data-failed="${e(t(locale, 'tabFailed'))}"${options.sso ? '' : ' hidden'}>${e(t(locale, 'tabSigningIn'))}</p>
<div id="tab-fallback"${options.sso ? ' hidden' : ''}><p>${e(t(locale, 'tabOutside'))}</p><p><a class="button" href="/advisor" target="_top">${e(t(locale, 'openInBrowser'))}</a></p></div></div>`,
  });
}
