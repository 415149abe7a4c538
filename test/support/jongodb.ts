import { jongodbUnavailable } from '../../scripts/mongoTestServer';

export { jongodbBinary, jongodbUnavailable, startJongodb, type Jongodb } from '../../scripts/mongoTestServer';

/** `describe` for tests that need the test server; where it is missing, the block is skipped and its name says why. */
export function describeWithJongodb(name: string, tests: () => void): void {
  if (jongodbUnavailable) describe.skip(`${name} [skipped: ${jongodbUnavailable}]`, tests);
  else describe(name, tests);
}
