import { ALL_LANGUAGES, startI18n } from '../i18n.js';
import './messages.js';
import { startCheckinApp } from './checkin-app.js';

startI18n({ languages: ALL_LANGUAGES });
const app = document.querySelector('[data-checkin-app]');
if (app) void startCheckinApp(/** @type {HTMLElement} */ (app));

// The service worker precaches the app so it opens without a network; its scope is /checkin/ only.
if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/checkin/sw.js', { scope: '/checkin/' }).catch(() => undefined);
}
