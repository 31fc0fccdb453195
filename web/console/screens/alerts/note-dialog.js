import { element } from '../../../element.js';
import { t } from '../../../i18n.js';
import { failureBox } from '../../view.js';

/**
 * The acknowledge or resolve dialog: a native modal `<dialog>` (it keeps the focus inside and gives
 * it back on close), a note (required to resolve), and the API's refusal shown inside it.
 * @param {{ verb: 'acknowledge' | 'resolve', summary: string, send: (note: string | undefined) => Promise<void> }} options
 */
export const openNoteDialog = ({ verb, summary, send }) => {
  const required = verb === 'resolve';
  const opener = document.activeElement;
  const note = element('textarea', { id: 'alert-note', class: 'text-area', 'aria-describedby': 'alert-note-hint alert-note-error', ...(required ? { required: '' } : {}) });
  const error = element('p', { id: 'alert-note-error', class: 'field-error' });
  const problem = element('div');
  const confirm = element('button', { type: 'submit', class: 'button' }, [t(`console.alerts.${verb}`)]);
  const cancel = element('button', { type: 'button', class: 'button button-secondary' }, [t('console.cancel')]);
  const form = element('form', { method: 'dialog', class: 'console-form', novalidate: '' }, [
    element('h2', { id: 'alert-dialog-title' }, [t(`console.alerts.${verb}Title`)]),
    element('p', {}, [summary]),
    element('label', { class: 'field-label', for: 'alert-note' }, [t(required ? 'console.alerts.note' : 'console.alerts.noteOptional')]),
    element('p', { id: 'alert-note-hint', class: 'field-hint' }, [t('console.alerts.noteHint')]),
    note,
    error,
    problem,
    element('div', { class: 'form-actions' }, [confirm, cancel]),
  ]);
  const dialog = /** @type {HTMLDialogElement} */ (element('dialog', { class: 'console-dialog', 'aria-labelledby': 'alert-dialog-title' }, [form]));
  const close = () => {
    dialog.close();
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = /** @type {HTMLTextAreaElement} */ (note).value.trim();
    if (required && text === '') {
      error.textContent = t('console.alerts.noteRequired');
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    confirm.setAttribute('disabled', '');
    try {
      await send(text === '' ? undefined : text);
      close();
    } catch (failure) {
      problem.replaceChildren(failureBox(failure));
      confirm.removeAttribute('disabled');
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  note.focus();
};
