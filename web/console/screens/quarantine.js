import { t } from '../../i18n.js';
import { registerScreen } from '../registry.js';
import { showCaseList } from './quarantine/case-list.js';
import { showCasePage } from './quarantine/case-page.js';
import { caseIdOf } from './quarantine/case-view.js';
import './quarantine/messages.js';
import { showRegionMap } from './quarantine/region-map.js';
import { problemBox } from './quarantine/parts.js';

/**
 * Self-quarantine for officials: the cases (`#/cases`) with the new case form, a case's page
 * (`#/cases/<caseId>`), and the region's cases on a map without names (`#/quarantine-map`). What each
 * official sees is decided by the API (an officer's own cases, an admin's region, a national admin's
 * chosen region); the screens only ask.
 */
registerScreen({
  id: 'cases',
  title: 'console.quarantine.cases.title',
  roles: ['officer', 'admin', 'national-admin'],
  async load(container, context) {
    if (!context.path) return showCaseList(container, context);
    const caseId = caseIdOf(context.path);
    if (caseId) return showCasePage(container, context, caseId);
    context.setTitle(t('console.quarantine.case.unknownTitle'));
    container.append(problemBox({ httpStatus: 404 }));
  },
});

registerScreen({
  id: 'quarantine-map',
  title: 'console.quarantine.map.title',
  roles: ['officer', 'admin', 'national-admin'],
  load: showRegionMap,
});
