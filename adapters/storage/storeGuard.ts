import { IdentityTakenError, StoreUnavailableError } from '../../bot/ports/store';

/**
 * Runs one store operation; every failure that is not already a port error becomes a StoreUnavailableError naming the
 * store and the operation. A TypeError from validateRecord (a caller's bug) is passed on as it is.
 */
export async function guardStore<T>(storeName: string, operation: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof IdentityTakenError || error instanceof TypeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`${storeName} could not ${operation}: ${reason}`, { cause: error });
  }
}
