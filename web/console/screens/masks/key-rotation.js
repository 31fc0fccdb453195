import { element } from '../../../element.js';
import { t } from '../../../i18n.js';
import { failureBox } from '../../view.js';

/**
 * A store's new API key, shown once: the old key stops at once, and the new one is only in this
 * screen until the official leaves it (the API keeps only its hash).
 * @param {HTMLElement} container
 * @param {import('../../registry.js').ScreenContext} context
 */
export const showKeyRotation = (container, { api, announce, signal }) => {
  const input = element('input', { type: 'text', id: 'rotate-code', class: 'text-input', inputmode: 'numeric', autocomplete: 'off', pattern: '[0-9]{8}', maxlength: '8', 'aria-describedby': 'rotate-intro' });
  const error = element('p', { class: 'field-error', id: 'rotate-error' });
  const result = element('div', { 'data-rotated': '' });
  const form = element('form', { class: 'console-form', novalidate: '' }, [
    element('label', { class: 'field-label', for: 'rotate-code' }, [t('console.masks.key.code')]),
    element('div', { class: 'field-row' }, [input, element('button', { type: 'submit', class: 'button' }, [t('console.masks.key.rotate')])]),
    error,
  ]);
  container.append(element('p', { id: 'rotate-intro' }, [t('console.masks.key.intro')]), form, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = /** @type {HTMLInputElement} */ (input).value.trim();
    result.replaceChildren();
    if (!/^\d{8}$/.test(code)) {
      error.textContent = t('console.masks.key.badCode');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'rotate-intro rotate-error');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    try {
      const rotated = await api.post(`/v1/admin/stores/${code}/keys:rotate`, undefined, { signal });
      const key = element('output', { class: 'issued-key', 'aria-labelledby': 'issued-key-label' }, [rotated.apiKey]);
      result.replaceChildren(
        element('div', { class: 'console-ok' }, [
          element('p', { id: 'issued-key-label' }, [element('strong', {}, [t('console.masks.key.issued', { code })])]),
          key,
          element('p', {}, [t('console.masks.key.once')]),
        ]),
      );
      announce(t('console.masks.key.issued', { code }));
    } catch (failure) {
      result.replaceChildren(failureBox(failure));
    }
  });
};
