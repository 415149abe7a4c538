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
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', DATA_DIR: './data' });
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
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    const problems = problemsOf(env as Record<string, string>);
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
