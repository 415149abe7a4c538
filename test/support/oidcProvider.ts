import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Who may sign in at the local provider, by the login typed on its page. */
export interface ProviderAccount {
  readonly email: string;
  readonly email_verified: boolean;
  readonly tid: string;
  readonly oid: string;
  readonly name: string;
}

export interface LocalOpenIdProvider {
  readonly issuer: string;
  stop(): Promise<void>;
}

/** Starts test/support/oidcProvider.mjs (a real oidc-provider on 127.0.0.1) and resolves once it listens. */
export async function startOpenIdProvider(settings: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, ProviderAccount>;
}): Promise<LocalOpenIdProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidcProvider.mjs'), JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OIDC_ISSUER=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}):\n${output}`)));
  });
  return {
    issuer,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
