import { parseArgs } from 'node:util';
import { ADVISOR_ROLES, type AdvisorRole } from '../bot/advisors/advisorRecords';
import { inviteAdvisor } from '../bot/advisors/signIn/inviteAdvisor';
import { ConfigError, loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { openAdvisorStores, openStore } from '../bot/openStore';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from '../bot/organisations/loadOrganisations';

const USAGE = 'usage: npm run advisor:invite -- --org SLUG --name "NAME" --email EMAIL [--role admin] [--language sv|en] [--base-url URL]';

/**
 * `npm run advisor:invite`: creates or updates an advisor of an organisation (by email) in the bot's store and prints a
 * one-time sign-in link as the last line (valid 72 hours, single use; only its hash is stored). The base URL is
 * --base-url, else PUBLIC_URL.
 */
export async function main(argv: readonly string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        org: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string', default: 'advisor' },
        language: { type: 'string' },
        'base-url': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  if (!values.org) problems.push('--org is required');
  if (!values.name?.trim()) problems.push('--name is required');
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) problems.push('--email must be an email address');
  if (!(ADVISOR_ROLES as readonly string[]).includes(values.role ?? '')) problems.push('--role must be advisor or admin');
  if (values.language && values.language !== 'sv' && values.language !== 'en') problems.push('--language must be sv or en');
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const baseUrl = values['base-url'] ?? config.PUBLIC_URL;
  if (!baseUrl || !/^https?:\/\/[^\s/]+/.test(baseUrl)) problems.push('--base-url (or PUBLIC_URL) must be the bot’s public http(s) address');
  const organisations = loadOrganisationsOrThrow(config.ORGANISATIONS_DIR ?? builtInOrganisationsDir());
  const organisation = organisations.find((o) => o.id === values.org);
  if (values.org && !organisation)
    problems.push(`--org ${values.org} is not one of the organisations (${organisations.map((o) => o.id).join(', ')})`);
  if (problems.length > 0 || !organisation || !baseUrl) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  const store = await openStore(config, createLogger('silent'));
  try {
    const { advisors } = await openAdvisorStores(store);
    const invitation = await inviteAdvisor(
      advisors,
      {
        organisationId: organisation.id,
        name: values.name!.trim(),
        email: values.email!,
        role: values.role as AdvisorRole,
        locale: values.language === 'en' || values.language === 'sv' ? values.language : organisation.defaultLanguage,
      },
      baseUrl,
    );
    console.log(
      `${invitation.advisor.name} <${invitation.advisor.email}> is ${invitation.advisor.role === 'admin' ? 'an admin' : 'an advisor'} of ${organisation.id}.`,
    );
    console.log(`The link signs them in once, until ${invitation.expiresAt.toISOString()}:`);
    console.log(invitation.link);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
