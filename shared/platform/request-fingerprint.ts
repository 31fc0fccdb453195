import { createHash } from 'node:crypto';

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * What a client-chosen id (a saleId, an importId) was first used for: SHA-256 of the request in canonical
 * JSON (keys sorted), so the same request sent again matches and a different one under the same id is
 * told apart (answered 409 `idempotency-key-reused`, as Stripe and Standard Webhooks do). Callers pass
 * only what must match, never a person's identifier in the clear.
 */
export const requestFingerprint = (request: unknown): string => createHash('sha256').update(canonical(request)).digest('base64url');
