import { z } from 'zod';
import { boundedJson } from '../../bot/channel/boundedJson';
import { MAX_INBOUND_TEXT_CHARS } from '../../bot/channel/limits';

/** Longest button or card value the endpoint accepts. */
const MAX_VALUE_LENGTH = 5000;
/** Longest `value` or `channelData` accepted, as JSON: the widget sends a few hundred characters. */
const MAX_PAYLOAD_CHARS = 16 * 1024;
/** Longest id a client may give its activity (Web Chat's clientActivityID is about 20 characters). */
const MAX_CLIENT_ID_CHARS = 128;

const jsonObject = z.record(z.string(), z.unknown());

/**
 * What a client may post to `/v3/directline/conversations/:id/activities`. Only these fields are kept;
 * everything that says who or where (from, recipient, conversation, ids, timestamps, serviceUrl) is stamped
 * by the server. `value` carries card submits (an object) and postBack/messageBack values (Web Chat sends
 * a non-string postBack value as `value`). `value` and `channelData` are bounded in depth and length. The client's own
 * id (`channelData.clientActivityID`, or `id`) is kept only to recognise a re-post of the same activity.
 */
export const incomingActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    id: z.string().min(1).max(MAX_CLIENT_ID_CHARS).optional(),
    text: z.string().max(MAX_INBOUND_TEXT_CHARS).optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    name: z.string().min(1).max(200).optional(),
    value: boundedJson(MAX_PAYLOAD_CHARS)
      .pipe(z.union([jsonObject, z.array(z.unknown()), z.string().max(MAX_VALUE_LENGTH), z.number(), z.boolean(), z.null()]))
      .optional(),
    locale: z.string().min(2).max(35).optional(),
    localTimestamp: z.string().max(64).optional(),
    localTimezone: z.string().max(64).optional(),
    entities: z.array(jsonObject).max(10).optional(),
    channelData: boundedJson(MAX_PAYLOAD_CHARS).pipe(jsonObject).optional(),
  })
  .refine((activity) => activity.type !== 'message' || activity.text !== undefined || activity.value !== undefined, {
    message: 'a message needs text or a value',
    path: ['text'],
  })
  .refine((activity) => activity.type !== 'event' || activity.name !== undefined, {
    message: 'an event needs a name',
    path: ['name'],
  });

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** The id the client gave its activity, the same on every re-post: Web Chat's clientActivityID, else `id`. */
export function clientActivityIdOf(activity: IncomingActivity): string | undefined {
  const clientActivityId = activity.channelData?.clientActivityID;
  if (typeof clientActivityId === 'string' && clientActivityId.length > 0 && clientActivityId.length <= MAX_CLIENT_ID_CHARS) return clientActivityId;
  return activity.id;
}
