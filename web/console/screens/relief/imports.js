import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { RequestFailure } from '../../../problem-details.js';
import { registerScreen } from '../../registry.js';
import { dataTable, failureBox, section } from '../../view.js';
import './import-messages.js';

/**
 * National admins import the household registry: `POST /v1/admin/households:import` with an importId
 * made here (so asking again after a lost answer gets the same upload URL), a PUT of the file at the
 * upload URL with the headers it names (the local gateway locally, S3 on AWS), then the progress
 * polled until the import is done or failed. The address becomes `#/imports/<importId>`, so a reload
 * follows the same import.
 *
 * @typedef {{ importId: string, status: 'awaiting-upload' | 'running' | 'done' | 'failed', rowsRead: number, upserted: number, rejected: number,
 *   chunks: { total: number | null, done: number }, errors: { row: number, field: string, message: string }[], failure: string | null }} ImportProgress
 */

const POLL_MS = 1500;
const IMPORT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The API's format for a file, from its name; undefined when it is neither. @param {string} name */
export const formatOf = (name) => (/\.csv$/i.test(name) ? 'csv' : /\.(json|jsonl|ndjson)$/i.test(name) ? 'json' : undefined);

const wait = (/** @type {number} */ ms, /** @type {AbortSignal} */ signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });

/** A failure in the official's words where the screen knows better than the API's sentence. @param {unknown} error */
const problemBox = (error) =>
  error instanceof RequestFailure && error.httpStatus === 403 && !(/** @type {{ upload?: boolean }} */ (error).upload) ? element('p', { class: 'console-problem', role: 'alert' }, [t('console.imports.forbidden')]) : failureBox(error);

/**
 * PUTs the file where the API said, with the headers it said. A 412 means a file is already there for
 * this import, which only this import could have put (an earlier try whose answer was lost): uploaded.
 * @param {string} url @param {Record<string, string>} headers @param {File} file @param {AbortSignal} signal
 */
const upload = async (url, headers, file, signal) => {
  let response;
  try {
    response = await fetch(url, { method: 'PUT', headers, body: file, signal, credentials: 'omit' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RequestFailure('unreachable');
  }
  if (response.ok || response.status === 412) return;
  const text = await response.text().catch(() => '');
  /** @type {{ detail?: string, title?: string }} */
  let problem = {};
  try {
    problem = JSON.parse(text);
  } catch {
    // S3 answers XML: no sentence for the reader, the status says enough.
  }
  const ours = !problem.detail && !problem.title;
  if (ours) problem = { detail: t('console.imports.uploadFailed', { status: String(response.status) }) };
  // Marked as the upload's, so a 403 (an expired URL) is not read as the API's refusal of the official.
  throw Object.assign(new RequestFailure('problem', { problem, httpStatus: response.status, detailLanguage: ours ? document.documentElement.lang : 'en' }), { upload: true });
};

/** @param {string} id @param {string} label @param {Node} control @param {string} hint */
const field = (id, label, control, hint) =>
  element('div', { class: 'field' }, [element('label', { class: 'field-label', for: id }, [label]), element('p', { class: 'field-hint', id: `${id}-hint` }, [hint]), control]);

registerScreen({
  id: 'imports',
  title: 'console.imports.title',
  roles: ['national-admin'],
  async load(container, { api, announce, signal, path }) {
    const input = element('input', { type: 'file', id: 'import-file', class: 'file-input', accept: '.csv,.json,.jsonl,.ndjson,text/csv,application/json', 'aria-describedby': 'import-file-hint' });
    const start = element('button', { type: 'submit', class: 'button' }, [t('console.imports.startButton')]);
    const formProblem = element('div', { 'data-import-problem': '' });
    const form = element('form', { class: 'console-form', novalidate: '' }, [
      field('import-file', t('console.imports.file'), input, t('console.imports.fileHint')),
      formProblem,
      element('div', { class: 'form-actions' }, [start]),
    ]);
    const status = element('p', { role: 'status', id: 'import-status', 'data-import-status': '' });
    const bar = element('progress', { max: '1', value: '0', 'aria-labelledby': 'import-status', hidden: '' });
    const progressBox = element('div', { 'data-import-progress': '' });
    const progressSection = section('imports-progress-title', t('console.imports.progress.title'), [status, bar, progressBox]);
    progressSection.hidden = true;
    container.append(element('p', {}, [t('console.imports.intro')]), section('imports-start-title', t('console.imports.start.title'), [form]), progressSection);

    /** @param {ImportProgress} progress */
    const show = (progress) => {
      progressSection.hidden = false;
      const total = progress.chunks.total;
      const finished = progress.status === 'done' || progress.status === 'failed';
      bar.hidden = false;
      bar.setAttribute('max', String(Math.max(total ?? 1, 1)));
      bar.setAttribute('value', String(finished ? Math.max(total ?? 1, 1) : progress.chunks.done));
      const words =
        progress.status === 'done'
          ? t('console.imports.done', { upserted: formatNumber(progress.upserted), rejected: formatNumber(progress.rejected) })
          : t(`console.imports.status.${progress.status}`);
      if (status.textContent !== words) status.textContent = words;
      const chunks =
        total === null ? t('console.imports.chunksUnknown', { done: formatNumber(progress.chunks.done) }) : t('console.imports.chunksOf', { done: formatNumber(progress.chunks.done), total: formatNumber(total) });
      const parts = [
        element('p', { class: 'field-hint' }, [t('console.imports.id', { importId: progress.importId })]),
        element(
          'dl',
          { class: 'import-counts' },
          /** @type {[string, string, string][]} */ ([
            ['state', t('console.imports.status'), t(`console.imports.status.${progress.status}`)],
            ['chunks', t('console.imports.chunks'), chunks],
            ['rows-read', t('console.imports.rowsRead'), formatNumber(progress.rowsRead)],
            ['upserted', t('console.imports.upserted'), formatNumber(progress.upserted)],
            ['rejected', t('console.imports.rejected'), formatNumber(progress.rejected)],
          ]).flatMap(([name, term, value]) => [element('dt', {}, [term]), element('dd', { 'data-import-count': name }, [value])]),
        ),
      ];
      if (progress.status === 'failed' && progress.failure) {
        parts.push(element('p', { class: 'console-problem', role: 'alert' }, [t('console.imports.failed'), element('span', { lang: 'en' }, [progress.failure])]));
      }
      if (progress.errors.length > 0) {
        parts.push(
          dataTable({
            caption: t('console.imports.errors'),
            className: 'import-errors',
            columns: [t('console.imports.row'), t('console.imports.field'), t('console.imports.message')],
            // The API's reasons are English; the numbers themselves are never in them.
            rows: progress.errors.map((e) => [formatNumber(e.row), element('code', {}, [e.field]), element('span', { lang: 'en' }, [e.message])]),
          }),
        );
      }
      progressBox.replaceChildren(...parts);
    };

    /** Polls until done or failed, or until the official leaves the screen. @param {string} importId */
    const follow = async (importId) => {
      progressSection.hidden = false;
      let lost = false;
      while (!signal.aborted) {
        try {
          /** @type {ImportProgress} */
          const progress = await api.get(`/v1/admin/households/imports/${encodeURIComponent(importId)}`, { signal });
          lost = false;
          show(progress);
          if (progress.status === 'done' || progress.status === 'failed') {
            announce(progress.status === 'done' ? status.textContent ?? '' : `${t('console.imports.failed')}${progress.failure ?? ''}`);
            return;
          }
        } catch (error) {
          if (signal.aborted) return;
          // A 4xx will not get better by asking again; a lost answer may.
          if (error instanceof RequestFailure && error.kind === 'problem' && error.httpStatus < 500) {
            progressBox.replaceChildren(problemBox(error));
            status.textContent = '';
            return;
          }
          if (!lost) status.textContent = t('console.imports.lost');
          lost = true;
        }
        await wait(POLL_MS, signal);
      }
    };

    /** @param {string} key @param {Record<string, string>} [values] */
    const refuse = (key, values) => {
      formProblem.replaceChildren(element('p', { class: 'field-error', role: 'alert', id: 'import-form-error' }, [t(key, values)]));
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'import-file-hint import-form-error');
      input.focus();
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      formProblem.replaceChildren();
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'import-file-hint');
      const file = /** @type {HTMLInputElement} */ (input).files?.[0];
      if (!file) return refuse('console.imports.pick');
      const format = formatOf(file.name);
      if (!format) return refuse('console.imports.badFormat', { name: file.name });
      if (file.size === 0) return refuse('console.imports.empty', { name: file.name });

      const importId = crypto.randomUUID();
      start.setAttribute('disabled', '');
      progressSection.hidden = false;
      progressBox.replaceChildren();
      bar.hidden = true;
      status.textContent = t('console.imports.starting');
      try {
        /** @type {{ importId: string, uploadUrl: string, uploadHeaders: Record<string, string> }} */
        let started;
        // The same importId and body again is answered with the first answer: safe to ask twice.
        try {
          started = await api.post('/v1/admin/households:import', { importId, format }, { signal });
        } catch (error) {
          if (!(error instanceof RequestFailure && error.kind === 'unreachable')) throw error;
          started = await api.post('/v1/admin/households:import', { importId, format }, { signal });
        }
        status.textContent = t('console.imports.uploading', { name: file.name });
        try {
          await upload(started.uploadUrl, started.uploadHeaders, file, signal);
        } catch (error) {
          if (!(error instanceof RequestFailure && error.kind === 'unreachable')) throw error;
          await upload(started.uploadUrl, started.uploadHeaders, file, signal);
        }
        /** @type {HTMLFormElement} */ (form).reset();
        // Not a hashchange: the screen stays, and a reload follows this import.
        window.history.replaceState(null, '', `#/imports/${encodeURIComponent(importId)}`);
        await follow(importId);
      } catch (error) {
        if (signal.aborted) return;
        status.textContent = '';
        formProblem.replaceChildren(problemBox(error));
      } finally {
        start.removeAttribute('disabled');
      }
    });

    if (IMPORT_ID.test(path)) await follow(path);
  },
});
