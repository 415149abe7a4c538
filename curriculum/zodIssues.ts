import type { z } from 'zod';

/**
 * How the project reports zod problems, everywhere (configuration, content files, stored documents, requests).
 * It lives in curriculum/, the lowest layer, so that every other layer may use it.
 */

/** `lessons[2].steps[0].text` for ['lessons', 2, 'steps', 0, 'text']. */
export function zodIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** One "path: message" line per problem; `root` names the value itself when the problem is about all of it. */
export function zodIssueLines(error: z.ZodError, root: string): string[] {
  return error.issues.map((issue) => `${zodIssuePath(issue.path) || root}: ${issue.message}`);
}
