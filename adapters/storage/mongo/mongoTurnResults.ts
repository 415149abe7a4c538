import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { DEFAULT_TURN_RESULT_RETENTION_MS, type DeliveryClaim, type DeliveryKey, type TurnResults } from '../../../bot/ports/turnResults';
import { conversationHash, deliveryHash } from '../deliveryKeys';
import { isDuplicateKeyError } from './mongoErrors';

/** One delivery: claimed while `result` is absent, answered once it is set. */
export interface TurnResultDocument {
  /** deliveryHash(key). */
  _id: string;
  /** conversationHash(channel, conversation id), for forgetting a conversation. */
  conversation: string;
  claimId: string;
  leaseUntil: Date;
  /** The answer as JSON text (a reply's field names, such as an Adaptive Card's "$schema", are not all valid in MongoDB). */
  result?: string;
  /** The TTL index removes the document after this. */
  expiresAt: Date;
}

export interface MongoTurnResultsOptions {
  /** How long an answered delivery is remembered. Default 24 h. */
  readonly retentionMs?: number;
  readonly now?: () => number;
}

/** Rounds of claim/look/take-over before a claim reports 'running' (each round follows another writer's change). */
const MAX_CLAIM_ROUNDS = 4;

/**
 * TurnResults in the `turnResults` collection. A claim is an insert on the delivery's `_id` (unique on every server),
 * so concurrent claims on any number of instances give one winner; a lease that ran out is taken over with a
 * compare-and-set on the claim id. A TTL index on `expiresAt` removes answers after the retention (MongoDB's TTL
 * monitor runs about once a minute, so an expired document still present is treated as absent).
 */
export class MongoTurnResults implements TurnResults {
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(
    private readonly collection: () => Collection<TurnResultDocument>,
    private readonly guard: <T>(operation: string, task: () => Promise<T>) => Promise<T>,
    options: MongoTurnResultsOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_TURN_RESULT_RETENTION_MS;
    this.now = options.now ?? Date.now;
  }

  claim(key: DeliveryKey, leaseMs: number): Promise<DeliveryClaim> {
    const _id = deliveryHash(key);
    return this.guard('claim a delivery', async () => {
      for (let round = 0; round < MAX_CLAIM_ROUNDS; round += 1) {
        const now = this.now();
        const claimId = randomUUID();
        const leaseUntil = new Date(now + leaseMs);
        try {
          await this.collection().insertOne({
            _id,
            conversation: conversationHash(key.channel, key.conversationId),
            claimId,
            leaseUntil,
            expiresAt: new Date(now + this.retentionMs),
          });
          return { state: 'claimed', claimId };
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
        const existing = await this.collection().findOne({ _id });
        if (!existing) continue;
        if (existing.expiresAt.getTime() <= now) {
          await this.collection().deleteOne({ _id, claimId: existing.claimId });
          continue;
        }
        if (existing.result !== undefined) return { state: 'answered', result: JSON.parse(existing.result) as unknown };
        if (existing.leaseUntil.getTime() > now) return { state: 'running' };
        const taken = await this.collection().updateOne(
          { _id, claimId: existing.claimId, result: { $exists: false } },
          { $set: { claimId, leaseUntil } },
        );
        if (taken.modifiedCount === 1) return { state: 'claimed', claimId };
      }
      return { state: 'running' };
    });
  }

  async complete(key: DeliveryKey, claimId: string, result: unknown): Promise<void> {
    await this.guard('record a delivery', () =>
      this.collection().updateOne(
        { _id: deliveryHash(key), claimId },
        { $set: { result: JSON.stringify(result ?? null), expiresAt: new Date(this.now() + this.retentionMs) } },
      ),
    );
  }

  async release(key: DeliveryKey, claimId: string): Promise<void> {
    await this.guard('release a delivery', () => this.collection().deleteOne({ _id: deliveryHash(key), claimId, result: { $exists: false } }));
  }

  async forgetConversation(channel: string, conversationId: string): Promise<void> {
    await this.guard('forget a conversation', () => this.collection().deleteMany({ conversation: conversationHash(channel, conversationId) }));
  }
}
