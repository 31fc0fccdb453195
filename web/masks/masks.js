import { startI18n } from '../i18n.js';
import { startMaskFinder } from './mask-finder.js';

startI18n();
const finder = document.querySelector('[data-mask-finder]');
if (finder) startMaskFinder(/** @type {HTMLElement} */ (finder));
