import type { StreamBudget } from '../../bot/ports/conversationStreamStore';
import { MAX_ANSWER_LENGTH } from '../../dialogs/machine/lessons';

/**
 * Every limit of the web channel, in one place (docs/SECURITY.md, "Web chat limits" and "Web chat tokens and
 * sessions", lists them with the reasons).
 */
export const WEB_CHAT_LIMITS = {
  /** An access token (Authorization: Bearer) is valid this long; the widget refreshes it every 15 minutes. */
  accessTokenSeconds: 30 * 60,
  /** After a refresh, the previous access token is still accepted this long, for requests already on their way. */
  previousTokenGraceMs: 20_000,
  /** A page session can be refreshed for this long after the page opened it; then the page resumes afresh. */
  pageSessionMaxAgeMs: 12 * 60 * 60 * 1000,
  /** Open pages per learner; opening one more ends the one refreshed least recently. */
  pagesPerLearner: 10,
  /** A returning learner's resume key works if the learner used the chat within this long. */
  resumeWindowMs: 30 * 24 * 60 * 60 * 1000,
  /** How long a record of ended sessions is kept, so that pages still open learn that the conversation is gone. */
  endedRecordMs: 31 * 24 * 60 * 60 * 1000,
  /** Session lookups are cached this long per process (a revocation reaches other processes within this time). */
  sessionCacheMs: 3_000,
  sessionCacheEntries: 10_000,

  /** New learners (sessions without a valid resume key) per client address per minute: WEBCHAT_SESSIONS_PER_MINUTE. */
  resumesPerLearnerPerMinute: 30,
  conversationStartsPerLearnerPerMinute: 30,

  /** Largest message a page may post, in bytes of JSON: room for the longest text the bot reads (it answers "too long"). */
  messageBytes: 128 * 1024,
  /** Largest event or typing activity, in bytes of JSON: the widget's are a few hundred bytes. */
  eventBytes: 4 * 1024,
  /** Largest card submit or button value, in bytes of JSON. */
  valueBytes: 8 * 1024,
  /** Largest channelData, in bytes of JSON: the widget sends a client activity id and a timestamp. */
  channelDataBytes: 2 * 1024,
  /** The on-screen copy of the learner's message keeps this much of its text: the longest answer the bot accepts. */
  echoTextChars: MAX_ANSWER_LENGTH,
  /** Largest activity of the bot's kept in a stream, in bytes of JSON. */
  botActivityBytes: 512 * 1024,
  /** Most bytes of activities one poll returns; the rest follow on the next poll. */
  pollBytes: 256 * 1024,
  /** Stream activities the embedded file store holds in memory at once, over all conversations. */
  streamCacheBytes: 32 * 1024 * 1024,
} as const;

/** How much of a conversation's stream is kept, and for how long. */
export const WEB_CHAT_STREAM_BUDGET: StreamBudget = {
  bytesPerConversation: 1024 * 1024,
  activitiesPerConversation: 500,
  ttlMs: 7 * 24 * 60 * 60 * 1000,
};
