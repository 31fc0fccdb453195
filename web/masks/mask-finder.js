import { element } from '../element.js';
import { formatNumber, onLanguageChange, t } from '../i18n.js';
import { RequestFailure } from '../problem-details.js';
import { addressPrefix } from './address-prefix.js';
import { startAutoRefresh } from './auto-refresh.js';
import { LocateFailure, locate } from './locate.js';
import { WITH_STOCK, fetchNearbyStores, fetchStoresByAddress } from './mask-api.js';
import { BANDS, bandIcon, bandKey } from './stock-bands.js';
import { createStoreList } from './store-list.js';
import { createStoreMap } from './store-map.js';
import { clockWords, distanceWords } from './store-words.js';

/**
 * The mask finder: where to look (the reader's position or a typed address), how far, whether only
 * stores with stock; then the map and the list, kept fresh by themselves.
 *
 * What is said aloud: the summary (`role=status`) is rewritten only when its words change, so a
 * refresh that finds the same number of stores is silent; problems go to a `role=alert` box.
 *
 * @typedef {import('./mask-api.js').NearbyStore} NearbyStore
 * @typedef {{ kind: 'here', lat: number, lng: number }
 *   | { kind: 'address', lat: number, lng: number, address: string, matched: number }} Place
 * @typedef {{ kind: 'key', key: string, params?: Record<string, string | number> }
 *   | { kind: 'failure', failure: RequestFailure, stale: Date | undefined }} Message
 */

const REFRESH_MS = 60_000;
const DEFAULT_RADIUS_M = 1000;

/** @param {ParentNode} root @param {string} selector */
const find = (root, selector) => {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`The mask finder's markup has no ${selector}`);
  return /** @type {HTMLElement} */ (found);
};

/** The middle of the stores an address matched: the API has no geocoder, the stores are the map. @param {readonly { lat: number, lng: number }[]} stores */
const middleOf = (stores) => ({
  lat: stores.reduce((sum, store) => sum + store.lat, 0) / stores.length,
  lng: stores.reduce((sum, store) => sum + store.lng, 0) / stores.length,
});

/** @param {readonly NearbyStore[]} stores */
const nearestFirst = (stores) => [...stores].sort((a, b) => a.distanceM - b.distanceM || a.code.localeCompare(b.code));

/** @param {Message} message @returns {(Node | string)[]} */
const wordsOf = (message) => {
  if (message.kind === 'key') return [t(message.key, message.params)];
  const { failure, stale } = message;
  const words =
    failure.kind === 'unreachable'
      ? [t('masks.problem.unreachable')]
      : [`${t('masks.problem.failed')} `, ...(failure.reason ? [`${t('masks.problem.reason')} `, element('span', { lang: failure.detailLanguage }, [failure.reason])] : [])];
  return stale ? [...words, ` ${t('masks.problem.stale', { time: clockWords(stale) })}`] : words;
};

/**
 * Any error of a request as the reader should see it. An answer of an unexpected shape is a bug, but
 * the reader still needs to hear that the stores could not be shown, not a page stuck on "searching".
 * @param {unknown} error
 */
const asFailure = (error) => {
  if (error instanceof RequestFailure) return error;
  console.error(error);
  return new RequestFailure('problem');
};

/** Replaces `target`'s content only if the words differ: a live region then speaks only on change. @param {HTMLElement} target @param {(Node | string)[]} content */
const say = (target, content) => {
  const next = element('div', {}, content);
  if (next.innerHTML !== target.innerHTML) target.replaceChildren(...next.childNodes);
};

/** @param {HTMLElement} root */
export const startMaskFinder = (root) => {
  const locateButton = /** @type {HTMLButtonElement} */ (find(root, '[data-locate]'));
  const addressForm = /** @type {HTMLFormElement} */ (find(root, '[data-address-form]'));
  const addressInput = /** @type {HTMLInputElement} */ (find(root, '[data-address-input]'));
  const radiusInputs = /** @type {HTMLInputElement[]} */ ([...root.querySelectorAll('[data-radius]')]);
  const stockOnlyInput = /** @type {HTMLInputElement} */ (find(root, '[data-stock-only]'));
  const summary = find(root, '[data-summary]');
  const problem = find(root, '[data-problem]');
  const results = find(root, '[data-results]');
  const resultsTitle = find(root, '[data-results-title]');
  const placeLine = find(root, '[data-place]');
  const fetchedAtSlot = find(root, '[data-fetched-at]');
  const legend = find(root, '[data-legend]');

  /** Everything shown is drawn from this. */
  const state = {
    /** @type {Place | undefined} */
    place: undefined,
    radiusM: DEFAULT_RADIUS_M,
    withStockOnly: false,
    /** @type {NearbyStore[]} */
    stores: [],
    truncated: false,
    /** Stores within the radius, shown or not. */
    total: 0,
    /** @type {Date | undefined} */
    fetchedAt: undefined,
    /** @type {string | undefined} */
    selectedCode: undefined,
    /** What the summary says when there are no results to sum up (searching, nothing matched). @type {Message | undefined} */
    status: undefined,
    /** @type {Message | undefined} */
    problem: undefined,
  };
  /** The request in flight, so a newer question cancels an older one's answer. @type {AbortController | undefined} */
  let inFlight;

  const select = (/** @type {string} */ code) => {
    state.selectedCode = code;
    map.select(code);
    list.select(code);
  };
  const map = createStoreMap(find(root, '[data-map]'), { caption: find(root, '[data-map-caption]'), note: find(root, '[data-map-note]') }, {
    onSelect: (code) => {
      select(code);
      list.reveal(code);
    },
    onShowInList: (code) => list.focus(code),
  });
  const list = createStoreList(/** @type {HTMLOListElement} */ (find(root, '[data-list]')), {
    onSelect: (code) => {
      select(code);
      map.reveal();
    },
  });

  const summaryWords = () => {
    if (state.status) return wordsOf(state.status);
    if (!state.place || !state.fetchedAt) return [];
    const radius = distanceWords(state.radiusM);
    const count = state.stores.length;
    const withStock = state.stores.filter((store) => store.remainStat && /** @type {readonly string[]} */ (WITH_STOCK).includes(store.remainStat)).length;
    if (count === 0) return [t(state.withStockOnly ? 'masks.summary.noneWithStock' : 'masks.summary.none', { radius })];
    const figures = { radius, count: formatNumber(count), withStock: formatNumber(withStock), total: formatNumber(state.total) };
    return [t(state.truncated ? 'masks.summary.limited' : 'masks.summary.found', figures)];
  };

  const placeWords = () => {
    const { place } = state;
    if (!place) return '';
    return place.kind === 'here' ? t('masks.place.here') : t('masks.place.address', { address: place.address, count: place.matched });
  };

  const render = () => {
    say(summary, summaryWords());
    // The alert region itself stays in place, unstyled and empty, so screen readers track it; the
    // box inside it comes and goes with the problem.
    say(problem, state.problem ? [element('p', { class: 'notice notice-error' }, wordsOf(state.problem))] : []);
    results.hidden = !state.place || !state.fetchedAt;
    if (results.hidden || !state.place) return;
    placeLine.textContent = placeWords();
    const fetchedAt = /** @type {Date} */ (state.fetchedAt);
    fetchedAtSlot.replaceChildren(element('time', { datetime: fetchedAt.toISOString() }, [clockWords(fetchedAt)]));
    const centreKind = state.place.kind;
    map.render({ center: state.place, radiusM: state.radiusM, centreKind, stores: state.stores, selectedCode: state.selectedCode });
    list.render(state.stores, state.selectedCode);
  };

  const renderLegend = () => {
    legend.replaceChildren(
      ...BANDS.map((band) => element('li', {}, [bandIcon(band), element('span', {}, [t(bandKey(band))])])),
      element('li', {}, [element('span', { class: 'legend-centre', 'aria-hidden': 'true' }), element('span', {}, [t('masks.legend.centre')])]),
      element('li', {}, [element('span', { class: 'legend-group', 'aria-hidden': 'true' }, ['3']), element('span', {}, [t('masks.legend.group')])]),
    );
  };

  /** Starts a request, cancelling the one before it. */
  const nextRequest = () => {
    inFlight?.abort();
    inFlight = new window.AbortController();
    return inFlight;
  };

  /**
   * Asks for the stores around the place. A refresh that fails keeps the stores already shown (and
   * says how old they are); a new question that fails clears them, as they answer another question.
   * A new place (`reveal`) brings the results into view and moves the focus to them: on a phone they
   * start a screen or more below the button that asked.
   * @param {{ refresh?: boolean, reveal?: boolean }} [options]
   */
  const lookUp = async ({ refresh = false, reveal = false } = {}) => {
    const { place } = state;
    if (!place) return;
    const request = nextRequest();
    if (!refresh) {
      state.status = { kind: 'key', key: 'masks.status.searching' };
      render();
    }
    try {
      const { stores, truncated, total } = await fetchNearbyStores({ lat: place.lat, lng: place.lng, radiusM: state.radiusM, withStockOnly: state.withStockOnly }, request.signal);
      state.stores = nearestFirst(stores);
      state.truncated = truncated;
      state.total = total;
      state.fetchedAt = new Date();
      state.problem = undefined;
      if (!state.stores.some((store) => store.code === state.selectedCode)) state.selectedCode = undefined;
    } catch (error) {
      if (request.signal.aborted) return;
      state.problem = { kind: 'failure', failure: asFailure(error), stale: refresh ? state.fetchedAt : undefined };
      if (!refresh) {
        state.stores = [];
        state.truncated = false;
        state.fetchedAt = undefined;
        state.selectedCode = undefined;
      }
    } finally {
      if (inFlight === request) inFlight = undefined;
    }
    state.status = undefined;
    autoRefresh.restart();
    render();
    if (reveal && !results.hidden) {
      resultsTitle.focus({ preventScroll: true });
      resultsTitle.scrollIntoView({ block: 'start' });
    }
  };

  const autoRefresh = startAutoRefresh(() => {
    // A question the reader just asked is on its way; its answer is fresher than a refresh would be.
    if (!inFlight) void lookUp({ refresh: true });
  }, REFRESH_MS);

  /** A new place: the old results and any old problem no longer apply. @param {Place | undefined} place */
  const moveTo = (place) => {
    state.place = place;
    state.stores = [];
    state.fetchedAt = undefined;
    state.selectedCode = undefined;
    state.problem = undefined;
  };

  const findNearMe = async () => {
    const request = nextRequest();
    state.status = { kind: 'key', key: 'masks.status.locating' };
    state.problem = undefined;
    render();
    try {
      const { lat, lng } = await locate();
      if (request.signal.aborted) return;
      moveTo({ kind: 'here', lat, lng });
    } catch (error) {
      if (request.signal.aborted) return;
      if (!(error instanceof LocateFailure)) throw error;
      // The results on screen answer the last question, not this one: they go with it.
      moveTo(undefined);
      state.status = undefined;
      state.problem = { kind: 'key', key: `masks.locate.${error.kind}` };
      render();
      return;
    } finally {
      if (inFlight === request) inFlight = undefined;
    }
    await lookUp({ reveal: true });
  };

  const findByAddress = async () => {
    const address = addressPrefix(addressInput.value);
    if (!address) {
      addressInput.setAttribute('aria-invalid', 'true');
      state.status = undefined;
      state.problem = { kind: 'key', key: 'masks.address.tooShort' };
      render();
      addressInput.focus();
      return;
    }
    addressInput.removeAttribute('aria-invalid');
    const request = nextRequest();
    state.status = { kind: 'key', key: 'masks.status.searchingAddress', params: { address } };
    state.problem = undefined;
    render();
    try {
      const matches = await fetchStoresByAddress(address, request.signal);
      if (matches.length === 0) {
        moveTo(undefined);
        state.status = { kind: 'key', key: 'masks.address.none', params: { address } };
        render();
        return;
      }
      moveTo({ kind: 'address', ...middleOf(matches), address, matched: matches.length });
    } catch (error) {
      if (request.signal.aborted) return;
      moveTo(undefined);
      state.status = undefined;
      state.problem = { kind: 'failure', failure: asFailure(error), stale: undefined };
      render();
      return;
    } finally {
      if (inFlight === request) inFlight = undefined;
    }
    await lookUp({ reveal: true });
  };

  locateButton.addEventListener('click', () => void findNearMe());
  addressForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void findByAddress();
  });
  for (const input of radiusInputs) {
    input.addEventListener('change', () => {
      state.radiusM = Number(input.value);
      void lookUp();
    });
  }
  stockOnlyInput.addEventListener('change', () => {
    state.withStockOnly = stockOnlyInput.checked;
    void lookUp();
  });
  find(root, '[data-refresh]').addEventListener('click', () => void lookUp({ refresh: true }));
  onLanguageChange(() => {
    renderLegend();
    render();
  });

  // The form may come back filled in (the browser restores it on "back"); the state follows it.
  state.radiusM = Number(radiusInputs.find((input) => input.checked)?.value ?? DEFAULT_RADIUS_M);
  state.withStockOnly = stockOnlyInput.checked;
  renderLegend();
  render();
};
