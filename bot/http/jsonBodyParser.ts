import getRawBody from 'raw-body';
import type { Request, RequestHandler, Response } from 'restify';
import { textNestingDepth } from '../channel/jsonNesting';
import { PublicHttpError } from './publicHttpError';

export interface JsonBodyOptions {
  /** Larger bodies get 413 without being read further. */
  readonly maxBodyBytes: number;
  /** JSON nested deeper than this (objects and arrays) gets 400 before it is parsed. */
  readonly maxDepth: number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * Reads request bodies and parses JSON ones, instead of restify's bodyParser: the body is bounded by its bytes on the
 * wire (restify's reader also inflates gzip bodies without bounding what they inflate to, so compressed bodies are
 * refused here), and JSON is checked for nesting depth before it is parsed, so nothing downstream (validation,
 * copying, logging) can run out of stack. A non-JSON body is left as text; routes refuse what they cannot use.
 */
export function jsonBodyParser(options: JsonBodyOptions): RequestHandler {
  return async (req: Request, _res: Response) => {
    if (!hasBody(req)) return;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      throw new PublicHttpError(415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted.');
    }
    const text = await readText(req, options.maxBodyBytes);
    req.body = JSON_TYPE.test(req.getContentType()) && text.trim() !== '' ? parseJson(text, options.maxDepth) : text;
  };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

async function readText(req: Request, limit: number): Promise<string> {
  try {
    return await getRawBody(req, { limit, length: req.headers['content-length'], encoding: 'utf8' });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new PublicHttpError(413, 'PayloadTooLarge', `The request body exceeds ${limit} bytes.`);
    if (type === 'request.size.invalid') throw new PublicHttpError(400, 'BadRequest', 'The body is shorter or longer than its Content-Length.');
    throw new PublicHttpError(400, 'BadRequest', 'The request body could not be read.');
  }
}

function parseJson(text: string, maxDepth: number): unknown {
  if (textNestingDepth(text, maxDepth) > maxDepth) {
    throw new PublicHttpError(400, 'BadJson', `The JSON body nests more than ${maxDepth} levels deep.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PublicHttpError(400, 'BadJson', 'The body is not valid JSON.');
  }
}
