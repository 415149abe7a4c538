import { z } from 'zod';
import { MAX_INBOUND_TEXT_CHARS } from '../../bot/channel/limits';

/** Longest button or card value the endpoint accepts. */
const MAX_VALUE_LENGTH = 5000;

const jsonObject = z.record(z.string(), z.unknown());

/**
 * What a client may post to `/v3/directline/conversations/:id/activities`. Only these fields are kept;
 * everything that says who or where (from, recipient, conversation, ids, timestamps, serviceUrl) is stamped
 * by the server. `value` carries card submits (an object) and postBack/messageBack values (Web Chat sends
 * a non-string postBack value as `value`).
 */
export const incomingActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().max(MAX_INBOUND_TEXT_CHARS).optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    name: z.string().min(1).max(200).optional(),
    value: z.union([jsonObject, z.array(z.unknown()), z.string().max(MAX_VALUE_LENGTH), z.number(), z.boolean(), z.null()]).optional(),
    locale: z.string().min(2).max(35).optional(),
    localTimestamp: z.string().max(64).optional(),
    localTimezone: z.string().max(64).optional(),
    entities: z.array(jsonObject).max(10).optional(),
    channelData: jsonObject.optional(),
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
