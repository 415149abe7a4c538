import type { ChannelTurn } from '../channel/channelTurn';
import type { Organisation } from './organisation';
import type { OrganisationDirectory } from './organisationDirectory';

/** Why a turn belongs to no organisation the bot serves. */
export type OrganisationRefusal = 'unknownTenant' | 'unknownOrganisation';

export interface OrganisationPolicy {
  /** Refuse Teams users whose tenant no organisation lists, instead of placing them in the fallback organisation. */
  readonly requireKnownTenant: boolean;
}

/**
 * The organisation a turn belongs to, from what the server can trust: the organisation inside the web widget's signed
 * token (the edge puts it on the turn), the Entra tenant the Teams channel vouches for, or the fallback organisation
 * for channels that carry neither.
 */
export function organisationOf(
  turn: Pick<ChannelTurn, 'organisationId' | 'identity'>,
  directory: OrganisationDirectory,
  policy: OrganisationPolicy,
): Organisation | OrganisationRefusal {
  if (turn.organisationId !== undefined) return directory.get(turn.organisationId) ?? 'unknownOrganisation';
  if (turn.identity?.channel === 'msteams') {
    const listed = turn.identity.tenantId ? directory.forTenant(turn.identity.tenantId) : undefined;
    if (listed) return listed;
    return policy.requireKnownTenant ? 'unknownTenant' : directory.fallback;
  }
  return directory.fallback;
}
