import { ConfigError, loadConfig } from '../../bot/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
}

describe('configuration', () => {
  it('runs with no settings at all: port 3978 on localhost, the file store in ./data, no keys', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', DATA_DIR: './data', MONGODB_TIMEOUT_MS: 4000, MONGODB_REQUEST_TIMEOUT_MS: 5000 });
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://localhost/db' }, 'MONGODB_URI'],
    [{ MicrosoftAppType: 'Anonymous' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, 'MicrosoftAppTenantId'],
    [{ WEBCHAT_TOKEN_SECRET: 'short' }, 'WEBCHAT_TOKEN_SECRET'],
    [{ MONGODB_TIMEOUT_MS: 'soon' }, 'MONGODB_TIMEOUT_MS'],
    [{ MONGODB_TIMEOUT_MS: '120000' }, 'MONGODB_TIMEOUT_MS'],
    [{ MONGODB_REQUEST_TIMEOUT_MS: '0' }, 'MONGODB_REQUEST_TIMEOUT_MS'],
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });

  it('lets a closed production deployment run without an app id only when told explicitly', () => {
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_UNAUTHENTICATED_CHANNELS: 'true' }).NODE_ENV).toBe('production');
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ MONGODB_URI: '', MicrosoftAppId: '  ' });
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.MicrosoftAppId).toBeUndefined();
  });
});

describe('Bot Framework registration rules', () => {
  const APP_ID = '00000000-0000-0000-0000-000000000001';
  const TENANT_ID = '00000000-0000-0000-0000-0000000000aa';

  it.each([
    ['SingleTenant', { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID }],
    ['default (SingleTenant)', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID }],
    [
      'UserAssignedMSI (the identity client id, no password)',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID },
    ],
    ['MultiTenant (existing registrations)', { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }],
  ])('accepts a complete %s registration', (_name, env) => {
    expect(problemsOf(env)).toEqual([]);
  });

  it.each([
    [
      'a SingleTenant app without a password',
      { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID },
      'MicrosoftAppPassword: is required for a SingleTenant app',
    ],
    [
      'a MultiTenant app without a password',
      { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID },
      'MicrosoftAppPassword: is required for a MultiTenant app',
    ],
    [
      'a UserAssignedMSI app without a tenant id',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID },
      'MicrosoftAppTenantId: is required for a UserAssignedMSI app',
    ],
    [
      'a UserAssignedMSI app with a password',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret' },
      'MicrosoftAppPassword: must not be set for a UserAssignedMSI app',
    ],
    [
      'a password without an app id',
      { MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID },
      'MicrosoftAppId: is required when MicrosoftAppPassword is set',
    ],
  ])('refuses %s, naming the variable', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('refuses to start in production without an app id, naming MicrosoftAppId and the way out', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /MicrosoftAppId: is required in production \(or set ALLOW_UNAUTHENTICATED_CHANNELS=true for a closed test deployment\)/,
    );
  });

  it('runs in production with a complete registration', () => {
    const config = loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID });
    expect(config).toMatchObject({ NODE_ENV: 'production', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID });
  });
});
