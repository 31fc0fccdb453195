import { createHmac, randomBytes } from 'node:crypto';

/**
 * People's identifiers and bearer credentials are stored only as HMAC-SHA256 under a secret pepper:
 * equal inputs still match (duplicate-purchase checks, key lookups), but a leaked table reveals nothing
 * that a dictionary of 10^13 resident numbers could reverse without the pepper.
 */
export const keyedHash = (pepper: string, value: string): string =>
  createHmac('sha256', pepper).update(value, 'utf8').digest('base64url');

/** A fresh bearer secret: 32 random bytes, URL-safe, with a prefix that says what it is. */
export const newBearerSecret = (prefix: 'sk' | 'dt'): string => `${prefix}_${randomBytes(32).toString('base64url')}`;
