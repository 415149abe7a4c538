/** A page or file the bot answered. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  /** The body as sent (text() drops a UTF-8 byte order mark). */
  readonly bytes: Buffer;
  readonly headers: Headers;
}

/**
 * An advisor's browser without the browser: real HTTP against the bot, keeping the cookies it sets (by name), sending
 * Origin with every POST as browsers do, and the CSRF token of the last page it read.
 */
export class AdvisorClient {
  readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(readonly baseUrl: string) {}

  /** Opens a one-time sign-in link (GET shows the form, which posts the token), as the page's script does. */
  async signIn(link: string): Promise<Answer> {
    const page = await this.get(link.replace(/^https?:\/\/[^/]+/, ''));
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) return page;
    return this.post('/advisor/sign-in', { token }, { follow: true });
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const answer = await this.request('GET', path, undefined, headers);
    const csrf = /name="csrf" value="([^"]+)"/.exec(answer.text)?.[1];
    if (csrf) this.csrf = csrf;
    return answer;
  }

  /** A form POST with the last page's CSRF token (unless `csrf` is given); follows a 303 like a browser when asked. */
  async post(path: string, form: Record<string, string>, options: { csrf?: string; origin?: string; follow?: boolean } = {}): Promise<Answer> {
    const body = new URLSearchParams({ csrf: options.csrf ?? this.csrf, ...form }).toString();
    const answer = await this.request('POST', path, body, {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: options.origin ?? this.baseUrl,
    });
    const location = answer.headers.get('location');
    if (options.follow && answer.status === 303 && location) return this.get(location.replace(this.baseUrl, ''));
    return answer;
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, text: bytes.toString('utf8').replace(/^\uFEFF/, ''), bytes, headers: response.headers };
  }
}
