import type { Locale } from '../../curriculum/schema';
import { escapeHtml as e } from '../web/html';
import { layout } from './dashboardLayout';
import { type DashboardTextKey, t } from './dashboardTexts';

/** The sign-in page: why the advisor is here (a message), and the Entra button where Entra is configured. */
export function signInPage(options: {
  locale: Locale;
  nonce: string;
  message?: DashboardTextKey;
  messageKind?: 'error' | 'notice';
  entra: boolean;
}): string {
  const { locale } = options;
  const message = options.message ? `<p class="${options.messageKind ?? 'error'}" role="alert">${e(t(locale, options.message))}</p>` : '';
  const entra = options.entra ? `<p><a class="button" href="/advisor/entra/start?lang=${locale}">${e(t(locale, 'signInWithEntra'))}</a></p>` : '';
  const other = locale === 'sv' ? 'en' : 'sv';
  return layout({
    locale,
    nonce: options.nonce,
    title: t(locale, 'signInTitle'),
    body: `<div class="card narrow"><h1>${e(t(locale, 'signInTitle'))}</h1>${message}<p>${e(t(locale, 'signInIntro'))}</p>${entra}<p><a href="/advisor?lang=${other}" lang="${other}">${e(t(locale, 'language'))}</a></p></div>`,
  });
}

/**
 * What a sign-in link opens: a form that posts the token (a nonce'd script submits it at once). A GET never consumes
 * the link, so a mail scanner that fetches it does not use it up.
 */
export function signInLinkPage(options: { locale: Locale; nonce: string; token: string }): string {
  const { locale } = options;
  return layout({
    locale,
    nonce: options.nonce,
    title: t(locale, 'signInTitle'),
    scripts: ['/advisor/assets/sign-in.js'],
    body: `<div class="card narrow"><h1>${e(t(locale, 'signInTitle'))}</h1><form method="post" action="/advisor/sign-in" id="sign-in"><input type="hidden" name="token" value="${e(options.token)}"><p role="status">${e(t(locale, 'signInContinuing'))}</p><button class="primary" type="submit">${e(t(locale, 'signInButton'))}</button></form></div>`,
  });
}

/** 404 for anything that does not exist or belongs to another organisation: the same page for both. */
export function notFoundPage(options: { locale: Locale; nonce: string }): string {
  const { locale } = options;
  return layout({
    locale,
    nonce: options.nonce,
    title: t(locale, 'notFoundTitle'),
    body: `<div class="card narrow"><h1>${e(t(locale, 'notFoundTitle'))}</h1><p>${e(t(locale, 'notFound'))}</p><p><a href="/advisor">${e(t(locale, 'backToCohort'))}</a></p></div>`,
  });
}
