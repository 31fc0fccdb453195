/**
 * While the app is open: the phone's position every `pingIntervalSeconds` (from the enrol answer), queued
 * with a client-made id and sent in batches by the outbox. Without a position the app still says it is
 * alive (a heartbeat), and it says why: `denied` (the person refused or revoked the permission) or
 * `unavailable` (no fix, no GPS) — the server alarms on those at once, as 2020's app did when GPS went off.
 */

/**
 * @typedef {{ status: 'ok' | 'denied' | 'unavailable', at: string, accuracyM?: number }} PingResult
 */

/** @returns {Promise<GeolocationPosition>} */
export const currentPosition = (timeoutMs = 10_000, maximumAgeMs = 0) =>
  new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(Object.assign(new Error('no geolocation'), { code: 2 }));
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: maximumAgeMs });
  });

/**
 * @param {{
 *   intervalSeconds: number,
 *   outbox: ReturnType<typeof import('./outbox.js').createOutbox>,
 *   onPing: (result: PingResult) => void,
 * }} options
 */
export const createPinger = ({ intervalSeconds, outbox, onPing }) => {
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;
  /** @type {PingResult['status'] | undefined} the state last reported: a change is told once */
  let reported;

  /** @param {PingResult['status']} status @param {string} at */
  const tell = async (status, at) => {
    if (status === reported) return;
    reported = status;
    await outbox.setSignal({ at, status });
  };

  const ping = async () => {
    const at = new Date().toISOString();
    try {
      const { coords } = await currentPosition();
      const position = { id: crypto.randomUUID(), at, lat: coords.latitude, lng: coords.longitude, accuracyM: Math.max(1, Math.round(coords.accuracy)) };
      await tell('ok', at);
      await outbox.addPosition(position);
      onPing({ status: 'ok', at, accuracyM: position.accuracyM });
    } catch (error) {
      const status = /** @type {GeolocationPositionError} */ (error).code === 1 ? 'denied' : 'unavailable';
      await tell(status, at);
      outbox.heartbeat(at);
      onPing({ status, at });
    }
    await outbox.flush();
  };

  return {
    ping,
    start: () => {
      clearInterval(timer);
      void ping();
      timer = setInterval(() => void ping(), intervalSeconds * 1000);
      // A permission revoked in the settings while the app is open is told at once, not at the next ping.
      void navigator.permissions
        ?.query({ name: 'geolocation' })
        .then((permission) => permission.addEventListener('change', () => void ping()))
        .catch(() => undefined);
    },
    stop: () => clearInterval(timer),
  };
};
