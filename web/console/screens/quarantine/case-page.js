import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, regionName, section } from '../../view.js';
import { daysLeft, isoFromKoreanField, koreanFieldValue, positionsOf, timelineOf } from './case-view.js';
import { fenceWords, stateWords } from './case-list.js';
import { enrollmentBox } from './enrollment.js';
import { apiFieldProblems, field, input, problemBox, showFieldProblems, when } from './parts.js';
import { drawCaseMap, mapFrame } from './quarantine-maps.js';

const SYMPTOMS = ['fever', 'cough', 'soreThroat', 'shortnessOfBreath'];

/** A term and its description, skipped when there is nothing to say. @param {[string, string | Node | undefined][]} pairs */
const facts = (pairs) =>
  element(
    'dl',
    { class: 'case-facts' },
    pairs.filter(([, value]) => value !== undefined && value !== '').flatMap(([term, value]) => [element('dt', {}, [term]), element('dd', {}, [/** @type {string | Node} */ (value)])]),
  );

/** One line of the timeline, in words. @param {import('./case-view.js').TimelineEntry} entry */
const timelineWords = (entry) => {
  if (entry.kind === 'checkin') {
    const symptoms = /** @type {Record<string, boolean>} */ (entry.symptoms ?? {});
    const had = SYMPTOMS.filter((s) => symptoms[s]).map((s) => t(`console.quarantine.symptom.${s}`));
    return t('console.quarantine.timeline.checkin', {
      temperature: formatNumber(Number(entry.temperatureC), { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      symptoms: had.length > 0 ? had.join(', ') : t('console.quarantine.timeline.noSymptoms'),
    }) + (entry.window ? '' : ` ${t('console.quarantine.timeline.outsideWindow')}`);
  }
  if (entry.kind === 'transition') return t('console.quarantine.timeline.transition', { from: fenceWords(String(entry.from)), to: fenceWords(String(entry.to)) });
  if (entry.kind === 'alert') return t('console.quarantine.timeline.alert', { type: String(entry.type), severity: t(`console.alerts.severity.${entry.severity}`), state: t(`console.alerts.state.${entry.state}`) });
  return String(entry.kind);
};

/**
 * A case: the person (a read the API writes to the audit trail), where home and the fence are with
 * the outside positions (map and table), the timeline, the outings and the actions — close, extend,
 * grant an outing, re-issue the code (shown with its QR and printed from here).
 * @param {HTMLElement} container @param {import('../../registry.js').ScreenContext} context @param {string} caseId
 */
export const showCasePage = async (container, { api, announce, signal, setTitle }, caseId) => {
  const path = `/v1/quarantine/cases/${encodeURIComponent(caseId)}`;
  const back = element('p', {}, [element('a', { href: '#/cases' }, [t('console.quarantine.case.back')])]);
  const body = element('div', { 'data-case': caseId });
  container.append(back, body);
  setTitle(t('console.quarantine.case.title', { caseId }));

  /** @param {{ focus?: string }} [options] */
  const load = async ({ focus } = {}) => {
    let view;
    try {
      view = await api.get(path, { signal });
    } catch (error) {
      if (!signal.aborted) body.replaceChildren(problemBox(error));
      return;
    }
    draw(view);
    // After an action the focus goes to what changed (a heading, made focusable for it), not to the page's top.
    const target = focus ? body.querySelector(focus) : null;
    if (target instanceof HTMLElement) {
      target.setAttribute('tabindex', '-1');
      target.focus();
    }
  };

  /** @param {any} view */
  const draw = (view) => {
    const active = view.state === 'active';
    const positions = positionsOf(view.timeline ?? []);
    const timeline = timelineOf(view.timeline ?? []);
    const fenceState = view.geofence?.fence ?? 'UNKNOWN';
    const summary = section('case-summary-title', t('console.quarantine.case.summary'), [
      facts([
        [t('console.quarantine.col.state'), stateWords(view.state)],
        [t('console.quarantine.region'), regionName(view.region)],
        [t('console.quarantine.case.officer'), view.officerId],
        [t('console.quarantine.case.period'), `${when(view.startsAt)} – ${when(view.endsAt)}`],
        [t('console.quarantine.col.daysLeft'), active ? formatNumber(daysLeft(view.endsAt, Date.now())) : undefined],
        [t('console.quarantine.case.enrolledAt'), view.enrolledAt ? when(view.enrolledAt) : t('console.quarantine.case.notEnrolled')],
        [t('console.quarantine.col.fence'), fenceWords(fenceState) + (view.geofence?.outsideSince ? ` (${t('console.quarantine.case.outsideSince', { time: when(view.geofence.outsideSince) })})` : '')],
        [t('console.quarantine.case.lastSeen'), when(view.lastSeenAt)],
        [t('console.quarantine.col.location'), view.locationOff ? t('console.quarantine.locationOff') : undefined],
        [t('console.quarantine.col.lastCheckin'), when(view.lastCheckinAt)],
        [t('console.quarantine.case.nextCheckin'), view.nextCheckin ? `${when(view.nextCheckin.opensAt)} – ${when(view.nextCheckin.closesAt)}` : undefined],
        [t('console.quarantine.case.endedAt'), view.endedAt ? when(view.endedAt) : undefined],
        [t('console.quarantine.case.closedReason'), view.closedReason],
      ]),
    ]);
    const person = section('case-person-title', t('console.quarantine.case.person'), [
      element('p', { class: 'field-hint' }, [t('console.quarantine.case.audited')]),
      view.person
        ? facts([
            [t('console.quarantine.new.name'), view.person.name],
            [t('console.quarantine.new.phone'), element('a', { href: `tel:${String(view.person.phone).replace(/[^+0-9]/g, '')}` }, [view.person.phone])],
            [t('console.quarantine.new.language'), t(`console.quarantine.language.${view.person.language}`)],
          ])
        : element('p', {}, [t('console.quarantine.case.purged')]),
    ]);

    const { container: mapBox, note, help } = mapFrame('case-map', t('console.quarantine.case.mapLabel'), t('console.quarantine.case.mapHelp'));
    const where = section('case-map-title', t('console.quarantine.case.where'), [
      view.home ? element('p', {}, [t('console.quarantine.case.homeAt', { lat: String(view.home.lat), lng: String(view.home.lng) }), ...(view.home.address ? [` · ${view.home.address}`] : [])]) : '',
      element('p', {}, [view.fence?.type === 'polygon' ? t('console.quarantine.case.fencePolygon', { count: formatNumber(Math.max(0, (view.fence.coordinates?.length ?? 1) - 1)) }) : t('console.quarantine.case.fenceCircle', { radius: formatNumber(view.fence?.radiusM ?? 100) })]),
      mapBox,
      note,
      help,
      positions.length === 0
        ? element('p', { 'data-positions': '0' }, [t('console.quarantine.case.noPositions')])
        : dataTable({
            caption: t('console.quarantine.case.positions'),
            columns: ['#', t('console.quarantine.case.at'), t('console.quarantine.new.lat'), t('console.quarantine.new.lng'), t('console.quarantine.case.accuracy')],
            rows: positions.map((p, i) => [formatNumber(i + 1), when(p.at), p.lat.toFixed(5), p.lng.toFixed(5), formatNumber(Math.round(p.accuracyM))]),
            numeric: [0, 2, 3, 4],
            className: 'positions-table',
          }),
    ]);

    const timelineBox = section('case-timeline-title', t('console.quarantine.case.timeline'), [
      timeline.length === 0
        ? element('p', {}, [t('console.quarantine.case.noTimeline')])
        : element(
            'ol',
            { class: 'case-timeline', 'data-timeline': '' },
            timeline.map((entry) => element('li', { 'data-kind': entry.kind }, [element('span', { class: 'timeline-at' }, [when(entry.at)]), ' ', element('span', {}, [timelineWords(entry)])])),
          ),
    ]);

    const outings = section('case-outings-title', t('console.quarantine.case.outings'), [
      (view.outings ?? []).length === 0
        ? element('p', {}, [t('console.quarantine.case.noOutings')])
        : dataTable({
            caption: t('console.quarantine.case.outings'),
            columns: [t('console.quarantine.outing.from'), t('console.quarantine.outing.to'), t('console.quarantine.outing.reason')],
            rows: view.outings.map((/** @type {any} */ o) => [when(o.from), when(o.to), o.reason]),
            className: 'outings-table',
          }),
    ]);

    body.replaceChildren(summary, person, where, timelineBox, outings, ...(active ? [actions(view)] : []));
    drawCaseMap(mapBox, note, { home: view.home, fence: view.fence, positions }, signal);
  };

  /**
   * One action's form: its fields, the API call, the refusal shown inside it; on success the case is
   * read again and the outcome said.
   * @param {string} id @param {string} title @param {HTMLElement[]} fields @param {string} submitWords
   * @param {() => ({ ok: true, body: unknown } | { ok: false, problems: { field: string, message: string }[] })} read
   * @param {(body: unknown) => Promise<any>} send @param {(answer: any) => void | Promise<void>} done
   * @param {Record<string, string>} apiFields
   */
  const actionForm = (id, title, fields, submitWords, read, send, done, apiFields) => {
    const problem = element('div');
    const submit = element('button', { type: 'submit', class: 'button' }, [submitWords]);
    const form = /** @type {HTMLFormElement} */ (element('form', { class: 'console-form case-action', novalidate: '', 'data-action': id, 'aria-labelledby': `${id}-title` }, [element('h3', { id: `${id}-title` }, [title]), ...fields, problem, element('div', { class: 'form-actions' }, [submit])]));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problem.replaceChildren();
      const built = read();
      showFieldProblems(form, built.ok ? [] : built.problems);
      if (!built.ok) return;
      submit.setAttribute('disabled', '');
      try {
        const answer = await send(built.body);
        await done(answer);
      } catch (error) {
        if (signal.aborted) return;
        problem.replaceChildren(problemBox(error));
        const named = apiFieldProblems(error, apiFields);
        if (named.length > 0) showFieldProblems(form, named);
      } finally {
        submit.removeAttribute('disabled');
      }
    });
    return form;
  };

  const value = (/** @type {HTMLElement} */ control) => /** @type {HTMLInputElement} */ (control).value;

  /** @param {any} view */
  const actions = (view) => {
    const issued = element('div', { 'data-reissued': '' });
    const reissue = actionForm(
      'case-reissue',
      t('console.quarantine.reissue.title'),
      [element('p', {}, [t('console.quarantine.reissue.intro')])],
      t('console.quarantine.reissue.submit'),
      () => ({ ok: true, body: {} }),
      (body) => api.post(`${path}:reissue-code`, body, { signal }),
      (answer) => {
        issued.replaceChildren(enrollmentBox(answer, { heading: t('console.quarantine.reissue.issued'), headingLevel: 'h3', id: 'reissued-enrolment' }));
        announce(t('console.quarantine.enrol.createdSay', { code: answer.enrollmentCode }));
      },
      {},
    );

    const outingFrom = input('outing-from', { type: 'datetime-local', value: koreanFieldValue(Date.now()) });
    const outingTo = input('outing-to', { type: 'datetime-local', value: koreanFieldValue(Date.now() + 2 * 3_600_000) });
    const outingReason = input('outing-reason');
    const outing = actionForm(
      'case-outing',
      t('console.quarantine.outing.title'),
      [field('outing-from', t('console.quarantine.outing.from'), outingFrom, t('console.quarantine.timeHint')), field('outing-to', t('console.quarantine.outing.to'), outingTo, t('console.quarantine.timeHint')), field('outing-reason', t('console.quarantine.outing.reason'), outingReason, t('console.quarantine.outing.reasonHint'))],
      t('console.quarantine.outing.submit'),
      () => {
        const from = isoFromKoreanField(value(outingFrom));
        const to = isoFromKoreanField(value(outingTo));
        const reason = value(outingReason).trim();
        const problems = [
          ...(from ? [] : [{ field: 'outing-from', message: t('console.quarantine.form.timeInvalid') }]),
          ...(to ? [] : [{ field: 'outing-to', message: t('console.quarantine.form.timeInvalid') }]),
          ...(from && to && Date.parse(to) <= Date.parse(from) ? [{ field: 'outing-to', message: t('console.quarantine.form.endBeforeStart') }] : []),
          ...(reason ? [] : [{ field: 'outing-reason', message: t('console.quarantine.form.reasonRequired') }]),
        ];
        return problems.length > 0 ? { ok: false, problems } : { ok: true, body: { from, to, reason } };
      },
      (body) => api.post(`${path}/outings`, body, { signal }),
      async () => {
        await load({ focus: '#case-outings-title' });
        announce(t('console.quarantine.outing.done'));
      },
      { 'body.from': 'outing-from', 'body.to': 'outing-to', 'body.reason': 'outing-reason' },
    );

    const newEnd = input('extend-ends', { type: 'datetime-local', value: koreanFieldValue(Date.parse(view.endsAt) + 7 * 86_400_000) });
    const extend = actionForm(
      'case-extend',
      t('console.quarantine.extend.title'),
      [field('extend-ends', t('console.quarantine.extend.ends'), newEnd, t('console.quarantine.extend.hint', { end: when(view.endsAt) }))],
      t('console.quarantine.extend.submit'),
      () => {
        const endsAt = isoFromKoreanField(value(newEnd));
        return endsAt ? { ok: true, body: { endsAt } } : { ok: false, problems: [{ field: 'extend-ends', message: t('console.quarantine.form.timeInvalid') }] };
      },
      (body) => api.post(`${path}:extend`, body, { signal }),
      async () => {
        await load({ focus: '#case-summary-title' });
        announce(t('console.quarantine.extend.done'));
      },
      { 'body.endsAt': 'extend-ends' },
    );

    const closeReason = element('textarea', { id: 'close-reason', class: 'text-area' });
    const close = actionForm(
      'case-close',
      t('console.quarantine.close.title'),
      [element('p', {}, [t('console.quarantine.close.intro')]), field('close-reason', t('console.quarantine.close.reason'), closeReason)],
      t('console.quarantine.close.submit'),
      () => {
        const reason = value(closeReason).trim();
        return reason ? { ok: true, body: { reason } } : { ok: false, problems: [{ field: 'close-reason', message: t('console.quarantine.form.reasonRequired') }] };
      },
      (body) => api.post(`${path}:close`, body, { signal }),
      async () => {
        await load({ focus: '#case-summary-title' });
        announce(t('console.quarantine.close.done'));
      },
      { 'body.reason': 'close-reason' },
    );
    return section('case-actions-title', t('console.quarantine.case.actions'), [reissue, issued, outing, extend, close]);
  };

  await load();
};
