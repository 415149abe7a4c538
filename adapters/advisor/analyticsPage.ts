import type { Locale } from '../../curriculum/schema';
import type { Period, ProgrammeAnalytics } from '../../bot/advisors/programmeAnalytics';
import { escapeHtml as e } from '../web/html';
import { type HeaderAdvisor, layout } from './dashboardLayout';
import { t } from './dashboardTexts';
import { chartTable, columnChart, horizontalBarChart } from './svgCharts';

export interface AnalyticsPageOptions {
  readonly locale: Locale;
  readonly nonce: string;
  readonly advisor: HeaderAdvisor;
  readonly period: Period;
  readonly analytics: ProgrammeAnalytics;
}

/** The programme in figures over a period: funnels, where learners stop, hard quiz questions, activity; each chart with its table. */
export function analyticsPage(options: AnalyticsPageOptions): string {
  const { locale, analytics, period } = options;
  const percent = (right: number, answered: number) => `${Math.round((right / Math.max(answered, 1)) * 100)} %`;
  const form = `<form class="filters card" method="get" action="/advisor/analytics"><label>${e(t(locale, 'from'))}<input type="date" name="from" value="${e(period.from)}" required></label><label>${e(t(locale, 'to'))}<input type="date" name="to" value="${e(period.to)}" required></label><button class="primary" type="submit">${e(t(locale, 'apply'))}</button></form>`;
  const section = (id: string, title: string, chart: string, table: string) =>
    `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${e(title)}</h2>${chart}${table}</section>`;
  const nothing = `<p>${e(t(locale, 'nothingYet'))}</p>`;
  const funnels = analytics.funnels
    .filter((f) => (f.steps[0]?.count ?? 0) > 0)
    .map((f, i) => {
      const title = t(locale, 'funnel', { module: f.title });
      return section(
        `funnel-${i}`,
        title,
        horizontalBarChart(
          title,
          f.steps.map((s) => ({ label: s.label, value: s.count })),
        ),
        chartTable(
          t(locale, 'chartTable'),
          [t(locale, 'funnelStep'), t(locale, 'learners')],
          f.steps.map((s) => [s.label, s.count]),
        ),
      );
    })
    .join('');
  const dropOff = analytics.dropOff.length
    ? section(
        'drop-off',
        t(locale, 'dropOff'),
        horizontalBarChart(
          t(locale, 'dropOff'),
          analytics.dropOff.map((d) => ({ label: d.label, value: d.count })),
        ),
        chartTable(
          t(locale, 'chartTable'),
          [t(locale, 'dropOffStep'), t(locale, 'learners')],
          analytics.dropOff.map((d) => [d.label, d.count]),
        ),
      )
    : section('drop-off', t(locale, 'dropOff'), nothing, '');
  const quiz = analytics.quizAccuracy.length
    ? section(
        'quiz',
        t(locale, 'quizAccuracy'),
        horizontalBarChart(
          t(locale, 'quizAccuracy'),
          analytics.quizAccuracy.map((q) => ({
            label: q.label,
            value: q.right / Math.max(q.answered, 1),
            display: t(locale, 'quizBar', { percent: percent(q.right, q.answered), count: q.answered }),
          })),
          1,
        ),
        chartTable(
          t(locale, 'chartTable'),
          [t(locale, 'question'), t(locale, 'rightShare'), t(locale, 'answered')],
          analytics.quizAccuracy.map((q) => [q.label, percent(q.right, q.answered), q.answered]),
        ),
      )
    : section('quiz', t(locale, 'quizAccuracy'), nothing, '');
  const activity = section(
    'activity',
    t(locale, 'activity'),
    columnChart(
      t(locale, 'activity'),
      analytics.activity.map((a) => ({ label: a.week, value: a.learners })),
    ),
    chartTable(
      t(locale, 'chartTable'),
      [t(locale, 'week'), t(locale, 'learners')],
      analytics.activity.map((a) => [a.week, a.learners]),
    ),
  );
  return layout({
    locale,
    nonce: options.nonce,
    advisor: options.advisor,
    current: 'analytics',
    title: t(locale, 'analytics'),
    body: `<h1>${e(t(locale, 'analytics'))}</h1>${form}<p role="status">${e(t(locale, 'learnersInPeriod', { count: analytics.learners }))}</p>${activity}${funnels || section('funnels', t(locale, 'funnel', { module: '' }), nothing, '')}${dropOff}${quiz}`,
  });
}
