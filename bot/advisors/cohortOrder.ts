import type { CohortEntry } from './advisorRecords';
import type { CohortQuery, CohortSort } from '../ports/cohortReadModel';

/** The fields of an entry the cohort's queries filter and sort on (all a store needs to keep in memory to answer them). */
export type CohortQueryFields = Pick<
  CohortEntry,
  'learnerId' | 'organisationId' | 'sharesWithAdvisors' | 'sortName' | 'lessonsDone' | 'lastActiveAt' | 'startedModules' | 'searchTerms'
>;

/**
 * The cohort's order and filters as plain functions, so that a store that queries in memory (the file store) applies
 * exactly what the MongoDB store asks of its indexes: last active newest first, name A–Z, lessons done most first,
 * ties by learner id.
 */
export function compareCohortEntries(sort: CohortSort): (a: CohortQueryFields, b: CohortQueryFields) => number {
  const byId = (a: CohortQueryFields, b: CohortQueryFields) => compare(a.learnerId, b.learnerId);
  switch (sort) {
    case 'name':
      return (a, b) => compare(a.sortName, b.sortName) || byId(a, b);
    case 'lessonsDone':
      return (a, b) => b.lessonsDone - a.lessonsDone || byId(a, b);
    case 'lastActive':
      return (a, b) => compare(b.lastActiveAt, a.lastActiveAt) || byId(a, b);
  }
}

/** Whether the entry is listed by the query (organisation, consent and every filter). */
export function matchesCohortQuery(entry: CohortQueryFields, query: CohortQuery): boolean {
  if (entry.organisationId !== query.organisationId || !entry.sharesWithAdvisors) return false;
  if (query.moduleId && !entry.startedModules.includes(query.moduleId)) return false;
  if (query.inactiveSince && entry.lastActiveAt >= query.inactiveSince.toISOString()) return false;
  if (query.learnerIds && !query.learnerIds.includes(entry.learnerId)) return false;
  if (query.search && !query.search.every((word) => entry.searchTerms.some((term) => term.startsWith(word)))) return false;
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
