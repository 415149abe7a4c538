import { MongoServerError } from 'mongodb';

const DUPLICATE_KEY = 11000;

/** True for a server error with this code (11000 duplicate key, 48 namespace exists, …). */
export function isMongoErrorCode(error: unknown, code: number): boolean {
  return error instanceof MongoServerError && error.code === code;
}

/** A write refused by a unique index (including `_id`). */
export function isDuplicateKeyError(error: unknown): boolean {
  return isMongoErrorCode(error, DUPLICATE_KEY);
}
