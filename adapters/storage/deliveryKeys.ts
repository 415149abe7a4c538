import { hash } from 'node:crypto';
import type { DeliveryKey } from '../../bot/ports/turnResults';

/** Fixed-length names for a delivery and its conversation, whatever the channel put in its ids. */
export function deliveryHash(key: DeliveryKey): string {
  return sha256(JSON.stringify([key.channel, key.conversationId, key.activityId]));
}

export function conversationHash(channel: string, conversationId: string): string {
  return sha256(JSON.stringify([channel, conversationId]));
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
