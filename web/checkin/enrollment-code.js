/**
 * The enrolment code as the page reads it, before sending: the same alphabet and normalisation as
 * `shared/quarantine/enrollment-code.ts` (a unit test holds the two together), so a mistyped code is
 * named on the phone instead of costing one of the code's few attempts on the server.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CONFUSABLE_SYMBOLS = '01ILOU';
export const CODE_LENGTH = 10;

/**
 * @typedef {{ ok: true, code: string }
 *   | { ok: false, problem: 'wrong-length', length: number }
 *   | { ok: false, problem: 'confusable-symbol' | 'unknown-symbol', symbols: string }} CodeParse
 */

/** @param {string} typed @returns {CodeParse} */
export const parseEnrollmentCode = (typed) => {
  const symbols = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}._]/gu, '');
  const confusable = [...new Set(symbols)].filter((s) => CONFUSABLE_SYMBOLS.includes(s)).join('');
  if (confusable) return { ok: false, problem: 'confusable-symbol', symbols: confusable };
  const unknown = [...new Set(symbols)].filter((s) => !CODE_ALPHABET.includes(s)).join('');
  if (unknown) return { ok: false, problem: 'unknown-symbol', symbols: unknown };
  if (symbols.length !== CODE_LENGTH) return { ok: false, problem: 'wrong-length', length: symbols.length };
  return { ok: true, code: symbols };
};

/**
 * The code of a link's fragment (`#code=ABCDEFGHJK`), or undefined. Read from the fragment only: a
 * fragment is never sent to a server, so no log or proxy ever holds the code.
 * @param {string} hash `location.hash`
 */
export const codeFromFragment = (hash) => {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return code === null || code.trim() === '' ? undefined : code;
};
