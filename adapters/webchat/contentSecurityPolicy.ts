/**
 * SHA-256 of the empty string. Web Chat 4.18 does not hand its nonce to react-scroll-to-bottom, which inserts empty
 * style elements without one and then fills them through CSSOM (not subject to CSP); allowing exactly "empty" keeps
 * the transcript's scroll styles without 'unsafe-inline'.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The chat page's CSP: only this origin, plus its own scripts and style by nonce (Web Chat gets the same nonce for the
 * style elements it inserts); card images from any https host; framed only by the bot's own pages and the
 * organisation's websites.
 */
export function chatPageContentSecurityPolicy(nonce: string, allowedOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${["'self'", ...allowedOrigins].join(' ')}`,
  ].join('; ');
}

/** The demo page's CSP: its own style by nonce, the embed script from this origin, and the chat frame from it. */
export function demoPageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
