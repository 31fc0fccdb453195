import { element } from '../../../element.js';
import { t } from '../../../i18n.js';
import { timeWords } from '../../../masks/store-words.js';
import { failureBox } from '../../view.js';

/** The regions a national admin picks from, in code order (shared/geo/regions.ts). */
export const REGIONS = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '43', '44', '46', '47', '48', '50', '51', '52'];

/** A labelled control, its hint and the place for its error, tied together for screen readers. @param {string} id @param {string} label @param {HTMLElement} control @param {string} [hint] */
export const field = (id, label, control, hint) => {
  const described = [...(hint ? [`${id}-hint`] : []), `${id}-error`].join(' ');
  control.setAttribute('aria-describedby', described);
  return element('div', { class: 'field' }, [
    element('label', { class: 'field-label', for: id }, [label]),
    ...(hint ? [element('p', { class: 'field-hint', id: `${id}-hint` }, [hint])] : []),
    control,
    element('p', { class: 'field-error', id: `${id}-error` }),
  ]);
};

/** @param {string} id @param {readonly string[]} values @param {(v: string) => string} words @param {string} [chosen] */
export const select = (id, values, words, chosen) =>
  element('select', { id, class: 'select-input' }, values.map((value) => element('option', { value, ...(value === chosen ? { selected: '' } : {}) }, [words(value)])));

/** @param {string} id @param {Record<string, string | undefined>} [attributes] */
export const input = (id, attributes = {}) => element('input', { id, class: 'text-input', autocomplete: 'off', ...attributes });

/** A time in Korea, or a dash. @param {string | undefined} iso */
export const when = (iso) => (iso ? timeWords(new Date(iso)) : '—');

/**
 * The API's refusal in words: a sentence for the refusals an official meets (another region's case,
 * a case that is not there), then the API's own reason (web/problem-details.js reads it).
 * @param {unknown} error
 */
export const problemBox = (error) => {
  const status = /** @type {{ httpStatus?: number }} */ (error)?.httpStatus;
  const box = failureBox(error);
  const lead = status === 403 ? 'console.quarantine.forbidden' : status === 404 ? 'console.quarantine.notFound' : status === 409 ? 'console.quarantine.conflict' : undefined;
  if (lead) box.prepend(element('strong', {}, [t(lead)]), ' ');
  box.setAttribute('data-status', String(status ?? ''));
  return box;
};

/**
 * Marks the form's controls the API or the page found wrong, says why under each, and focuses the
 * first; clears the marks of the others.
 * @param {HTMLFormElement} form @param {{ field: string, message: string }[]} problems `field` a control's id
 */
export const showFieldProblems = (form, problems) => {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const error of form.querySelectorAll('.field-error')) error.textContent = '';
  for (const problem of problems) {
    const control = form.querySelector(`#${CSS.escape(problem.field)}`);
    control?.setAttribute('aria-invalid', 'true');
    const error = form.querySelector(`#${CSS.escape(problem.field)}-error`);
    if (error) error.textContent = error.textContent ? `${error.textContent} ${problem.message}` : problem.message;
  }
  const first = problems[0] && form.querySelector(`#${CSS.escape(problems[0].field)}`);
  if (first instanceof HTMLElement) first.focus();
};

/**
 * The API's field names (`body.person.name`) mapped to this page's controls, for a 4xx that names
 * fields; the ones a page has no control for stay in the problem box only.
 * @param {unknown} error @param {Record<string, string>} controls API field prefix → control id
 */
export const apiFieldProblems = (error, controls) => {
  const errors = /** @type {{ problem?: { errors?: { field?: string, message?: string }[] } }} */ (error)?.problem?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e) => {
    const name = String(e.field ?? '');
    const match = Object.keys(controls)
      .filter((prefix) => name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}[`))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [{ field: /** @type {string} */ (controls[match]), message: String(e.message ?? '') }] : [];
  });
};
