import { element } from '../../../element.js';
import { currentLanguage, formatTime, t } from '../../../i18n.js';
import { registerScreen } from '../../registry.js';
import { dataTable, failureBox, section } from '../../view.js';
import './partner-messages.js';

/** As the API checks it (shared/relief/partner-secrets.ts). */
const PARTNER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** @param {string | undefined | null} iso */
const when = (iso) => (iso ? formatTime(new Date(iso)) : t('console.partners.never'));
/** Short, for the table's cells on a phone. @param {string | undefined | null} iso */
const shortly = (iso) => (iso ? new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : t('console.partners.never'));

/**
 * A new secret, shown once: the API keeps it only in Secrets Manager and never answers it again, so
 * this box is the one place the official sees it. It goes when they say it was handed over.
 * @param {{ partnerId: string, secret: string, acceptedFrom: string, previousValidUntil?: string | null }} issued
 * @param {(text: string) => void} announce
 * @param {() => void} dismiss
 */
const secretBox = (issued, announce, dismiss) => {
  const output = element('output', { class: 'issued-key', id: 'partner-secret', 'aria-labelledby': 'partner-secret-label', 'data-partner-secret': issued.partnerId }, [issued.secret]);
  const copied = element('p', { role: 'status', 'data-copy-status': '' });
  const copy = element('button', { type: 'button', class: 'button' }, [t('console.partners.copy')]);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      copied.textContent = t('console.partners.copied');
      announce(t('console.partners.copied'));
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is selected for the keyboard.
      const range = document.createRange();
      range.selectNodeContents(output);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      copied.textContent = t('console.partners.copyFailed');
    }
  });
  const done = element('button', { type: 'button', class: 'button button-secondary' }, [t('console.partners.done')]);
  done.addEventListener('click', dismiss);
  return element('div', { class: 'console-ok', 'data-issued': '' }, [
    element('p', { id: 'partner-secret-label' }, [element('strong', {}, [t('console.partners.secretFor', { partnerId: issued.partnerId })])]),
    output,
    element('p', {}, [element('strong', {}, [t('console.partners.once')])]),
    element('div', { class: 'form-actions' }, [copy, done]),
    copied,
    element('p', {}, [t('console.partners.acceptedFrom', { time: when(issued.acceptedFrom) })]),
    ...(issued.previousValidUntil ? [element('p', {}, [t('console.partners.previousUntil', { time: when(issued.previousValidUntil) })])] : []),
  ]);
};

/** @param {string} id @param {string} label @param {Node} control @param {string} [hint] */
const field = (id, label, control, hint) =>
  element('div', { class: 'field' }, [element('label', { class: 'field-label', for: id }, [label]), ...(hint ? [element('p', { class: 'field-hint', id: `${id}-hint` }, [hint])] : []), control]);

/** National admins: the card companies, adding one, rotating a secret (each new secret shown once). */
registerScreen({
  id: 'partners',
  title: 'console.partners.title',
  roles: ['national-admin'],
  async load(container, { api, announce, signal }) {
    const listBox = element('div', { 'data-partners': '' });
    const issuedBox = element('div', { 'data-issued-box': '' });
    const formProblem = element('div');
    const partnerId = element('input', { id: 'partner-id', class: 'text-input', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'partner-id-hint' });
    const name = element('input', { id: 'partner-name', class: 'text-input', autocomplete: 'off' });
    const form = element('form', { class: 'console-form', novalidate: '' }, [
      field('partner-id', t('console.partners.id'), partnerId, t('console.partners.idHint')),
      field('partner-name', t('console.partners.name'), name),
      formProblem,
      element('div', { class: 'form-actions' }, [element('button', { type: 'submit', class: 'button' }, [t('console.partners.addButton')])]),
    ]);
    container.append(
      element('p', {}, [t('console.partners.intro')]),
      issuedBox,
      section('partners-list-title', t('console.partners.list'), [listBox]),
      section('partners-add-title', t('console.partners.add'), [form]),
    );

    /** @param {Parameters<typeof secretBox>[0]} issued */
    const show = (issued) => {
      issuedBox.replaceChildren(secretBox(issued, announce, () => issuedBox.replaceChildren()));
      /** @type {HTMLElement | null} */ (issuedBox.querySelector('#partner-secret-label'))?.setAttribute('tabindex', '-1');
      /** @type {HTMLElement | null} */ (issuedBox.querySelector('#partner-secret-label'))?.focus();
    };

    /** @param {any} partner */
    const rotateButton = (partner) => {
      const button = element('button', { type: 'button', class: 'button button-secondary', 'aria-label': t('console.partners.rotateLabel', { partnerId: partner.partnerId }), 'data-rotate': partner.partnerId }, [t('console.partners.rotate')]);
      button.addEventListener('click', async () => {
        if (!window.confirm(t('console.partners.rotateConfirm', { partnerId: partner.partnerId }))) return;
        button.setAttribute('disabled', '');
        try {
          const rotated = await api.post(`/v1/admin/partners/${encodeURIComponent(partner.partnerId)}:rotate-secret`, undefined, { signal });
          show(rotated);
          announce(t('console.partners.rotated.announce', { partnerId: partner.partnerId }));
          await showList();
        } catch (error) {
          listBox.prepend(failureBox(error));
          button.removeAttribute('disabled');
        }
      });
      return button;
    };

    const showList = async () => {
      try {
        const { items } = await api.get('/v1/admin/partners', { signal });
        if (items.length === 0) return listBox.replaceChildren(element('p', {}, [t('console.partners.none')]));
        listBox.replaceChildren(
          dataTable({
            caption: t('console.partners.list'),
            className: 'partners-table',
            // When added and rotated share a column, so the table fits a phone.
            columns: [t('console.partners.id'), t('console.partners.name'), t('console.partners.history'), t('console.partners.secrets'), ''],
            rows: items.map((/** @type {any} */ p) => [
              p.partnerId,
              p.name,
              element('span', { class: 'partner-history' }, [
                element('span', {}, [t('console.partners.addedAt', { time: shortly(p.addedAt) })]),
                element('span', {}, [t('console.partners.rotatedAt', { time: shortly(p.rotatedAt) })]),
              ]),
              p.validSecrets === 2 ? t('console.partners.secretsTwo', { until: shortly(p.previousValidUntil) }) : t('console.partners.secretsOne'),
              rotateButton(p),
            ]),
          }),
        );
      } catch (error) {
        if (!signal.aborted) listBox.replaceChildren(failureBox(error));
      }
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { partnerId: /** @type {HTMLInputElement} */ (partnerId).value.trim(), name: /** @type {HTMLInputElement} */ (name).value.trim() };
      const refuse = (/** @type {string} */ key, /** @type {HTMLElement} */ input) => {
        formProblem.replaceChildren(element('p', { class: 'field-error', role: 'alert', id: 'partner-form-error' }, [t(key)]));
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      };
      partnerId.removeAttribute('aria-invalid');
      name.removeAttribute('aria-invalid');
      if (!body.partnerId || !body.name) return refuse('console.partners.required', body.partnerId ? name : partnerId);
      if (!PARTNER_ID.test(body.partnerId)) return refuse('console.partners.badId', partnerId);
      try {
        const added = await api.post('/v1/admin/partners', body, { signal });
        formProblem.replaceChildren();
        /** @type {HTMLFormElement} */ (form).reset();
        show(added);
        announce(t('console.partners.added.announce', { partnerId: added.partnerId }));
        await showList();
      } catch (error) {
        formProblem.replaceChildren(failureBox(error));
      }
    });
    await showList();
  },
});
