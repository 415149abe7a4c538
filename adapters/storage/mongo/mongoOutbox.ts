import type { Db, Filter } from 'mongodb';
import { type DeliveryRecord, deliverySchema } from '../../../bot/advisors/advisorRecords';
import type { ClaimedDelivery, Outbox } from '../../../bot/ports/outbox';
import { validateRecord } from '../validateRecord';
import { AdvisorDatabase } from './advisorCollections';
import { decodeDocument } from './decodeDocument';

type DeliveryDocument = DeliveryRecord & { _id: string };

/**
 * The Outbox on MongoDB (collection outbox). A claim is one findOneAndUpdate per delivery, conditional on the delivery
 * still being due, so of several instances claiming at once each delivery goes to exactly one; settling is an update
 * conditional on the lease owner.
 */
export class MongoOutbox implements Outbox {
  private readonly database: AdvisorDatabase;

  /** `deadlineMs`: how long one operation may take (the MongoStore's operation timeout); none by default. */
  constructor(db: Db, deadlineMs?: number) {
    this.database = new AdvisorDatabase(db, ['outbox'], deadlineMs);
  }

  async enqueue(delivery: DeliveryRecord): Promise<void> {
    const checked = validateRecord(deliverySchema, delivery, 'delivery');
    await this.database.run('enqueue a delivery', () => this.deliveries.insertOne({ _id: checked.id, ...checked }));
  }

  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const at = now.toISOString();
    const due: Filter<DeliveryDocument> = {
      $or: [
        { status: 'pending', nextAttemptAt: { $lte: at } },
        { status: 'sending', leaseUntil: { $lte: at } },
      ],
    };
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    // One claim per operation, each with its own deadline: a deadline over the whole loop would leave the loop claiming
    // on after its caller had given up, and those deliveries would wait out their lease.
    const claimed: ClaimedDelivery[] = [];
    while (claimed.length < limit) {
      const claim = () =>
        this.database.run('claim a delivery', () =>
          this.deliveries.findOneAndUpdate(
            due,
            { $set: { status: 'sending', leaseOwner: owner, leaseUntil } },
            { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
          ),
        );
      // The ones claimed before a failure are sent; the failure waits for the next poll.
      const document = claimed.length === 0 ? await claim() : await claim().catch(() => null);
      if (!document) break;
      claimed.push(decodeDocument(deliverySchema, document, 'outbox') as ClaimedDelivery);
    }
    return claimed;
  }

  async holdsLease(deliveryId: string, owner: string, now: Date): Promise<boolean> {
    return this.database.run('check a lease', async () => {
      const count = await this.deliveries.countDocuments({
        _id: deliveryId,
        status: 'sending',
        leaseOwner: owner,
        leaseUntil: { $gt: now.toISOString() },
      });
      return count === 1;
    });
  }

  async markDelivered(deliveryId: string, owner: string, channel: string, at: Date): Promise<boolean> {
    return this.settle(deliveryId, owner, { status: 'delivered', channel, deliveredAt: at.toISOString() }, true);
  }

  async markRetry(deliveryId: string, owner: string, nextAttemptAt: Date, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, { status: 'pending', nextAttemptAt: nextAttemptAt.toISOString(), lastError: reason.slice(0, 500) }, true);
  }

  async markFailed(deliveryId: string, owner: string, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, { status: 'failed', lastError: reason.slice(0, 500) }, true);
  }

  async markWaitingForVisit(deliveryId: string, owner: string, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, { status: 'waiting-for-visit', lastError: reason.slice(0, 500) }, false);
  }

  async wake(learnerId: string, now: Date): Promise<number> {
    return this.database.run('wake deliveries', async () => {
      const result = await this.deliveries.updateMany(
        { learnerId, status: 'waiting-for-visit' },
        { $set: { status: 'pending', nextAttemptAt: now.toISOString() } },
      );
      return result.modifiedCount;
    });
  }

  async forNotes(organisationId: string, noteIds: readonly string[]): Promise<DeliveryRecord[]> {
    return this.database.run('read deliveries', async () =>
      (await this.deliveries.find({ organisationId, noteId: { $in: [...noteIds] } }).toArray()).map((d) =>
        decodeDocument(deliverySchema, d, 'outbox'),
      ),
    );
  }

  async listForLearner(learnerId: string): Promise<DeliveryRecord[]> {
    return this.database.run('list deliveries', async () =>
      (await this.deliveries.find({ learnerId }).toArray())
        .map((d) => decodeDocument(deliverySchema, d, 'outbox'))
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)),
    );
  }

  async deleteLearner(learnerId: string): Promise<void> {
    await this.database.run(`delete the deliveries of learner ${learnerId}`, () => this.deliveries.deleteMany({ learnerId }));
  }

  private async settle(deliveryId: string, owner: string, set: Partial<DeliveryRecord>, countAttempt: boolean): Promise<boolean> {
    return this.database.run(`settle delivery ${deliveryId}`, async () => {
      const document = await this.deliveries.findOne({ _id: deliveryId, status: 'sending', leaseOwner: owner });
      if (!document) return false;
      const result = await this.deliveries.updateOne(
        { _id: deliveryId, status: 'sending', leaseOwner: owner },
        { $set: { ...set, attempts: document.attempts + (countAttempt ? 1 : 0) }, $unset: { leaseOwner: '', leaseUntil: '' } },
      );
      return result.modifiedCount === 1;
    });
  }

  private get deliveries() {
    return this.database.collection<DeliveryDocument>('outbox');
  }
}
