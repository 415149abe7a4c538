import type { Request } from 'restify';
import type { Organisation } from '../../bot/organisations/organisation';
import type { DirectLineRefusal } from '../directline/directLineHttp';
import type { SessionRequest } from '../directline/directLineRoutes';
import type { EmbedGrants } from './embedGrants';
import { isOwnOrigin, requestOrigin } from './requestOrigin';

export interface SessionOrganisationOptions {
  readonly grants: EmbedGrants;
  readonly organisations: { get(id: string): Organisation | undefined };
  /** The organisation of the bot's own pages. */
  readonly defaultOrganisationId: string;
}

/**
 * Decides which organisation a web-chat session belongs to. The chat page of an embed sends its grant (issued only into
 * a frame on one of the organisation's websites) from the bot's own origin; the bot's own pages need none for the default
 * organisation. Everything else is refused with 403 and says why, checked by the request's Origin or Referer.
 */
export function sessionOrganisation(options: SessionOrganisationOptions): (req: Request, request: SessionRequest) => string | DirectLineRefusal {
  return (req, request) => {
    const origin = requestOrigin(req);
    const fromOwnPage = origin === null || isOwnOrigin(origin, req);
    if (request.grant !== undefined) {
      const grant = options.grants.verify(request.grant);
      if (!grant || !options.organisations.get(grant.organisationId)) {
        return { status: 403, code: 'Forbidden', message: 'This chat page has expired. Reload the page to start the chat again.' };
      }
      if (!fromOwnPage)
        return { status: 403, code: 'Forbidden', message: `A chat grant is only accepted from the chat page itself, not from ${origin}.` };
      return grant.organisationId;
    }
    const organisationId = request.organisation ?? options.defaultOrganisationId;
    const organisation = options.organisations.get(organisationId);
    if (!organisation) return { status: 404, code: 'NotFound', message: `There is no organisation "${organisationId}".` };
    if (organisationId === options.defaultOrganisationId && fromOwnPage) return organisationId;
    const websites = organisation.allowedOrigins.length > 0 ? organisation.allowedOrigins.join(', ') : 'none yet';
    return {
      status: 403,
      code: 'Forbidden',
      message: `The chat of "${organisationId}" opens only through its embed on its own websites (${websites}), not on ${origin ?? 'a page that does not say where it is'}.`,
    };
  };
}
