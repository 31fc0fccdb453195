/**
 * The check-in windows on the phone, from the enrol answer (`checkin.windows`, Korean time), for when
 * the app is offline and the server's `nextCheckin` has passed: the same rule as
 * `shared/quarantine/checkin-window.ts` (Korea keeps UTC+9 all year).
 */

const KOREA_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** @typedef {{ name: string, opens: string, closes: string }} WindowSpec */
/** @typedef {{ window: string, name: string, opensAt: string, closesAt: string }} Window */

/** @param {string} clock */
const minutesOf = (clock) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The window open at `at`, or else the next to open.
 * @param {readonly WindowSpec[]} specs
 * @param {number} at epoch ms
 * @returns {Window | undefined}
 */
export const currentOrNextWindow = (specs, at) => {
  const midnight = Math.floor((at + KOREA_OFFSET_MS) / DAY_MS) * DAY_MS - KOREA_OFFSET_MS;
  for (const dayStart of [midnight, midnight + DAY_MS]) {
    const day = new Date(dayStart + KOREA_OFFSET_MS).toISOString().slice(0, 10);
    for (const spec of specs) {
      const closesAt = dayStart + minutesOf(spec.closes) * 60_000;
      if (at < closesAt) {
        return { window: `${day}/${spec.name}`, name: spec.name, opensAt: new Date(dayStart + minutesOf(spec.opens) * 60_000).toISOString(), closesAt: new Date(closesAt).toISOString() };
      }
    }
  }
  return undefined;
};

/** @param {{ opensAt: string, closesAt: string }} window @param {number} at */
export const isOpen = (window, at) => Date.parse(window.opensAt) <= at && at < Date.parse(window.closesAt);
