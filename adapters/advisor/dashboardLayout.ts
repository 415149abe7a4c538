import type { Locale } from '../../curriculum/schema';
import { escapeHtml as e } from '../web/html';
import { t } from './dashboardTexts';
import { DASHBOARD_STYLE } from './dashboardStyle';

/** The signed-in advisor as the header shows them. */
export interface HeaderAdvisor {
  readonly name: string;
  readonly organisationName: string;
  readonly isAdmin: boolean;
  readonly csrfToken: string;
}

export interface LayoutOptions {
  readonly locale: Locale;
  readonly title: string;
  readonly nonce: string;
  readonly body: string;
  /** Absent on the sign-in pages. */
  readonly advisor?: HeaderAdvisor;
  /** Which navigation entry is the current page. */
  readonly current?: 'cohort' | 'analytics' | 'advisors';
  /** Scripts to load (same origin), with the page's nonce. */
  readonly scripts?: readonly string[];
}

/** A hidden CSRF field for the forms of a signed-in page. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf" value="${e(token)}">`;
}

/** Every dashboard page: the header (navigation, language, sign out) and the page's content. */
export function layout(options: LayoutOptions): string {
  const { locale, advisor, nonce } = options;
  const link = (href: string, key: 'cohort' | 'analytics' | 'advisors') =>
    `<a href="${href}"${options.current === key ? ' aria-current="page"' : ''}>${e(t(locale, key))}</a>`;
  const header = advisor
    ? `<header class="top"><span class="brand">${e(t(locale, 'dashboard'))}</span>
<nav aria-label="${e(t(locale, 'dashboard'))}">${link('/advisor', 'cohort')}${link('/advisor/analytics', 'analytics')}${advisor.isAdmin ? link('/advisor/advisors', 'advisors') : ''}
<form method="post" action="/advisor/language">${csrfField(advisor.csrfToken)}<input type="hidden" name="locale" value="${locale === 'sv' ? 'en' : 'sv'}"><button class="link" type="submit" lang="${locale === 'sv' ? 'en' : 'sv'}">${e(t(locale, 'language'))}</button></form>
<form method="post" action="/advisor/sign-out">${csrfField(advisor.csrfToken)}<button class="link" type="submit">${e(t(locale, 'signOut'))}</button></form></nav>
<span class="who">${e(t(locale, 'signedInAs', { name: advisor.name, organisation: advisor.organisationName }))}</span></header>`
    : `<header class="top"><span class="brand">${e(t(locale, 'dashboard'))}</span></header>`;
  const scripts = (options.scripts ?? []).map((src) => `<script src="${e(src)}" nonce="${e(nonce)}"></script>`).join('');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)} – ${e(t(locale, 'dashboard'))}</title>
<link rel="icon" href="data:,">
<style nonce="${e(nonce)}">${DASHBOARD_STYLE}</style>
</head>
<body>
${header}
<main id="main">
${options.body}
</main>
${scripts}
</body>
</html>
`;
}

/** A horizontal bar for a share (0–1), drawn as SVG (no inline style under the CSP), with its text alternative. */
export function shareBar(share: number, width = 120, label = `${Math.round(share * 100)} %`): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return `<svg width="${width}" height="10" viewBox="0 0 ${width} 10" role="img" aria-label="${e(label)}"><rect width="${width}" height="10" rx="3" fill="#dde5e2"/><rect width="${filled}" height="10" rx="3" fill="#1f6f5c"/></svg>`;
}
