import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Curriculum } from '../../curriculum/schema';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from '../../bot/organisations/loadOrganisations';
import type { Organisation } from '../../bot/organisations/organisation';
import { organisationSetup, type OrganisationSetup } from '../../bot/organisations/programmeSetup';

/** The organisations that ship with the bot (the demo organisation): what the bot serves without configuration. */
export const shippedOrganisations: readonly Organisation[] = loadOrganisationsOrThrow(builtInOrganisationsDir());

/** A cooperative for tests: its own name, colours, contact and tenant; every module. */
export function testOrganisation(id: string, overrides: Partial<Organisation> = {}): Organisation {
  return {
    id,
    name: { sv: `Kooperativet ${id}`, en: `The ${id} cooperative` },
    allowedOrigins: [],
    defaultLanguage: 'sv',
    theme: { accentColor: '#8a3b12', botName: `Coach ${id}` },
    modules: 'all',
    contact: { name: `Rådgivarna på ${id}`, email: `radgivare@${id}.example.org` },
    teamsTenantIds: [],
    ai: { enabled: false },
    ...overrides,
  };
}

/**
 * The shipped curriculum and organisations wired as the composition root wires them (fallback: demo); with
 * `aiServiceName`, organisations with `ai.enabled` use that AI service.
 */
export function testOrganisationSetup(
  curriculum: Curriculum = loadCurriculumOrThrow(),
  extra: readonly Organisation[] = [],
  aiServiceName?: string,
): OrganisationSetup {
  return organisationSetup(curriculum, [...shippedOrganisations, ...extra], 'demo', aiServiceName);
}
