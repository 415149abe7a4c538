/**
 * The database a connection string names in its path (`mongodb://host/<db>?options`), or undefined when it names none.
 * Credentials and hosts cannot contain an unencoded '/', so the first '/' after the scheme starts the path.
 */
export function databaseNameFromUri(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name === '' ? undefined : name;
}
