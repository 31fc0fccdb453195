import { RequestFailure } from '../problem-details.js';

/**
 * The console's one way to the API: it sends the official's token, reads problem+json into a
 * `RequestFailure` (its `detail` shown to the reader), and on 401 (a token expired or an official
 * disabled) ends the session so the shell returns to sign-in.
 *
 * @typedef {{
 *   get: (path: string, options?: { signal?: AbortSignal }) => Promise<any>,
 *   post: (path: string, body?: unknown, options?: { signal?: AbortSignal, contentType?: string }) => Promise<any>,
 *   delete: (path: string, options?: { signal?: AbortSignal }) => Promise<any>,
 *   text: (path: string, options?: { signal?: AbortSignal, accept?: string }) => Promise<{ text: string, headers: Headers }>,
 * }} ConsoleApi
 */

/**
 * @param {{ token: () => string | undefined, onUnauthorized: (failure: RequestFailure) => void, request?: typeof fetch, language?: () => string }} options
 * @returns {ConsoleApi}
 */
export const createApi = ({ token, onUnauthorized, request = (...args) => fetch(...args), language = () => document.documentElement.lang }) => {
  /** @param {string} method @param {string} path @param {{ body?: unknown, signal?: AbortSignal, contentType?: string, accept?: string, raw?: boolean }} options */
  const send = async (method, path, { body, signal, contentType, accept, raw } = {}) => {
    /** @type {Record<string, string>} */
    const headers = { accept: accept ?? 'application/json, application/problem+json', 'accept-language': language() || 'ko' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let payload;
    if (body !== undefined) {
      headers['content-type'] = contentType ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await request(path, { method, headers, body: payload, signal, cache: 'no-store' });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new RequestFailure('unreachable');
    }
    const text = await response.text();
    // A download (CSV) is the text itself, with the headers that say where its next page is.
    if (raw && response.ok) return { text, headers: response.headers };
    /** @type {unknown} */
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed;
    const failure = new RequestFailure('problem', {
      problem: typeof parsed === 'object' && parsed !== null ? parsed : {},
      httpStatus: response.status,
      detailLanguage: response.headers.get('content-language')?.split(',')[0]?.trim() || 'en',
    });
    if (response.status === 401) onUnauthorized(failure);
    throw failure;
  };
  return {
    get: (path, options) => send('GET', path, options),
    post: (path, body, options) => send('POST', path, { ...options, body }),
    delete: (path, options) => send('DELETE', path, options),
    text: (path, options) => send('GET', path, { ...options, raw: true }),
  };
};
