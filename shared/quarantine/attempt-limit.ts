/**
 * Failed guesses counted in a fixed window: once `max` fail within `windowSeconds` of the first, the
 * caller waits until that window ends. Pure: counters and now in, a verdict and new counters out.
 */
export interface AttemptWindow {
  readonly failures: number;
  /** ISO time of the window's first failure. */
  readonly since: string;
}

export interface AttemptLimit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** Per code: 5 wrong guesses per 15 minutes, so at most 960 in a code's 48 hours (29.4 bits behind the locator). */
export const PER_CODE: AttemptLimit = { max: 5, windowSeconds: 15 * 60 };
/** Per client: 10 wrong guesses an hour, enough for a person who mistypes, useless for a guesser. */
export const PER_CLIENT: AttemptLimit = { max: 10, windowSeconds: 60 * 60 };

export type AttemptVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const windowEnd = (window: AttemptWindow, limit: AttemptLimit): number => Date.parse(window.since) + limit.windowSeconds * 1000;

export const mayAttempt = (window: AttemptWindow | undefined, limit: AttemptLimit, now: Date): AttemptVerdict => {
  if (!window || now.getTime() >= windowEnd(window, limit) || window.failures < limit.max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd(window, limit) - now.getTime()) / 1000)) };
};

export const afterFailure = (window: AttemptWindow | undefined, limit: AttemptLimit, now: Date): AttemptWindow =>
  !window || now.getTime() >= windowEnd(window, limit) ? { failures: 1, since: now.toISOString() } : { failures: window.failures + 1, since: window.since };
