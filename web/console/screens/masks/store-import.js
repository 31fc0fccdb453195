import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, failureBox } from '../../view.js';

/**
 * Starting a store import from a file and following it: the import runs inside its POST, so the
 * screen polls `GET /v1/admin/imports/{importId}` meanwhile (the id is chosen here, so it can), and
 * shows the outcome and every refused row when the POST answers.
 *
 * @typedef {{ importId: string, status: 'running' | 'done', total: number, processed: number, created: number, updated: number, rejected: number, errors: { row: number, code: string | null, field: string, message: string }[] }} ImportProgress
 */

/** An id the API accepts (8–64 letters, digits, dashes), new each time. */
export const newImportId = () => `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** @param {string} name @param {string} text */
export const importBodyOf = (name, text) => {
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(text);
  return { body: text, contentType: json ? 'application/json' : 'text/csv' };
};

/** @param {ImportProgress} progress */
const progressWords = (progress) =>
  progress.status === 'done'
    ? t('console.masks.import.done', { created: formatNumber(progress.created), updated: formatNumber(progress.updated), rejected: formatNumber(progress.rejected) })
    : t('console.masks.import.running', { processed: formatNumber(progress.processed), total: formatNumber(progress.total) });

/**
 * @param {HTMLElement} container
 * @param {import('../../registry.js').ScreenContext} context
 */
export const showStoreImport = (container, { api, announce, signal }) => {
  const input = element('input', { type: 'file', id: 'import-file', accept: '.csv,.json,text/csv,application/json', class: 'file-input' });
  const start = element('button', { type: 'submit', class: 'button' }, [t('console.masks.import.start')]);
  const bar = element('progress', { max: '1', value: '0', 'aria-labelledby': 'import-progress-label', hidden: '' });
  const status = element('p', { id: 'import-progress-label', role: 'status' });
  const outcome = element('div');
  const form = element('form', { class: 'console-form', novalidate: '' }, [
    element('label', { class: 'field-label', for: 'import-file' }, [t('console.masks.import.file')]),
    input,
    element('div', { class: 'form-actions' }, [start]),
  ]);
  container.append(element('p', {}, [t('console.masks.import.intro')]), form, bar, status, outcome);

  /** @param {ImportProgress} progress */
  const show = (progress) => {
    bar.hidden = false;
    bar.setAttribute('max', String(Math.max(progress.total, 1)));
    bar.setAttribute('value', String(progress.status === 'done' ? Math.max(progress.total, 1) : progress.processed));
    status.textContent = progressWords(progress);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const file = /** @type {HTMLInputElement} */ (input).files?.[0];
    if (!file) {
      status.textContent = t('console.masks.import.pick');
      input.focus();
      return;
    }
    const importId = newImportId();
    const { body, contentType } = importBodyOf(file.name, await file.text());
    start.setAttribute('disabled', '');
    let finished = false;
    const poll = async () => {
      while (!finished && !signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (finished) return;
        const progress = await api.get(`/v1/admin/imports/${importId}`, { signal }).catch(() => undefined);
        if (progress && !finished) show(progress);
      }
    };
    void poll();
    try {
      /** @type {ImportProgress} */
      const done = await api.post(`/v1/admin/stores:import?importId=${importId}`, body, { contentType, signal });
      finished = true;
      show(done);
      announce(progressWords(done));
      outcome.append(element('p', { class: 'field-hint' }, [t('console.masks.import.id', { importId })]));
      if (done.errors.length > 0) {
        outcome.append(
          dataTable({
            caption: t('console.masks.import.errors'),
            columns: [t('console.masks.import.row'), t('console.masks.key.code'), t('console.masks.import.field'), t('console.masks.import.message')],
            rows: done.errors.map((e) => [formatNumber(e.row), e.code ?? '—', e.field, e.message]),
            numeric: [0],
          }),
        );
      }
    } catch (error) {
      finished = true;
      if (!signal.aborted) outcome.replaceChildren(failureBox(error));
    } finally {
      start.removeAttribute('disabled');
    }
  });
};
