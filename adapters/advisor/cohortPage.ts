import type { Locale } from '../../curriculum/schema';
import type { CohortRequest, CohortView } from '../../bot/advisors/advisorDashboard';
import { escapeHtml as e } from '../web/html';
import { type HeaderAdvisor, layout, shareBar } from './dashboardLayout';
import { formatTime, t } from './dashboardTexts';

export interface CohortPageOptions {
  readonly locale: Locale;
  readonly nonce: string;
  readonly advisor: HeaderAdvisor;
  readonly request: CohortRequest;
  readonly view: CohortView;
  /** The organisation's modules, in order, with titles in the advisor's language. */
  readonly modules: readonly { readonly id: string; readonly title: string }[];
}

const CHANNEL_NAMES: Record<string, string> = { msteams: 'Teams', webchat: 'Web', directline: 'Web', emulator: 'Emulator', test: 'Test' };

/** The cohort: filters, the learners of this page with their progress, and paging. */
export function cohortPage(options: CohortPageOptions): string {
  const { locale, request, view, modules } = options;
  const selected = (value: boolean) => (value ? ' selected' : '');
  const checked = (value: boolean) => (value ? ' checked' : '');
  const sorts = (['lastActive', 'name', 'lessonsDone'] as const)
    .map(
      (sort) =>
        `<option value="${sort}"${selected(request.sort === sort)}>${e(t(locale, sort === 'lastActive' ? 'sortLastActive' : sort === 'name' ? 'sortName' : 'sortLessonsDone'))}</option>`,
    )
    .join('');
  const moduleOptions = modules.map((m) => `<option value="${e(m.id)}"${selected(request.moduleId === m.id)}>${e(m.title)}</option>`).join('');
  const filters = `<form class="filters" method="get" action="/advisor" role="search">
<label>${e(t(locale, 'search'))}<input type="search" name="q" value="${e(request.search)}" maxlength="100"></label>
<label>${e(t(locale, 'module'))}<select name="module"><option value="">${e(t(locale, 'anyModule'))}</option>${moduleOptions}</select></label>
<label>${e(t(locale, 'sortBy'))}<select name="sort">${sorts}</select></label>
<label class="check"><input type="checkbox" name="stalled" value="1"${checked(request.stalledOnly)}>${e(t(locale, 'stalledOnly'))}</label>
<label class="check"><input type="checkbox" name="request" value="1"${checked(request.withRequestOnly)}>${e(t(locale, 'requestOnly'))}</label>
<button class="primary" type="submit">${e(t(locale, 'apply'))}</button>
</form>`;
  const query = (page: number) => {
    const params = new URLSearchParams({ sort: request.sort, q: request.search, module: request.moduleId ?? '', page: String(page) });
    if (request.stalledOnly) params.set('stalled', '1');
    if (request.withRequestOnly) params.set('request', '1');
    return params.toString();
  };
  const rows = view.rows
    .map(({ entry, openRequests, stalled }) => {
      const bars = modules
        .filter((m) => entry.modules[m.id])
        .map((m) => {
          const number = modules.indexOf(m) + 1;
          const progress = entry.modules[m.id]!;
          const share = progress.count === 0 ? 0 : progress.done / progress.count;
          const label = `${m.title}: ${t(locale, 'lessonsOf', { done: progress.done, count: progress.count })}`;
          return `<div class="bar" title="${e(label)}"><span>${number}: ${progress.done}/${progress.count}</span>${shareBar(share, 110, label)}</div>`;
        })
        .join('');
      const name = entry.displayName ? e(entry.displayName) : e(t(locale, 'unnamed'));
      const channels = entry.channels
        .map((c) => CHANNEL_NAMES[c] ?? c)
        .filter((c, i, all) => all.indexOf(c) === i)
        .join(', ');
      const quiz = entry.quizTotal > 0 ? `${entry.quizCorrect}/${entry.quizTotal}` : '–';
      return `<tr>
<td data-label="${e(t(locale, 'name'))}"><a href="/advisor/learners/${encodeURIComponent(entry.learnerId)}">${name}</a></td>
<td data-label="${e(t(locale, 'venture'))}">${e(entry.ventureName ?? '–')}</td>
<td data-label="${e(t(locale, 'languageColumn'))}">${e(entry.locale === 'en' ? 'English' : entry.locale === 'sv' ? 'Svenska' : '–')}</td>
<td data-label="${e(t(locale, 'channels'))}">${e(channels)}</td>
<td data-label="${e(t(locale, 'progress'))}"><div class="bars">${bars || '–'}</div></td>
<td class="num" data-label="${e(t(locale, 'lessonsDone'))}">${entry.lessonsDone}</td>
<td class="num" data-label="${e(t(locale, 'quizScore'))}">${quiz}</td>
<td data-label="${e(t(locale, 'lastActive'))}">${e(formatTime(entry.lastActiveAt, locale))}</td>
<td data-label="${e(t(locale, 'status'))}">${stalled ? `<span class="tag warn">${e(t(locale, 'stalled'))}</span>` : `<span class="tag">${e(t(locale, 'active'))}</span>`}</td>
<td data-label="${e(t(locale, 'requests'))}">${openRequests > 0 ? `<span class="tag warn">${e(t(locale, 'openRequests', { count: openRequests }))}</span>` : '–'}</td>
</tr>`;
    })
    .join('');
  const legend = `<p class="legend">${e(t(locale, 'progress'))}: ${modules.map((m, i) => `<span>${i + 1} ${e(m.title)}</span>`).join('')}</p>`;
  const table = view.rows.length
    ? `${legend}<div class="table-wrap"><table class="cohort"><caption class="visually-hidden">${e(t(locale, 'cohort'))}</caption><thead><tr>
<th scope="col">${e(t(locale, 'name'))}</th><th scope="col">${e(t(locale, 'venture'))}</th><th scope="col">${e(t(locale, 'languageColumn'))}</th><th scope="col">${e(t(locale, 'channels'))}</th><th scope="col">${e(t(locale, 'progress'))}</th><th scope="col" class="num">${e(t(locale, 'lessonsDone'))}</th><th scope="col" class="num">${e(t(locale, 'quizScore'))}</th><th scope="col">${e(t(locale, 'lastActive'))}</th><th scope="col">${e(t(locale, 'status'))}</th><th scope="col">${e(t(locale, 'requests'))}</th>
</tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p class="notice">${e(t(locale, 'noLearners'))}</p>`;
  const pager =
    view.pages > 1
      ? `<nav class="pager" aria-label="${e(t(locale, 'pageOf', { page: view.page, pages: view.pages }))}">${view.page > 1 ? `<a href="/advisor?${e(query(view.page - 1))}">${e(t(locale, 'previous'))}</a>` : ''}<span>${e(t(locale, 'pageOf', { page: view.page, pages: view.pages }))}</span>${view.page < view.pages ? `<a href="/advisor?${e(query(view.page + 1))}">${e(t(locale, 'next'))}</a>` : ''}</nav>`
      : '';
  return layout({
    locale,
    nonce: options.nonce,
    advisor: options.advisor,
    current: 'cohort',
    title: t(locale, 'cohort'),
    body: `<h1>${e(t(locale, 'cohort'))}</h1><div class="card">${filters}</div>
<div class="pager"><span role="status">${e(t(locale, 'learnersFound', { count: view.total }))}</span><a class="button secondary" href="/advisor/cohort.csv?${e(query(1))}">${e(t(locale, 'exportCsv'))}</a></div>
${table}${pager}`,
  });
}
