/**
 * Runs `refresh` `intervalMs` after the last fetch, whoever made it, and when the tab comes back into
 * view. A hidden tab fetches nothing: nobody is reading it, and a phone's data and battery are the
 * reader's. Browsers throttle background timers anyway, so "coming back" is what keeps data fresh.
 *
 * @param {() => void} refresh
 * @param {number} intervalMs
 */
export const startAutoRefresh = (refresh, intervalMs) => {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const visible = () => document.visibilityState === 'visible';
  const tick = () => {
    timer = undefined;
    if (visible()) refresh();
  };

  document.addEventListener('visibilitychange', () => {
    if (visible()) refresh();
  });

  return {
    /** Starts the wait again from now: call it whenever fresh data arrived. */
    restart() {
      clearTimeout(timer);
      timer = setTimeout(tick, intervalMs);
    },
  };
};
