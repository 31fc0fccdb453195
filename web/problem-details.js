/**
 * Reading an API answer that may be an RFC 9457 problem (`application/problem+json`). Every page that
 * calls the API shows the problem's `detail` to the reader, so the reading is done once, here.
 */

/**
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string }} Problem
 */

/** A request that did not give the answer asked for: the API said why, or it could not be reached. */
export class RequestFailure extends Error {
  /**
   * @param {'problem' | 'unreachable'} kind
   * @param {{ problem?: Problem, httpStatus?: number, detailLanguage?: string }} [details]
   */
  constructor(kind, { problem = {}, httpStatus = 0, detailLanguage = 'en' } = {}) {
    super(problem.detail ?? problem.title ?? kind);
    this.name = 'RequestFailure';
    this.kind = kind;
    this.problem = problem;
    this.httpStatus = httpStatus;
    this.detailLanguage = detailLanguage;
  }

  /** The sentence to show: the problem's detail, else its title; empty when the API said nothing useful. */
  get reason() {
    const { detail, title } = this.problem;
    if (typeof detail === 'string' && detail !== '') return detail;
    return typeof title === 'string' ? title : '';
  }
}

/**
 * GETs `path` as JSON. Resolves with the body of a 2xx answer; rejects with a `RequestFailure` for
 * anything else, and with the caller's `AbortError` when `signal` aborts.
 * @param {string} path
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<unknown>}
 */
export const getJson = async (path, { signal } = {}) => {
  let response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json, application/problem+json' },
      // Revalidate rather than trust the browser's copy: whoever asks again wants the newest stock.
      cache: 'no-cache',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestFailure('unreachable');
  }
  /** @type {unknown} */
  const body = await response.json().catch(() => undefined);
  if (response.ok && body !== undefined) return body;
  const problem = typeof body === 'object' && body !== null ? /** @type {Problem} */ (body) : {};
  throw new RequestFailure('problem', {
    problem,
    httpStatus: response.status,
    // The API writes its details in English unless it says otherwise; marking the language lets a
    // screen reader read an English reason on a Korean page with the right voice.
    detailLanguage: response.headers.get('content-language')?.split(',')[0]?.trim() || 'en',
  });
};
