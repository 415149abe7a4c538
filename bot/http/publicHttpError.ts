/**
 * A refusal whose message is written for the client: the only kind of error whose text reaches a response body.
 * Every other error is answered with a fixed sentence for its status (see answerErrorsSafely).
 */
export class PublicHttpError extends Error {
  constructor(
    /** restify reads `statusCode` to answer the error itself when nothing else does. */
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PublicHttpError';
  }
}
