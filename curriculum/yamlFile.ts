import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { zodIssuePath } from './zodIssues';

/** One problem in one data file (content, organisation): which file, where inside it, and what is wrong. */
export interface ContentError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export function formatContentError(error: ContentError): string {
  return `${error.file}: ${error.path ? `${error.path}: ` : ''}${error.message}`;
}

/** A file's path as a person finds it: relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}

/**
 * Reads a YAML file and validates it against `schema`. Every YAML syntax error and every schema problem is pushed
 * to `errors` (file, path inside the file, message); the parsed value is returned only when there were none.
 */
export function parseYamlFile<S extends z.ZodType>(file: string, schema: S, errors: ContentError[]): z.output<S> | undefined {
  const shownAs = displayPath(file);
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    document.errors.forEach((e) => errors.push({ file: shownAs, path: '', message: `YAML: ${e.message.split('\n')[0]}` }));
    return undefined;
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    result.error.issues.forEach((issue) => errors.push({ file: shownAs, path: zodIssuePath(issue.path), message: issue.message }));
    return undefined;
  }
  return result.data;
}
