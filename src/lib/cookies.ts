/** Reading a Cookie header and writing Set-Cookie values (RFC 6265), for the few cookies the service sets. */

/** The value of cookie `name` in a Cookie request header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  maxAgeSeconds: number;
  secure: boolean;
}

/**
 * A Set-Cookie value that scripts cannot read (HttpOnly), that no other site's page can make the
 * browser send (SameSite=Strict), sent back only to `path`. maxAgeSeconds 0 deletes it.
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAgeSeconds}; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`;
}
