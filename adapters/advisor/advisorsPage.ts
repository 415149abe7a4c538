import type { Locale } from '../../curriculum/schema';
import type { AdvisorRecord } from '../../bot/advisors/advisorRecords';
import { escapeHtml as e } from '../web/html';
import { csrfField, type HeaderAdvisor, layout } from './dashboardLayout';
import { formatTime, t } from './dashboardTexts';

/** For admins: the organisation's advisors, and a form that invites one (the new link is shown once). */
export function advisorsPage(options: {
  locale: Locale;
  nonce: string;
  advisor: HeaderAdvisor;
  advisors: readonly AdvisorRecord[];
  invited?: { name: string; link: string };
  invalid?: boolean;
}): string {
  const { locale } = options;
  const rows = options.advisors
    .map(
      (a) =>
        `<tr><td>${e(a.name)}</td><td>${e(a.email)}</td><td>${e(t(locale, a.role === 'admin' ? 'roleAdmin' : 'roleAdvisor'))}</td><td>${e(a.lastSignInAt ? formatTime(a.lastSignInAt, locale) : t(locale, 'never'))}</td></tr>`,
    )
    .join('');
  const invited = options.invited
    ? `<div class="notice" role="status"><p>${e(t(locale, 'inviteLink', { name: options.invited.name }))}</p><p><input type="text" readonly value="${e(options.invited.link)}" aria-label="${e(t(locale, 'inviteLink', { name: options.invited.name }))}" size="60"></p></div>`
    : '';
  const invalid = options.invalid ? `<p class="error" role="alert">${e(t(locale, 'inviteInvalid'))}</p>` : '';
  return layout({
    locale,
    nonce: options.nonce,
    advisor: options.advisor,
    current: 'advisors',
    title: t(locale, 'advisors'),
    body: `<h1>${e(t(locale, 'advisors'))}</h1>${invited}
<div class="table-wrap"><table><thead><tr><th scope="col">${e(t(locale, 'name'))}</th><th scope="col">${e(t(locale, 'email'))}</th><th scope="col">${e(t(locale, 'role'))}</th><th scope="col">${e(t(locale, 'lastSignIn'))}</th></tr></thead><tbody>${rows}</tbody></table></div>
<form class="card narrow" method="post" action="/advisor/advisors"><h2>${e(t(locale, 'inviteTitle'))}</h2>${invalid}${csrfField(options.advisor.csrfToken)}
<p><label for="invite-name">${e(t(locale, 'name'))}</label><br><input id="invite-name" type="text" name="name" required maxlength="200"></p>
<p><label for="invite-email">${e(t(locale, 'email'))}</label><br><input id="invite-email" type="email" name="email" required maxlength="320"></p>
<p><label for="invite-role">${e(t(locale, 'role'))}</label><br><select id="invite-role" name="role"><option value="advisor">${e(t(locale, 'roleAdvisor'))}</option><option value="admin">${e(t(locale, 'roleAdmin'))}</option></select></p>
<button class="primary" type="submit">${e(t(locale, 'invite'))}</button></form>`,
  });
}
