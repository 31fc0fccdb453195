import { startHealthStatus } from './health-status.js';
import { startI18n } from './i18n.js';

startI18n();
const statusBox = document.querySelector('[data-health-status]');
if (statusBox) startHealthStatus(/** @type {HTMLElement} */ (statusBox));
