import { startI18n } from '../i18n.js';
import './messages.js';
// Each context's screens, in the order of the navigation; a later context adds its line here.
import './screens/alerts.js';
import './screens/masks.js';
import './screens/quarantine.js';
import './screens/relief.js';
import './screens/admin.js';
import './screens/relief/partners.js';
import './screens/relief/imports.js';
import { startConsole } from './shell.js';

startI18n();
void startConsole(document.body);
