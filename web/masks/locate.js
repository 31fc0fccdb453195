/**
 * The reader's position, asked for only when they press "near me" (browsers show their permission
 * prompt at that moment, next to the button's explanation, not unannounced on page load).
 */

/** Why no position came back; each has its own advice on the page. */
export class LocateFailure extends Error {
  /** @param {'denied' | 'unavailable' | 'timeout' | 'unsupported'} kind */
  constructor(kind) {
    super(`geolocation ${kind}`);
    this.name = 'LocateFailure';
    this.kind = kind;
  }
}

/** GeolocationPositionError codes, which the spec fixes as 1, 2 and 3. */
const KINDS = /** @type {const} */ ({ 1: 'denied', 2: 'unavailable', 3: 'timeout' });

/** @returns {Promise<{ lat: number, lng: number, accuracyM: number }>} */
export const locate = () =>
  new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new LocateFailure('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ lat: coords.latitude, lng: coords.longitude, accuracyM: coords.accuracy }),
      (error) => reject(new LocateFailure(KINDS[/** @type {1 | 2 | 3} */ (error.code)] ?? 'unavailable')),
      // A fix from the last minute is good enough for "which pharmacy is near", and much faster.
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  });
