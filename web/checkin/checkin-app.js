import { element } from '../element.js';
import { currentLanguage, onLanguageChange, setLanguage, t } from '../i18n.js';
import { enroll, getMe } from './checkin-api.js';
import { currentOrNextWindow, isOpen } from './checkin-windows.js';
import { forgetEnrolment, readEnrolment, readLastStatus, saveEnrolment, saveLastStatus } from './device-store.js';
import { codeFromFragment, parseEnrollmentCode } from './enrollment-code.js';
import { createOutbox, isEnded } from './outbox.js';
import { createPinger, currentPosition } from './position-pinger.js';

/**
 * The check-in app: enrol, then the home screen (status, the check-in form, location), kept working
 * offline — what the person sends is queued on the phone and sent when the network is back.
 */

const SYMPTOMS = /** @type {const} */ (['fever', 'cough', 'soreThroat', 'shortnessOfBreath']);
const STATUS_EVERY_MS = 60_000;
const REMINDER_EVERY_MS = 30_000;
const KOREA = 'Asia/Seoul';

/** @param {HTMLElement} root */
export const startCheckinApp = async (root) => {
  /** @param {string} selector */
  const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const screens = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('[data-screen]')]);
  const problem = find('[data-problem]');
  const reminder = find('[data-reminder]');

  /** @type {import('./device-store.js').Enrolment | undefined} */
  let enrolment = await readEnrolment();
  /** @type {{ me: any, at: string } | undefined} */
  let status = await readLastStatus();
  /** @type {import('./outbox.js').OutboxState} */
  let outboxState = { pending: 0, failures: 0 };
  /** @type {import('./position-pinger.js').PingResult | undefined} */
  let lastPing;
  /** @type {Set<string>} windows this phone has checked in for (queued or sent) */
  const doneWindows = new Set();
  /** @type {ReturnType<typeof setInterval>[]} */
  let timers = [];
  /** @type {ReturnType<typeof createPinger> | undefined} */
  let pinger;
  /** @type {{ key: string, params?: Record<string, string | number> } | undefined} what the last check-in said */
  let checkinResult;
  let lastReminded = '';

  /** @param {string} name */
  const show = (name) => {
    for (const screen of screens) screen.hidden = screen.dataset.screen !== name;
  };
  /** @param {string} [text] @param {string} [lang] */
  const showProblem = (text = '', lang) => {
    problem.textContent = text;
    if (lang) problem.lang = lang;
    else problem.removeAttribute('lang');
  };

  // Times: Korean time (the windows are set in it), and the phone's own when it is elsewhere.
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** @param {string | number | Date} at @param {string} [timeZone] */
  const clock = (at, timeZone = KOREA) => new Intl.DateTimeFormat(currentLanguage(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(at));
  /** @param {string | number | Date} at @param {string} [timeZone] */
  const day = (at, timeZone = KOREA) => new Intl.DateTimeFormat(currentLanguage(), { month: 'long', day: 'numeric', weekday: 'short', timeZone }).format(new Date(at));
  const sameZoneAsKorea = (/** @type {string} */ at) => clock(at, localZone) === clock(at) && day(at, localZone) === day(at);

  // -- the outbox and the pinger --------------------------------------------------------------------

  const outbox = createOutbox({
    token: () => enrolment?.deviceToken,
    onEnded: () => void ended(),
    onRejected: (reason, entry) => {
      // A refused position batch is only said; the next ping follows anyway.
      checkinResult = { key: entry.kind !== 'checkin' ? 'checkin.rejected.positions' : reason === 'conflict' ? 'checkin.rejected.conflict' : 'checkin.rejected.invalid' };
      renderCheckinResult();
    },
    onSent: (kind, answer) => {
      if (kind === 'checkin') {
        if (answer?.window) doneWindows.add(answer.window);
        void refreshStatus();
      }
      if (kind === 'positions' && status && answer?.fence) status.me.atHome = answer.fence;
      renderHome();
    },
    onChange: (state) => {
      outboxState = state;
      renderSync();
      if (state.pending === 0 && checkinResult?.key === 'checkin.queued') {
        checkinResult = { key: 'checkin.sentLater' };
        renderCheckinResult();
      }
    },
  });

  const ended = async () => {
    for (const timer of timers) clearInterval(timer);
    timers = [];
    pinger?.stop();
    outbox.stop();
    enrolment = undefined;
    status = undefined;
    await forgetEnrolment();
    find('[data-ended]').hidden = false;
    reminder.textContent = '';
    show('enrol');
  };

  // -- status -----------------------------------------------------------------------------------------

  const refreshStatus = async () => {
    if (!enrolment) return;
    const outcome = await getMe(enrolment.deviceToken);
    if (outcome.kind === 'ok') {
      status = { me: outcome.body, at: new Date().toISOString() };
      if (outcome.body?.nextCheckin?.done) doneWindows.add(outcome.body.nextCheckin.window);
      await saveLastStatus(outcome.body);
    } else if (isEnded(outcome)) {
      return ended();
    }
    renderHome();
  };

  /** The window to show: the server's, or the phone's own reckoning once that has passed. */
  const nextWindow = () => {
    const now = Date.now();
    const server = status?.me?.nextCheckin;
    if (server && now < Date.parse(server.closesAt)) return { ...server, done: server.done || doneWindows.has(server.window) };
    const local = enrolment ? currentOrNextWindow(enrolment.checkin.windows, now) : undefined;
    return local ? { ...local, done: doneWindows.has(local.window) } : undefined;
  };

  /** @param {string} term @param {string | Node} value */
  const fact = (term, value) => [element('dt', {}, [term]), element('dd', {}, [value])];

  const renderHome = () => {
    if (!enrolment) return;
    const me = status?.me;
    const facts = find('[data-facts]');
    const endsAt = me?.endsAt ?? enrolment.endsAt;
    const daysLeft = me?.daysLeft ?? Math.max(0, Math.ceil((Date.parse(endsAt) - Date.now()) / 86_400_000));
    const slot = nextWindow();
    const windowText = slot
      ? [
          t(isOpen(slot, Date.now()) ? 'checkin.window.openNow' : 'checkin.window.next', {
            name: t(`checkin.window.${slot.name}`),
            day: day(slot.opensAt),
            opens: clock(slot.opensAt),
            closes: clock(slot.closesAt),
          }),
          sameZoneAsKorea(slot.opensAt) ? '' : ` ${t('checkin.window.local', { day: day(slot.opensAt, localZone), opens: clock(slot.opensAt, localZone), closes: clock(slot.closesAt, localZone) })}`,
          ` ${t(slot.done ? 'checkin.window.done' : 'checkin.window.notDone')}`,
        ].join('')
      : t('checkin.window.none');
    const atHome = me?.atHome ?? 'UNKNOWN';
    facts.replaceChildren(
      ...fact(t('checkin.status.daysLeft'), t('checkin.status.days', { days: daysLeft, date: day(endsAt) })),
      ...fact(t('checkin.status.next'), windowText),
      ...fact(t('checkin.status.atHome'), element('span', { class: `fence fence-${atHome.toLowerCase()}` }, [t(`checkin.fence.${atHome}`)])),
      ...fact(t('checkin.status.lastCheckin'), me?.lastCheckinAt ? `${day(me.lastCheckinAt)} ${clock(me.lastCheckinAt)}` : t('checkin.status.never')),
    );
    const outings = /** @type {{ from: string, to: string, reason: string }[]} */ (me?.outings ?? []);
    find('[data-outings]').replaceChildren(
      element('h3', {}, [t('checkin.outings.title')]),
      outings.length === 0
        ? element('p', {}, [t('checkin.outings.none')])
        : element(
            'ul',
            { class: 'outings' },
            outings.map((o) => element('li', {}, [t('checkin.outings.item', { day: day(o.from), from: clock(o.from), to: clock(o.to), reason: o.reason })])),
          ),
    );
    const stale = find('[data-stale]');
    const fresh = status && Date.now() - Date.parse(status.at) < 2 * STATUS_EVERY_MS;
    stale.hidden = Boolean(fresh);
    stale.textContent = status ? t('checkin.status.stale', { time: `${day(status.at, localZone)} ${clock(status.at, localZone)}` }) : t('checkin.status.unknown');
    renderReminder();
    renderLocation();
    renderSync();
  };

  const renderReminder = () => {
    const slot = nextWindow();
    const due = slot && !slot.done && isOpen(slot, Date.now());
    const text = due ? t('checkin.reminder', { name: t(`checkin.window.${slot.name}`), closes: clock(slot.closesAt) }) : '';
    if (reminder.textContent !== text) reminder.textContent = text;
    // A system notification too, once a window, when the person allowed them.
    if (due && lastReminded !== slot.window && 'Notification' in window && window.Notification.permission === 'granted') {
      lastReminded = slot.window;
      const options = { body: text, tag: `checkin-${slot.window}`, icon: '/checkin/icons/icon-192.png' };
      // Android's Chrome shows notifications only through the service worker; elsewhere the page may.
      void navigator.serviceWorker?.getRegistration('/checkin/').then(
        (registration) => (registration ? registration.showNotification(t('checkin.appName'), options) : new window.Notification(t('checkin.appName'), options)),
        () => undefined,
      ).catch(() => undefined);
    }
  };

  const renderSync = () => {
    const sync = find('[data-sync]');
    // `navigator.onLine` says only that a network is attached; a failed send says the API cannot be reached.
    const offline = !navigator.onLine || outboxState.failures > 0;
    const text =
      outboxState.pending === 0
        ? outboxState.lastSentAt || offline
          ? t(offline ? 'checkin.sync.offline' : 'checkin.sync.allSent')
          : ''
        : t(offline ? 'checkin.sync.pendingOffline' : 'checkin.sync.pending', { count: outboxState.pending });
    if (sync.textContent !== text) sync.textContent = text;
  };

  const renderLocation = () => {
    if (!enrolment) return;
    const every = t('checkin.location.every', { seconds: enrolment.pingIntervalSeconds });
    const state = !lastPing
      ? t('checkin.location.waiting')
      : lastPing.status === 'ok'
        ? t('checkin.location.sent', { time: clock(lastPing.at, localZone), accuracy: lastPing.accuracyM ?? 0 })
        : t(`checkin.location.${lastPing.status}`);
    find('[data-location-state]').textContent = `${state} ${every}`;
  };

  const renderCheckinResult = () => {
    find('[data-checkin-result]').textContent = checkinResult ? t(checkinResult.key, checkinResult.params) : '';
  };

  // -- enrolment --------------------------------------------------------------------------------------

  const codeInput = /** @type {HTMLInputElement} */ (find('[data-code-input]'));
  const codeError = find('[data-code-error]');
  /** @param {string} [text] */
  const markCode = (text = '') => {
    codeError.textContent = text;
    codeInput.setAttribute('aria-invalid', String(text !== ''));
  };

  /**
   * @param {string} typed
   * @param {{ quiet?: boolean }} [options] quiet: a failure is not shown (the link of an enrolment already made)
   * @returns {Promise<boolean>} whether this phone is now enrolled with the code
   */
  const enrolWith = async (typed, { quiet = false } = {}) => {
    showProblem();
    const parsed = parseEnrollmentCode(typed);
    if (quiet && !parsed.ok) return false;
    if (!parsed.ok) {
      show('enrol');
      markCode(
        parsed.problem === 'wrong-length'
          ? t('checkin.code.length', { length: parsed.length })
          : t(parsed.problem === 'confusable-symbol' ? 'checkin.code.confusable' : 'checkin.code.unknown', { symbols: parsed.symbols }),
      );
      codeInput.focus();
      return false;
    }
    markCode();
    const outcome = await enroll(parsed.code);
    if (outcome.kind !== 'ok') {
      if (quiet) return false;
      show('enrol');
      if (outcome.kind === 'unreachable') showProblem(t('checkin.enrol.unreachable'));
      else if (outcome.status === 429) showProblem(t('checkin.enrol.tooMany', { minutes: Math.max(1, Math.ceil((outcome.retryAfterSeconds ?? 60) / 60)) }));
      else if (outcome.status >= 500) showProblem(t('checkin.enrol.failed'));
      else markCode(t('checkin.enrol.invalid'));
      return false;
    }
    outbox.stop();
    await forgetEnrolment();
    enrolment = { ...outcome.body, enrolledAt: new Date().toISOString() };
    await saveEnrolment(/** @type {import('./device-store.js').Enrolment} */ (enrolment));
    find('[data-ended]').hidden = true;
    codeInput.value = '';
    if (enrolment) setLanguage(enrolment.language);
    // The old outbox is for a token that no longer exists; this one starts clean.
    window.location.reload();
    return true;
  };

  find('[data-enrol-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    void enrolWith(codeInput.value);
  });

  // -- the check-in form ------------------------------------------------------------------------------

  const temperature = /** @type {HTMLInputElement} */ (find('[data-temperature]'));
  const temperatureError = find('[data-temperature-error]');
  const toggles = /** @type {HTMLButtonElement[]} */ ([...root.querySelectorAll('[data-symptom]')]);
  for (const toggle of toggles) {
    toggle.addEventListener('click', () => toggle.setAttribute('aria-pressed', String(toggle.getAttribute('aria-pressed') !== 'true')));
  }

  /** @returns {number | undefined} */
  const readTemperature = () => {
    const typed = temperature.value.trim().replace(',', '.');
    const value = Number(typed);
    const valid = /^\d{2}(\.\d)?$/.test(typed) && value >= 34 && value <= 43;
    temperatureError.textContent = valid ? '' : t(typed === '' ? 'checkin.form.temperatureMissing' : 'checkin.form.temperatureInvalid');
    temperature.setAttribute('aria-invalid', String(!valid));
    return valid ? value : undefined;
  };

  find('[data-checkin-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const temperatureC = readTemperature();
      if (temperatureC === undefined) return temperature.focus();
      const at = new Date().toISOString();
      /** @type {Record<string, boolean>} */
      const symptoms = Object.fromEntries(SYMPTOMS.map((name) => [name, toggles.find((b) => b.dataset.symptom === name)?.getAttribute('aria-pressed') === 'true']));
      // The position of the moment, when the phone has one quickly: a check-in is never held back for it.
      const position = await currentPosition(5_000, 60_000).then(
        ({ coords }) => ({ lat: coords.latitude, lng: coords.longitude, accuracyM: Math.max(1, Math.round(coords.accuracy)) }),
        () => undefined,
      );
      const checkin = { checkinId: crypto.randomUUID(), at, temperatureC, symptoms, ...(position ? { position } : {}) };
      await outbox.addCheckin(checkin);
      const slot = nextWindow();
      if (slot && isOpen(slot, Date.parse(at))) doneWindows.add(slot.window);
      temperature.value = '';
      for (const toggle of toggles) toggle.setAttribute('aria-pressed', 'false');
      checkinResult = { key: navigator.onLine ? 'checkin.sending' : 'checkin.queued', params: { time: clock(at, localZone) } };
      renderCheckinResult();
      await outbox.flush();
      checkinResult = { key: outboxState.pending === 0 ? 'checkin.sent' : 'checkin.queued', params: { time: clock(at, localZone) } };
      renderCheckinResult();
      renderHome();
    })();
  });

  // -- location and reminders -------------------------------------------------------------------------

  find('[data-ping-now]').addEventListener('click', () => void pinger?.ping());
  const notify = find('[data-notify]');
  if ('Notification' in window && window.Notification.permission === 'default') {
    notify.hidden = false;
    notify.addEventListener('click', () => void window.Notification.requestPermission().finally(() => (notify.hidden = window.Notification.permission !== 'default')));
  }

  window.addEventListener('online', () => {
    renderSync();
    void refreshStatus();
  });
  window.addEventListener('offline', renderSync);
  onLanguageChange(() => {
    renderHome();
    renderCheckinResult();
  });

  // -- start ------------------------------------------------------------------------------------------

  const fromLink = codeFromFragment(window.location.hash);
  if (fromLink !== undefined) {
    // The code is used once; it must not stay in the address bar, the history or a bookmark.
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    // Tapping the link of the SMS again after enrolling is common: its used code then changes nothing.
    if (await enrolWith(fromLink, { quiet: enrolment !== undefined })) return;
    if (!enrolment) {
      codeInput.value = fromLink;
      return;
    }
  }
  if (!enrolment) return show('enrol');

  show('home');
  renderHome();
  pinger = createPinger({
    intervalSeconds: enrolment.pingIntervalSeconds,
    outbox,
    onPing: (result) => {
      lastPing = result;
      renderLocation();
    },
  });
  pinger.start();
  timers = [setInterval(() => void refreshStatus(), STATUS_EVERY_MS), setInterval(renderReminder, REMINDER_EVERY_MS)];
  await outbox.report();
  await Promise.all([outbox.flush(), refreshStatus()]);
};
