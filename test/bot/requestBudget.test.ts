import { setTimeout as sleep } from 'node:timers/promises';
import { operationTimeLeft, outsideRequestBudget, withinRequestBudget } from '../../bot/requestBudget';
import { withinOperationDeadline } from '../../adapters/storage/mongo/withDeadline';

describe('a request’s budget for the store', () => {
  it('leaves an operation its own limit outside any request', () => {
    expect(operationTimeLeft(4000)).toBe(4000);
  });

  it('gives an operation what is left of the request’s budget when that is less than its own limit', async () => {
    await withinRequestBudget(1000, async () => {
      expect(operationTimeLeft(4000)).toBeLessThanOrEqual(1000);
      expect(operationTimeLeft(4000)).toBeGreaterThan(0);
      expect(operationTimeLeft(10)).toBe(10);
      await sleep(60);
      // Carried across awaits, and shrinking as the request goes on.
      expect(operationTimeLeft(4000)).toBeLessThanOrEqual(1000 - 50);
    });
  });

  it('keeps the sooner end when budgets are nested', async () => {
    await withinRequestBudget(200, async () => {
      await withinRequestBudget(5000, async () => expect(operationTimeLeft(4000)).toBeLessThanOrEqual(200));
    });
  });

  it('is gone for work that leaves the request, even work started from inside it', async () => {
    let later: Promise<number> | undefined;
    await withinRequestBudget(100, async () => {
      later = outsideRequestBudget(async () => {
        await sleep(150);
        return operationTimeLeft(4000);
      });
    });
    expect(await later).toBe(4000);
  });

  it('does not start an operation once the budget is spent, and cuts one short at what was left', async () => {
    let started = 0;
    const slow = () => {
      started += 1;
      return sleep(1000).then(() => 'answered');
    };
    await withinRequestBudget(80, async () => {
      await expect(withinOperationDeadline(4000, slow)).rejects.toThrow(/no answer from the database within \d+ ms/);
      await expect(withinOperationDeadline(4000, slow)).rejects.toThrow(/used up its time/);
    });
    expect(started).toBe(1);
    await expect(withinOperationDeadline(4000, async () => 'answered')).resolves.toBe('answered');
  });
});
