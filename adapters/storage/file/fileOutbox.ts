import { join } from 'node:path';
import { type DeliveryRecord, deliverySchema } from '../../../bot/advisors/advisorRecords';
import type { ClaimedDelivery, Outbox } from '../../../bot/ports/outbox';
import { guardStore } from '../storeGuard';
import { FileDocuments } from './fileDocuments';
import { KeyedMutex } from './keyedMutex';

const CLAIM_LOCK = 'outbox';

/**
 * The Outbox of the embedded file store: folder outbox/, one file per delivery. Claims and settlements run under one
 * in-process lock, which is enough for the one process a file store serves; the lease still matters there, since a
 * dispatcher can stop between claim and send (a crash, a stopped app on the same folder).
 */
export class FileOutbox implements Outbox {
  private readonly locks = new KeyedMutex();

  private constructor(private readonly deliveries: FileDocuments<typeof deliverySchema>) {}

  static async open(dataDir: string): Promise<FileOutbox> {
    return guardStore(
      'file store',
      `open the outbox in ${dataDir}`,
      async () => new FileOutbox(await FileDocuments.open(join(dataDir, 'outbox'), deliverySchema, (d) => d.id, 'delivery')),
    );
  }

  async enqueue(delivery: DeliveryRecord): Promise<void> {
    await this.guard('enqueue a delivery', () => this.locks.runExclusive(CLAIM_LOCK, () => this.deliveries.put(delivery)));
  }

  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    return this.guard('claim deliveries', () =>
      this.locks.runExclusive(CLAIM_LOCK, async () => {
        const due = [...this.deliveries.values()]
          .filter((d) => isDue(d, now))
          .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0))
          .slice(0, limit);
        const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
        const claimed: ClaimedDelivery[] = [];
        for (const delivery of due) {
          claimed.push((await this.deliveries.put({ ...delivery, status: 'sending', leaseOwner: owner, leaseUntil })) as ClaimedDelivery);
        }
        return claimed;
      }),
    );
  }

  async holdsLease(deliveryId: string, owner: string, now: Date): Promise<boolean> {
    const delivery = this.deliveries.get(deliveryId);
    return delivery !== undefined && holds(delivery, owner) && Date.parse(delivery.leaseUntil ?? '') > now.getTime();
  }

  async markDelivered(deliveryId: string, owner: string, channel: string, at: Date): Promise<boolean> {
    return this.settle(deliveryId, owner, (d) => ({ ...d, status: 'delivered', channel, deliveredAt: at.toISOString(), attempts: d.attempts + 1 }));
  }

  async markRetry(deliveryId: string, owner: string, nextAttemptAt: Date, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, (d) => ({
      ...d,
      status: 'pending',
      attempts: d.attempts + 1,
      nextAttemptAt: nextAttemptAt.toISOString(),
      lastError: reason.slice(0, 500),
    }));
  }

  async markFailed(deliveryId: string, owner: string, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, (d) => ({ ...d, status: 'failed', attempts: d.attempts + 1, lastError: reason.slice(0, 500) }));
  }

  async markWaitingForVisit(deliveryId: string, owner: string, reason: string): Promise<boolean> {
    return this.settle(deliveryId, owner, (d) => ({ ...d, status: 'waiting-for-visit', lastError: reason.slice(0, 500) }));
  }

  async wake(learnerId: string, now: Date): Promise<number> {
    return this.guard('wake deliveries', () =>
      this.locks.runExclusive(CLAIM_LOCK, async () => {
        const waiting = [...this.deliveries.values()].filter((d) => d.learnerId === learnerId && d.status === 'waiting-for-visit');
        for (const delivery of waiting) await this.deliveries.put({ ...delivery, status: 'pending', nextAttemptAt: now.toISOString() });
        return waiting.length;
      }),
    );
  }

  async forNotes(organisationId: string, noteIds: readonly string[]): Promise<DeliveryRecord[]> {
    const wanted = new Set(noteIds);
    return [...this.deliveries.values()].filter((d) => d.organisationId === organisationId && wanted.has(d.noteId));
  }

  async listForLearner(learnerId: string): Promise<DeliveryRecord[]> {
    return [...this.deliveries.values()].filter((d) => d.learnerId === learnerId).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  async deleteLearner(learnerId: string): Promise<void> {
    await this.guard(`delete the deliveries of learner ${learnerId}`, () =>
      this.locks.runExclusive(CLAIM_LOCK, async () => {
        for (const delivery of [...this.deliveries.values()].filter((d) => d.learnerId === learnerId)) await this.deliveries.remove(delivery.id);
      }),
    );
  }

  private async settle(deliveryId: string, owner: string, change: (delivery: DeliveryRecord) => DeliveryRecord): Promise<boolean> {
    return this.guard(`settle delivery ${deliveryId}`, () =>
      this.locks.runExclusive(CLAIM_LOCK, async () => {
        const delivery = this.deliveries.get(deliveryId);
        if (!delivery || !holds(delivery, owner)) return false;
        const { leaseOwner: _o, leaseUntil: _u, ...released } = change(delivery);
        await this.deliveries.put(released);
        return true;
      }),
    );
  }

  private guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    return guardStore('file store', operation, task);
  }
}

function isDue(delivery: DeliveryRecord, now: Date): boolean {
  if (delivery.status === 'pending') return Date.parse(delivery.nextAttemptAt) <= now.getTime();
  return delivery.status === 'sending' && Date.parse(delivery.leaseUntil ?? '') <= now.getTime();
}

function holds(delivery: DeliveryRecord, owner: string): boolean {
  return delivery.status === 'sending' && delivery.leaseOwner === owner;
}
