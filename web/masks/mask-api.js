import { getJson } from '../problem-details.js';

/**
 * The two API calls the mask finder makes. Both answer with shapes checked just enough that a
 * surprising answer fails loudly here rather than as a broken list further on.
 *
 * @typedef {'plenty' | 'some' | 'few' | 'empty' | 'break'} RemainStat
 * @typedef {{ code: string, name: string, addr: string, type: string, lat: number, lng: number,
 *   distanceM: number, remainStat: RemainStat | null, remaining: number | null, stockAt: string | null,
 *   updatedAt: string }} NearbyStore
 * @typedef {{ code: string, name: string, addr: string, lat: number, lng: number }} AddressStore
 */

/** Bands that still have masks to sell; `empty` (0–1) and `break` do not. */
export const WITH_STOCK = /** @type {const} */ (['plenty', 'some', 'few']);

/**
 * The API's most: 5 km of central Seoul holds over a thousand stores, and the map gathers what would
 * not fit. Beyond this the page shows the nearest and says how many it left out.
 */
export const NEARBY_LIMIT = 500;

/** @param {unknown} body @param {string} field */
const listIn = (body, field) => {
  const list = typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body)[field] : undefined;
  if (!Array.isArray(list)) throw new TypeError(`The API's answer has no ${field} list`);
  return list;
};

/**
 * @param {{ lat: number, lng: number, radiusM: number, withStockOnly: boolean }} query
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ stores: NearbyStore[], truncated: boolean, total: number }>}
 */
export const fetchNearbyStores = async ({ lat, lng, radiusM, withStockOnly }, signal) => {
  const url = new URL('/v1/stores/nearby', window.location.origin);
  const params = url.searchParams;
  // Six decimals is about 10 cm: more would only make every request a cache miss at the edge.
  params.set('lat', lat.toFixed(6));
  params.set('lng', lng.toFixed(6));
  params.set('radius', String(radiusM));
  params.set('limit', String(NEARBY_LIMIT));
  if (withStockOnly) params.set('status', WITH_STOCK.join(','));
  const body = /** @type {Record<string, unknown>} */ (await getJson(url.pathname + url.search, { signal }));
  const stores = /** @type {NearbyStore[]} */ (listIn(body, 'stores'));
  // `truncated`: more stores were within the radius than the limit let through; `total`: how many
  // were (newer APIs); an older one only says how many it sent.
  const counted = [body.total, body.count].find((value) => typeof value === 'number' && Number.isInteger(value));
  return { stores, truncated: Boolean(body.truncated), total: Math.max(/** @type {number | undefined} */ (counted) ?? stores.length, stores.length) };
};

/**
 * The 2020 API's address search: stores whose address starts with `address` (two words at least).
 * @param {string} address
 * @param {AbortSignal} [signal]
 * @returns {Promise<AddressStore[]>}
 */
export const fetchStoresByAddress = async (address, signal) => {
  const url = new URL('/corona19-masks/v1/storesByAddr/json', window.location.origin);
  url.searchParams.set('address', address);
  const body = await getJson(url.pathname + url.search, { signal });
  return /** @type {AddressStore[]} */ (listIn(body, 'stores'));
};
