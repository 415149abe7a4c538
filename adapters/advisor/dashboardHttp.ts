import { randomBytes } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'restify';

/** The session cookie of a web sign-in (SameSite=Lax) and of a Teams tab sign-in (framed by Teams: SameSite=None, partitioned). */
export const SESSION_COOKIE = 'svc_advisor';
export const TAB_SESSION_COOKIE = 'svc_advisor_tab';
/** The state of an Entra sign-in under way, bound to this browser. */
export const OIDC_STATE_COOKIE = 'svc_advisor_oidc';

/**
 * Hosts that may frame the Teams tab: Teams on the web and in the desktop and mobile clients, and the Microsoft 365
 * hosts that run Teams apps (Outlook, microsoft365.com), as Microsoft documents them for tab content security policies.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
] as const;

/** Who may frame a page: nobody, or Teams (the tab, and pages of a session started in it). */
export type Framing = 'none' | 'teams';

/** The dashboard's CSP: scripts and styles only by this response's nonce, forms only to this origin. */
export function dashboardContentSecurityPolicy(nonce: string, framing: Framing): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framing === 'teams' ? TEAMS_FRAME_ANCESTORS.join(' ') : "'none'"}`,
  ].join('; ');
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function sendHtml(
  res: Response,
  status: number,
  html: string,
  nonce: string,
  framing: Framing = 'none',
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': dashboardContentSecurityPolicy(nonce, framing),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...(framing === 'none' ? { 'X-Frame-Options': 'DENY' } : {}),
    ...headers,
  });
  res.end(html);
}

export function redirect(res: Response, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export function cookiesOf(req: Request): Record<string, string | undefined> {
  return parse(String(req.headers.cookie ?? ''));
}

export interface CookieSettings {
  /** Secure cookies: whenever PUBLIC_URL is https. */
  readonly secure: boolean;
}

/** Set-Cookie for a dashboard session (HttpOnly, Path=/advisor, no Max-Age: the server ends it). */
export function sessionCookie(name: string, value: string, settings: CookieSettings): string {
  if (name === TAB_SESSION_COOKIE) {
    // Inside Teams the page is a third-party frame: only a Secure, SameSite=None, partitioned cookie reaches it.
    return serialize(name, value, { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/advisor' });
  }
  return serialize(name, value, { httpOnly: true, secure: settings.secure, sameSite: 'lax', path: '/advisor' });
}

export function clearedCookie(name: string, settings: CookieSettings): string {
  const tab = name === TAB_SESSION_COOKIE;
  return serialize(name, '', {
    httpOnly: true,
    secure: tab || settings.secure,
    sameSite: tab ? 'none' : 'lax',
    ...(tab ? { partitioned: true } : {}),
    path: '/advisor',
    expires: new Date(0),
  });
}

/** A short-lived cookie for the Entra state (Lax, so it comes back with the top-level redirect from Entra). */
export function stateCookie(value: string, settings: CookieSettings): string {
  return serialize(OIDC_STATE_COOKIE, value, { httpOnly: true, secure: settings.secure, sameSite: 'lax', path: '/advisor/entra', maxAge: 600 });
}

/**
 * A form field of a urlencoded body, as text ('' when absent). The server's body reader parses JSON only and leaves
 * any other body as its text, so the form is decoded here.
 */
export function formField(req: Request, name: string): string {
  const body: unknown = req.body;
  if (typeof body === 'string')
    return /^application\/x-www-form-urlencoded$/i.test(req.getContentType()) ? (new URLSearchParams(body).get(name) ?? '') : '';
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

export function queryOf(req: Request): URLSearchParams {
  return new URLSearchParams(req.getQuery());
}

/**
 * Whether a state-changing request comes from a page of this origin: browsers send Origin with every form POST (and
 * Sec-Fetch-Site); a request that names another site is refused whatever its CSRF token.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return site !== undefined || origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
