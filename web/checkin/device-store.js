import { openDB } from 'idb';

/**
 * What the phone keeps, in IndexedDB (the `idb` library's promise API): the enrolment (device token and
 * the enrol answer), the last status the server gave (shown while offline), and the outbox of check-ins
 * and position pings not yet acknowledged. IndexedDB, not localStorage: it survives the app being killed,
 * a service worker could read it, and every write is a transaction.
 */

const DB_NAME = 'crisis-response-checkin';
const VERSION = 1;

/**
 * @typedef {{ caseId: string, deviceToken: string, language: string, startsAt: string, endsAt: string,
 *   checkin: { windows: { name: string, opens: string, closes: string }[], timeZone: string },
 *   pingIntervalSeconds: number, heartbeatSeconds: number, enrolledAt: string }} Enrolment
 * @typedef {{ kind: 'checkin', id: string, body: Record<string, unknown>, queuedAt: string, attempts: number }
 *   | { kind: 'position', id: string, body: { id: string, at: string, lat: number, lng: number, accuracyM: number }, queuedAt: string, attempts: number }} OutboxEntry
 * @typedef {{ at: string, status: 'denied' | 'unavailable' | 'ok' }} LocationSignal
 */

/** @type {Promise<import('idb').IDBPDatabase> | undefined} */
let opened;
const db = () =>
  (opened ??= openDB(DB_NAME, VERSION, {
    upgrade(database) {
      database.createObjectStore('device');
      // Keyed by the client-made id: the same id the server applies once.
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
    },
  }));

/** @returns {Promise<Enrolment | undefined>} */
export const readEnrolment = async () => (await db()).get('device', 'enrolment');
/** @param {Enrolment} enrolment */
export const saveEnrolment = async (enrolment) => void (await (await db()).put('device', enrolment, 'enrolment'));

/** Forgets the phone's enrolment and anything still queued for it: its token no longer works. */
export const forgetEnrolment = async () => {
  const tx = (await db()).transaction(['device', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('device').clear(), tx.objectStore('outbox').clear(), tx.done]);
};

/** @returns {Promise<{ me: Record<string, unknown>, at: string } | undefined>} */
export const readLastStatus = async () => (await db()).get('device', 'status');
/** @param {Record<string, unknown>} me */
export const saveLastStatus = async (me) => void (await (await db()).put('device', { me, at: new Date().toISOString() }, 'status'));

/** The location state to report with the next batch (only the newest matters). @returns {Promise<LocationSignal | undefined>} */
export const readSignal = async () => (await db()).get('device', 'signal');
/** @param {LocationSignal | undefined} signal */
export const saveSignal = async (signal) => {
  const database = await db();
  if (signal) await database.put('device', signal, 'signal');
  else await database.delete('device', 'signal');
};

/** @param {OutboxEntry} entry */
export const enqueue = async (entry) => void (await (await db()).put('outbox', entry));

/** Oldest first. @returns {Promise<OutboxEntry[]>} */
export const queued = async () => (await db()).getAllFromIndex('outbox', 'queuedAt');

/** @param {string[]} ids */
export const dequeue = async (ids) => {
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
};
