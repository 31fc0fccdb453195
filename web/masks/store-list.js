import { element } from '../element.js';
import { t } from '../i18n.js';
import { bandIcon, bandOf } from './stock-bands.js';
import { distanceWords, parseTime, stockWords, timeWords, typeWords } from './store-words.js';

/**
 * The list of stores, nearest first. Each item says everything the map shows and more (address,
 * times), so the list alone is a complete answer: for screen readers, and when the map is off-screen.
 *
 * @typedef {import('./mask-api.js').NearbyStore} NearbyStore
 */

/** The id of a store's list item, which the map's "show in list" links to. @param {string} code */
export const listItemId = (code) => `store-${code}`;

/** @param {string | null} iso */
const timeCell = (iso) => {
  const date = parseTime(iso);
  return date ? element('time', { datetime: date.toISOString() }, [timeWords(date)]) : t('masks.store.noTime');
};

/** @param {[string, Node | string][]} rows */
const facts = (rows) =>
  element(
    'dl',
    { class: 'store-facts' },
    rows.flatMap(([term, value]) => [element('dt', {}, [term]), element('dd', {}, [value])]),
  );

/**
 * @param {NearbyStore} store
 * @param {number} rank
 * @param {boolean} selected
 */
const storeItem = (store, rank, selected) => {
  const band = bandOf(store.remainStat);
  return element('li', { class: 'store', id: listItemId(store.code), 'data-code': store.code, 'data-band': band, 'aria-current': selected ? 'true' : undefined }, [
    element('div', { class: 'store-head' }, [
      element('span', { class: 'store-rank', 'aria-hidden': 'true' }, [String(rank)]),
      element('h4', { class: 'store-name' }, [store.name]),
      element('span', { class: 'store-selected' }, [t('masks.list.selected')]),
    ]),
    element('p', { class: `stock-badge stock-${band}` }, [bandIcon(band), element('span', {}, [stockWords(store.remainStat)])]),
    facts([
      [t('masks.store.distance'), distanceWords(store.distanceM)],
      [t('masks.store.type'), typeWords(store.type)],
      [t('masks.store.address'), store.addr],
      [t('masks.store.stockAt'), timeCell(store.stockAt)],
      [t('masks.store.updatedAt'), timeCell(store.updatedAt)],
    ]),
    element('button', { type: 'button', class: 'button button-secondary', 'aria-pressed': String(selected), 'data-show-on-map': store.code }, [
      t('masks.list.showOnMap'),
      // Every item has this button; the name makes each one tell which store it is.
      element('span', { class: 'visually-hidden' }, [`: ${store.name}`]),
    ]),
  ]);
};

/**
 * @param {HTMLOListElement} list
 * @param {{ onSelect: (code: string) => void }} handlers
 */
export const createStoreList = (list, { onSelect }) => {
  list.addEventListener('click', (event) => {
    const button = /** @type {Element} */ (event.target).closest('[data-show-on-map]');
    if (button) onSelect(/** @type {string} */ (button.getAttribute('data-show-on-map')));
  });

  return {
    /**
     * Redraws the whole list (at most a hundred items); a reader's focus on one store's button
     * stays on that store's button.
     * @param {readonly NearbyStore[]} stores
     * @param {string | undefined} selectedCode
     */
    render(stores, selectedCode) {
      const focusedCode = list.contains(document.activeElement) ? document.activeElement?.getAttribute('data-show-on-map') : undefined;
      list.replaceChildren(...stores.map((store, i) => storeItem(store, i + 1, store.code === selectedCode)));
      if (focusedCode) /** @type {HTMLElement | null} */ (list.querySelector(`[data-show-on-map="${focusedCode}"]`))?.focus({ preventScroll: true });
    },

    /** Marks another store as selected without redrawing the list. @param {string | undefined} code */
    select(code) {
      for (const item of list.children) {
        const selected = item.getAttribute('data-code') === code;
        if (selected) item.setAttribute('aria-current', 'true');
        else item.removeAttribute('aria-current');
        item.querySelector('[data-show-on-map]')?.setAttribute('aria-pressed', String(selected));
      }
    },

    /** Brings the store's item into view inside the list's own scroll box; never scrolls the page. @param {string} code */
    reveal(code) {
      const item = list.querySelector(`#${listItemId(code)}`);
      if (!item || list.scrollHeight <= list.clientHeight) return;
      const itemBox = item.getBoundingClientRect();
      const listBox = list.getBoundingClientRect();
      if (itemBox.top < listBox.top) list.scrollTop += itemBox.top - listBox.top;
      else if (itemBox.bottom > listBox.bottom) list.scrollTop += Math.min(itemBox.bottom - listBox.bottom, itemBox.top - listBox.top);
    },

    /** Moves the reader to the store's item, as "show in list" on the map asks. @param {string} code */
    focus(code) {
      const button = /** @type {HTMLElement | null} */ (list.querySelector(`[data-show-on-map="${code}"]`));
      button?.scrollIntoView({ block: 'center' });
      button?.focus({ preventScroll: true });
    },
  };
};
