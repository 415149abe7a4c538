import { randomUUID } from 'node:crypto';
import type { Locale } from '../curriculum/schema';
import { say } from '../dialogs/catalogue';
import { intentOf } from './activityToEvent';
import type { InboundActivity } from './channel/activity';
import type { ChannelTurn } from './channel/channelTurn';
import type { Logger } from './logger';
import type { OrganisationDirectory } from './organisations/organisationDirectory';
import type { Organisation } from './organisations/organisation';
import { organisationOf, type OrganisationPolicy } from './organisations/organisationOf';
import { withOrganisationPages } from './organisations/organisationPages';
import type { ChannelRenderer } from './ports/channelRenderer';
import { StoreUnavailableError } from './ports/store';
import { CoachDelivery } from './coach/coachDelivery';
import type { TurnEngine, TurnResult } from './turnEngine';

/** The BCP 47 tag a reply carries for each language (Web Chat has labels for exactly these). */
const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-US' };

/** How long a turn may run before the learner sees a typing indicator. */
const TYPING_DELAY_MS = 700;

export interface ProgrammeBotOptions {
  readonly engine: TurnEngine;
  /** The renderer for a channel id ('msteams', 'directline', …). */
  readonly rendererFor: (channelId: string) => ChannelRenderer;
  readonly organisations: OrganisationDirectory;
  readonly organisationPolicy: OrganisationPolicy;
  readonly logger: Logger;
}

/**
 * The channel-neutral face of the programme: maps an incoming activity to a conversation event, runs the turn,
 * renders the reply for the channel and sends it. Every failure ends with an apology in the conversation; a learner's
 * progress is never left half-written (the engine commits in one write).
 */
export class ProgrammeBot {
  private readonly coach: CoachDelivery;

  constructor(private readonly options: ProgrammeBotOptions) {
    this.coach = new CoachDelivery(options.engine);
  }

  /** Resolves when every AI coach reply started so far has been delivered (tests; a graceful stop). */
  settled(): Promise<void> {
    return this.coach.settled();
  }

  private render(turn: ChannelTurn, organisation: Organisation, result: TurnResult) {
    const messages = withOrganisationPages(result.messages, organisation);
    return renderIn(this.options.rendererFor(turn.activity.channelId), { ...result, messages }, localeHint(turn.activity));
  }

  /** Handles one incoming activity; resolves once the replies are sent (an AI coach reply follows on its own). */
  async run(turn: ChannelTurn): Promise<void> {
    const intent = intentOf(turn.activity);
    if (!intent) return;
    const activityId = intent.activityId ?? turn.deliveryId ?? turn.activity.id ?? `${turn.activity.conversation.id}:${randomUUID()}`;
    const log = this.options.logger.child({ activityId, channel: turn.activity.channelId, organisationId: turn.organisationId });
    if (!turn.identity) {
      log.warn('activity without a usable identity ignored');
      return;
    }
    const organisation = organisationOf(turn, this.options.organisations, this.options.organisationPolicy);
    if (typeof organisation === 'string') {
      log.warn({ reason: organisation, tenantId: turn.identity.tenantId }, 'turn refused: no organisation serves this learner');
      await turn.send([
        { type: 'message', text: say(localeHint(turn.activity), organisation === 'unknownTenant' ? 'tenantNotServed' : 'organisationNotServed') },
      ]);
      return;
    }
    const typing = setTimeout(() => void turn.send([{ type: 'typing' }]).catch(() => undefined), TYPING_DELAY_MS);
    try {
      const result = await this.options.engine.handle({
        identity: turn.identity,
        organisationId: organisation.id,
        activityId,
        event: intent.event.type === 'session.started' ? { ...intent.event, locale: localeHint(turn.activity) } : intent.event,
        fallbackLocale: localeHint(turn.activity),
        greetUnknownWithoutStoring: turn.identity.channel === 'webchat',
        conversationReference: turn.conversationReference,
        logger: log,
      });
      clearTimeout(typing);
      if (result.duplicate) return;
      const render = (turnResult: TurnResult) => this.render(turn, organisation, turnResult);
      await turn.send(render(result));
      if (result.coachJobs) {
        const send = (activities: Parameters<ChannelTurn['send']>[0]) => (turn.sendLater ? turn.sendLater(activities) : turn.send(activities));
        this.coach.deliver(result.coachJobs, { identity: turn.identity, organisationId: organisation.id, activityId, logger: log, send, render });
      }
    } catch (error) {
      clearTimeout(typing);
      const unavailable = error instanceof StoreUnavailableError;
      if (unavailable) log.warn({ err: error }, 'store unavailable; turn not applied');
      else log.error({ err: error }, 'turn failed');
      // The learner's own language, as they chose it, when their record can still be read.
      const locale = (unavailable ? null : await this.options.engine.chosenLocale(turn.identity, organisation.id)) ?? localeHint(turn.activity);
      const apology = say(locale, unavailable ? 'storeUnavailable' : 'unexpectedError');
      await turn.send([{ type: 'message', text: apology }]).catch(() => undefined);
    }
  }
}

/** The messages as the channel shows them; each names its language, so the web widget's labels and the page's lang follow. */
function renderIn(renderer: ChannelRenderer, result: TurnResult, fallback: Locale) {
  const locale = LOCALE_TAGS[result.locale ?? fallback];
  return renderer.render(result.messages).map((activity) => ({ ...activity, locale }));
}

/** The learner's language when their record could not be read: the channel's locale, Swedish by default. */
export function localeHint(activity: Pick<InboundActivity, 'locale'>): Locale {
  return (activity.locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'sv';
}
