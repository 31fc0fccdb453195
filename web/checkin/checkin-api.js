/**
 * The device's side of the self-quarantine API (quarantine-api.md): enrol, status, check-ins, positions.
 * Every call answers an outcome instead of throwing, so the outbox can tell "try again later"
 * (unreachable, 5xx, 429) from "never again" (401: the token ended) and "drop it" (409, other 4xx).
 */

/**
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, errors?: { field: string, message: string }[] }} Problem
 * @typedef {{ kind: 'ok', status: number, body: any }
 *   | { kind: 'unreachable' }
 *   | { kind: 'problem', status: number, problem: Problem, retryAfterSeconds?: number }} Outcome
 */

/**
 * @param {string} method
 * @param {string} path
 * @param {{ token?: string, body?: unknown }} [options]
 * @returns {Promise<Outcome>}
 */
const call = async (method, path, { token, body } = {}) => {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json, application/problem+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    return { kind: 'unreachable' };
  }
  /** @type {any} */
  const answer = await response.json().catch(() => undefined);
  if (response.ok) return { kind: 'ok', status: response.status, body: answer };
  // A gateway that cannot reach the API answers 502–504 with its own page: the same as unreachable.
  const problem = typeof answer === 'object' && answer !== null ? /** @type {Problem} */ (answer) : {};
  const retryAfter = Number(response.headers.get('retry-after'));
  return { kind: 'problem', status: response.status, problem, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
};

/** @param {string} enrollmentCode */
export const enroll = (enrollmentCode) => call('POST', '/v1/quarantine/enroll', { body: { enrollmentCode } });

/** @param {string} token */
export const getMe = (token) => call('GET', '/v1/quarantine/me', { token });

/** @param {string} token @param {Record<string, unknown>} checkin */
export const submitCheckin = (token, checkin) => call('POST', '/v1/quarantine/checkins', { token, body: checkin });

/** @param {string} token @param {Record<string, unknown>} batch */
export const submitPositions = (token, batch) => call('POST', '/v1/quarantine/positions', { token, body: batch });
