import { element } from '../element.js';
import { t } from '../i18n.js';

/**
 * Small pieces every screen draws alike: a failure with the API's reason, a region's name, a table
 * from rows. Built with `element`, never innerHTML: API text always lands as text.
 */

/** A region's name in the current language, with its code. @param {string} region */
export const regionName = (region) => {
  const key = `region.${region}`;
  const name = t(key);
  return name === key ? region : name;
};

/** @param {string} role */
export const roleName = (role) => t(`role.${role}`);

/**
 * What went wrong, as a sentence and the API's reason (marked with its language, so a screen reader
 * reads an English reason on a Korean page in an English voice).
 * @param {unknown} error
 */
export const failureText = (error) => {
  const failure = /** @type {{ kind?: string, reason?: string, detailLanguage?: string }} */ (error);
  if (failure?.kind === 'unreachable') return [t('console.unreachable')];
  const reason = failure?.reason;
  return reason ? [`${t('console.failed')} ${t('console.reason')} `, element('span', { lang: failure.detailLanguage ?? 'en' }, [reason])] : [t('console.failed')];
};

/** @param {unknown} error */
export const failureBox = (error) => element('p', { class: 'console-problem', role: 'alert' }, failureText(error));

/**
 * A table a screen reader can walk: a caption, column headers, and the first cell of each row as the
 * row's header.
 * @param {{ caption: string, columns: string[], rows: (string | Node)[][], numeric?: number[], className?: string }} table
 */
export const dataTable = ({ caption, columns, rows, numeric = [], className = '' }) =>
  element('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: '0' }, [
    element('table', { class: `data-table ${className}`.trim() }, [
      element('caption', {}, [caption]),
      element('thead', {}, [element('tr', {}, columns.map((column, i) => element('th', { scope: 'col', class: numeric.includes(i) ? 'numeric' : undefined }, [column])))]),
      element(
        'tbody',
        {},
        rows.map((cells) =>
          element(
            'tr',
            {},
            cells.map((cell, i) => element(i === 0 ? 'th' : 'td', { ...(i === 0 ? { scope: 'row' } : {}), class: numeric.includes(i) ? 'numeric' : undefined }, [cell])),
          ),
        ),
      ),
    ]),
  ]);

/** A section of a screen with its heading. @param {string} id @param {string} title @param {(Node | string)[]} children */
export const section = (id, title, children) =>
  element('section', { class: 'console-section', 'aria-labelledby': id }, [element('h2', { id }, [title]), ...children]);
