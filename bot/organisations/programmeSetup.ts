import type { Curriculum } from '../../curriculum/schema';
import type { Organisation } from './organisation';
import { OrganisationDirectory } from './organisationDirectory';
import { OrganisationProgrammes } from './organisationProgrammes';

/** The organisations and the programme each one offers, as the turn engine takes them. */
export interface OrganisationSetup {
  readonly organisations: OrganisationDirectory;
  readonly programmes: OrganisationProgrammes;
}

/**
 * `aiServiceName`: the AI service the bot is configured with; organisations with `ai.enabled` use it (and their consent
 * names it). Unset, every organisation has the offline coach.
 */
export function organisationSetup(
  curriculum: Curriculum,
  organisations: readonly Organisation[],
  fallbackId: string,
  aiServiceName?: string,
): OrganisationSetup {
  const directory = new OrganisationDirectory(organisations, fallbackId);
  return { organisations: directory, programmes: new OrganisationProgrammes(curriculum, directory, aiServiceName) };
}
