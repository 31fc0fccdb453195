import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, regionName, section } from '../../view.js';
import { caseHref, CASE_LANGUAGES, CASE_STATES, DEFAULT_DAYS, DEFAULT_RADIUS_M, daysLeft, koreanFieldValue, newCaseBody } from './case-view.js';
import { enrollmentBox } from './enrollment.js';
import { apiFieldProblems, field, input, problemBox, REGIONS, select, showFieldProblems, when } from './parts.js';

/** @typedef {import('./case-view.js').CaseListItem} CaseListItem */

/** The API's fields of a new case and the form's controls they are shown under. */
const CREATE_FIELDS = {
  'body.person.name': 'case-name',
  'body.person.phone': 'case-phone',
  'body.person.language': 'case-language',
  'body.home.lat': 'case-lat',
  'body.home.lng': 'case-lng',
  'body.home.address': 'case-address',
  'body.home': 'case-lat',
  'body.fence': 'case-radius',
  'body.startsAt': 'case-starts',
  'body.endsAt': 'case-ends',
  'body.officerId': 'case-officer',
  'body.region': 'case-region',
};

/** Yes/no in words. @param {boolean | undefined} yes */
const yesNo = (yes) => t(yes ? 'console.quarantine.yes' : 'console.quarantine.no');

/** @param {string} fence */
export const fenceWords = (fence) => t(`console.quarantine.fence.${fence}`);
/** @param {string} state */
export const stateWords = (state) => t(`console.quarantine.state.${state}`);

/**
 * My cases: the list (`GET /v1/quarantine/cases`, by state, paged by its cursor; an officer's own, an
 * admin's region, a national admin's chosen region) and the new case form, which shows the code, the
 * link and the QR to hand over.
 * @param {HTMLElement} container @param {import('../../registry.js').ScreenContext} context
 */
export const showCaseList = async (container, { official, api, announce, signal }) => {
  const national = official.role === 'national-admin';
  let region = official.region;
  let state = 'active';
  /** @type {CaseListItem[]} */
  let shown = [];
  let cursor = '';

  const listBox = element('div', { 'data-case-list': '' });
  const more = element('button', { type: 'button', class: 'button button-secondary', hidden: '' }, [t('console.more')]);
  const stateChoice = select('cases-state', CASE_STATES, (s) => t(`console.quarantine.state.${s}`), state);
  const regionChoice = national ? select('cases-region', REGIONS, regionName, region) : undefined;
  const filters = element('form', { class: 'alert-filters', 'aria-label': t('console.quarantine.list.filters') }, [
    element('div', { class: 'filter' }, [element('label', { class: 'field-label', for: 'cases-state' }, [t('console.quarantine.list.state')]), stateChoice]),
    ...(regionChoice ? [element('div', { class: 'filter' }, [element('label', { class: 'field-label', for: 'cases-region' }, [t('console.quarantine.region')]), regionChoice])] : []),
  ]);
  const listTitle = t(official.role === 'officer' ? 'console.quarantine.list.mine' : 'console.quarantine.list.region');
  const created = element('div', { 'data-created': '' });
  const form = newCaseForm(official, api, signal, async (issued) => {
    created.replaceChildren(
      enrollmentBox(issued, { heading: t('console.quarantine.enrol.created'), id: 'created-enrolment' }),
      element('p', {}, [element('a', { href: caseHref(issued.caseId), 'data-open-case': '' }, [t('console.quarantine.enrol.openCase')])]),
    );
    announce(t('console.quarantine.enrol.createdSay', { code: issued.enrollmentCode }));
    /** @type {HTMLElement | null} */ (created.querySelector('h3'))?.setAttribute('tabindex', '-1');
    /** @type {HTMLElement | null} */ (created.querySelector('h3'))?.focus();
    await showList();
  });
  container.append(
    section('cases-list-title', listTitle, [filters, listBox, more]),
    section('cases-new-title', t('console.quarantine.new.title'), [created, form]),
  );

  /** @param {CaseListItem} item */
  const row = (item) => [
    element('a', { href: caseHref(item.caseId), class: 'case-id', 'data-case-id': item.caseId }, [item.caseId]),
    stateWords(item.state),
    yesNo(item.enrolled),
    when(item.lastCheckinAt),
    fenceWords(item.fence),
    item.locationOff ? t('console.quarantine.locationOff') : '—',
    formatNumber(item.openAlerts ?? 0),
    item.state === 'active' ? formatNumber(daysLeft(item.endsAt, Date.now())) : '—',
  ];

  const draw = () => {
    if (shown.length === 0) {
      listBox.replaceChildren(element('p', { 'data-case-count': '' }, [t('console.quarantine.list.none', { state: stateWords(state) })]));
      return;
    }
    listBox.replaceChildren(
      element('p', { 'data-case-count': '' }, [t(cursor ? 'console.quarantine.list.countMore' : 'console.quarantine.list.count', { count: formatNumber(shown.length), state: stateWords(state) })]),
      dataTable({
        caption: t('console.quarantine.list.caption', { state: stateWords(state), region: regionName(region) }),
        columns: ['console.quarantine.col.case', 'console.quarantine.col.state', 'console.quarantine.col.enrolled', 'console.quarantine.col.lastCheckin', 'console.quarantine.col.fence', 'console.quarantine.col.location', 'console.quarantine.col.alerts', 'console.quarantine.col.daysLeft'].map((key) => t(key)),
        rows: shown.map(row),
        numeric: [6, 7],
        className: 'cases-table',
      }),
    );
  };

  const query = () => `/v1/quarantine/cases?state=${state}&limit=50${national ? `&region=${region}` : ''}`;
  const showList = async () => {
    listBox.replaceChildren(element('p', {}, [t('console.loading')]));
    try {
      const page = await api.get(query(), { signal });
      shown = page.items;
      cursor = page.cursor ?? '';
      more.hidden = !cursor;
      draw();
    } catch (error) {
      if (!signal.aborted) listBox.replaceChildren(problemBox(error));
    }
  };
  more.addEventListener('click', async () => {
    try {
      const page = await api.get(`${query()}&cursor=${encodeURIComponent(cursor)}`, { signal });
      const before = shown.length;
      shown = [...shown, ...page.items];
      cursor = page.cursor ?? '';
      more.hidden = !cursor;
      draw();
      announce(t('console.quarantine.list.added', { count: formatNumber(shown.length - before) }));
      if (!cursor) /** @type {HTMLElement | null} */ (listBox.querySelector('.table-scroll'))?.focus();
    } catch (error) {
      if (!signal.aborted) listBox.prepend(problemBox(error));
    }
  });
  filters.addEventListener('change', () => {
    state = /** @type {HTMLSelectElement} */ (stateChoice).value;
    if (regionChoice) region = /** @type {HTMLSelectElement} */ (regionChoice).value;
    void showList();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());
  await showList();
};

/**
 * The new case form. An officer's cases are their own and of their region; an admin names the
 * officer (from their region's officials), a national admin also the region.
 * @param {import('../../session.js').Official} official @param {import('../../api.js').ConsoleApi} api @param {AbortSignal} signal
 * @param {(issued: any) => Promise<void>} onCreated
 */
const newCaseForm = (official, api, signal, onCreated) => {
  const national = official.role === 'national-admin';
  const now = Date.now();
  const name = input('case-name');
  const phone = input('case-phone', { type: 'tel', inputmode: 'tel' });
  const language = select('case-language', CASE_LANGUAGES, (l) => t(`console.quarantine.language.${l}`), 'ko');
  const lat = input('case-lat', { inputmode: 'decimal' });
  const lng = input('case-lng', { inputmode: 'decimal' });
  const address = input('case-address');
  const radius = input('case-radius', { type: 'number', min: '30', max: '2000', step: '1', value: String(DEFAULT_RADIUS_M), inputmode: 'numeric' });
  const starts = input('case-starts', { type: 'datetime-local', value: koreanFieldValue(now) });
  const ends = input('case-ends', { type: 'datetime-local', value: koreanFieldValue(now + DEFAULT_DAYS * 86_400_000) });
  const regionChoice = national ? select('case-region', REGIONS, regionName, official.region) : undefined;
  const officer = official.role === 'officer' ? undefined : select('case-officer', [], (x) => x);
  const problem = element('div');
  const submit = element('button', { type: 'submit', class: 'button' }, [t('console.quarantine.new.submit')]);
  const form = /** @type {HTMLFormElement} */ (
    element('form', { class: 'console-form', novalidate: '', 'data-new-case': '' }, [
      element('fieldset', { class: 'choice-group' }, [
        element('legend', {}, [t('console.quarantine.new.person')]),
        field('case-name', t('console.quarantine.new.name'), name),
        field('case-phone', t('console.quarantine.new.phone'), phone, t('console.quarantine.new.phoneHint')),
        field('case-language', t('console.quarantine.new.language'), language),
      ]),
      element('fieldset', { class: 'choice-group' }, [
        element('legend', {}, [t('console.quarantine.new.home')]),
        element('p', { class: 'field-hint' }, [t('console.quarantine.new.homeHint')]),
        field('case-lat', t('console.quarantine.new.lat'), lat),
        field('case-lng', t('console.quarantine.new.lng'), lng),
        field('case-address', t('console.quarantine.new.address'), address),
        field('case-radius', t('console.quarantine.new.radius'), radius, t('console.quarantine.new.radiusHint')),
      ]),
      element('fieldset', { class: 'choice-group' }, [
        element('legend', {}, [t('console.quarantine.new.period')]),
        field('case-starts', t('console.quarantine.new.starts'), starts, t('console.quarantine.timeHint')),
        field('case-ends', t('console.quarantine.new.ends'), ends, t('console.quarantine.timeHint')),
      ]),
      ...(regionChoice ? [field('case-region', t('console.quarantine.region'), regionChoice)] : []),
      ...(officer ? [field('case-officer', t('console.quarantine.new.officer'), officer)] : []),
      problem,
      element('div', { class: 'form-actions' }, [submit]),
    ])
  );

  const fillOfficers = async () => {
    if (!officer) return;
    const region = regionChoice ? /** @type {HTMLSelectElement} */ (regionChoice).value : official.region;
    try {
      const { items } = await api.get(`/v1/admin/officials?region=${region}`, { signal });
      const officers = items.filter((/** @type {any} */ o) => o.role === 'officer' && o.enabled !== false);
      officer.replaceChildren(...officers.map((/** @type {any} */ o) => element('option', { value: o.officerId }, [`${o.name} (${o.officerId})`])));
    } catch (error) {
      if (!signal.aborted) problem.replaceChildren(problemBox(error));
    }
  };
  regionChoice?.addEventListener('change', () => void fillOfficers());
  void fillOfficers();

  const value = (/** @type {HTMLElement} */ control) => /** @type {HTMLInputElement} */ (control).value;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.replaceChildren();
    const built = newCaseBody({
      name: value(name),
      phone: value(phone),
      language: value(language),
      lat: value(lat),
      lng: value(lng),
      address: value(address),
      radiusM: value(radius),
      startsAt: value(starts),
      endsAt: value(ends),
      region: regionChoice ? value(regionChoice) : official.region,
      officerId: officer ? value(officer) : official.officerId,
    });
    if (!built.ok) {
      showFieldProblems(form, built.problems.map((p) => ({ field: p.field, message: t(p.key) })));
      return;
    }
    showFieldProblems(form, []);
    submit.setAttribute('disabled', '');
    try {
      const issued = await api.post('/v1/quarantine/cases', built.body, { signal });
      form.reset();
      /** @type {HTMLInputElement} */ (radius).value = String(DEFAULT_RADIUS_M);
      /** @type {HTMLInputElement} */ (starts).value = koreanFieldValue(Date.now());
      /** @type {HTMLInputElement} */ (ends).value = koreanFieldValue(Date.now() + DEFAULT_DAYS * 86_400_000);
      await onCreated(issued);
    } catch (error) {
      if (signal.aborted) return;
      problem.replaceChildren(problemBox(error));
      const named = apiFieldProblems(error, CREATE_FIELDS);
      if (named.length > 0) showFieldProblems(form, named);
    } finally {
      submit.removeAttribute('disabled');
    }
  });
  return form;
};
