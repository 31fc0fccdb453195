import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { hashPath } from '../../../web/console/registry.js';
import {
  caseIdOf,
  countsByState,
  daysLeft,
  fenceShapeOf,
  isoFromKoreanField,
  koreanFieldValue,
  mapPointsOf,
  newCaseBody,
  positionsOf,
  timelineOf,
  // @ts-expect-error plain ES module of the pages, typed by JSDoc
} from '../../../web/console/screens/quarantine/case-view.js';

const form = {
  name: '김민수',
  phone: '010-1234-5678',
  language: 'ko',
  lat: '37.5665',
  lng: '126.978',
  address: '',
  radiusM: '',
  startsAt: '2026-12-02T09:00',
  endsAt: '2026-12-16T09:00',
  region: '11',
  officerId: 'officer-seoul-01',
};

describe('the quarantine screens’ view rules', () => {
  it('counts a started day as a day left, and none once the case has ended', () => {
    const now = Date.parse('2026-12-02T00:00:00Z');
    expect(daysLeft('2026-12-16T00:00:00Z', now)).toBe(14);
    expect(daysLeft('2026-12-02T00:00:01Z', now)).toBe(1);
    expect(daysLeft('2026-12-01T23:59:59Z', now)).toBe(0);
    expect(daysLeft('not a time', now)).toBe(0);
  });

  it('reads and writes the form’s times as Korean wall-clock time, whatever the reader’s zone', () => {
    expect(koreanFieldValue('2026-12-02T00:30:00Z')).toBe('2026-12-02T09:30');
    expect(isoFromKoreanField('2026-12-02T09:30')).toBe('2026-12-02T09:30:00+09:00');
    expect(isoFromKoreanField('')).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }), (ms) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        expect(Date.parse(isoFromKoreanField(koreanFieldValue(minute)) as string)).toBe(minute);
      }),
    );
  });

  it('builds the new case the API expects, with the 100 m circle unless the official changed it', () => {
    const built = newCaseBody(form);
    expect(built).toEqual({
      ok: true,
      body: {
        person: { name: '김민수', phone: '010-1234-5678', language: 'ko' },
        home: { lat: 37.5665, lng: 126.978 },
        fence: { type: 'circle', radiusM: 100 },
        startsAt: '2026-12-02T09:00:00+09:00',
        endsAt: '2026-12-16T09:00:00+09:00',
        region: '11',
        officerId: 'officer-seoul-01',
      },
    });
    expect(newCaseBody({ ...form, lat: '', lng: '', address: '서울특별시 중구 세종대로 110', radiusM: '250' }).body).toMatchObject({ home: { address: '서울특별시 중구 세종대로 110' }, fence: { radiusM: 250 } });
  });

  it('names every field an official must fix before the form is sent', () => {
    const fields = (values: Partial<typeof form>) => (newCaseBody({ ...form, ...values }).problems ?? []).map((p: { field: string }) => p.field);
    expect(fields({ name: ' ' })).toEqual(['case-name']);
    expect(fields({ phone: 'call me' })).toEqual(['case-phone']);
    expect(fields({ lat: '', lng: '' })).toEqual(['case-lat']);
    expect(fields({ lng: '' })).toEqual(['case-lng']);
    expect(fields({ lat: '95' })).toEqual(['case-lat']);
    expect(fields({ radiusM: '10' })).toEqual(['case-radius']);
    expect(fields({ radiusM: '2001' })).toEqual(['case-radius']);
    expect(fields({ endsAt: '2026-12-01T09:00' })).toEqual(['case-ends']);
    expect(fields({ startsAt: '' })).toEqual(['case-starts']);
  });

  it('lists the timeline newest first without the positions, which the table under the map lists oldest first', () => {
    const timeline = [
      { at: '2026-12-02T01:00:00Z', kind: 'checkin', temperatureC: 36.5 },
      { at: '2026-12-02T03:00:00Z', kind: 'position', lat: 37.57, lng: 126.99, accuracyM: 12 },
      { at: '2026-12-02T02:00:00Z', kind: 'position', lat: 37.56, lng: 126.98, accuracyM: 20 },
      { at: '2026-12-02T02:00:00Z', kind: 'transition', from: 'INSIDE', to: 'OUTSIDE' },
      { at: '2026-12-02T02:00:00Z', kind: 'alert', type: 'GEOFENCE_EXIT' },
    ];
    expect(timelineOf(timeline).map((e: { kind: string }) => e.kind)).toEqual(['transition', 'alert', 'checkin']);
    expect(positionsOf(timeline)).toEqual([
      { at: '2026-12-02T02:00:00Z', lat: 37.56, lng: 126.98, accuracyM: 20 },
      { at: '2026-12-02T03:00:00Z', lat: 37.57, lng: 126.99, accuracyM: 12 },
    ]);
  });

  it('never places a home on the region map closer than three decimals (≈100 m), and leaves out cases without one', () => {
    fc.assert(
      fc.property(fc.double({ min: 33, max: 39, noNaN: true }), fc.double({ min: 124, max: 132, noNaN: true }), (lat, lng) => {
        const [point] = mapPointsOf([{ caseId: 'c_x', officerId: 'o', state: 'active', fence: 'INSIDE', home: { lat, lng } }]);
        expect(Math.abs(point.lat - lat)).toBeLessThanOrEqual(0.0005 + 1e-9);
        expect(Math.round(point.lat * 1000)).toBeCloseTo(point.lat * 1000, 6);
        expect(Math.round(point.lng * 1000)).toBeCloseTo(point.lng * 1000, 6);
      }),
    );
    expect(mapPointsOf([{ caseId: 'c_y', officerId: 'o', state: 'purged', fence: 'UNKNOWN' }])).toEqual([]);
  });

  it('counts cases by state and fence state with every row and column present', () => {
    const items = [
      { state: 'active', fence: 'INSIDE' },
      { state: 'active', fence: 'OUTSIDE' },
      { state: 'active', fence: 'INSIDE' },
      { state: 'ended', fence: 'UNKNOWN' },
    ];
    expect(countsByState(items)).toEqual([
      { state: 'active', total: 3, fence: { INSIDE: 2, OUTSIDE: 1, UNKNOWN: 0 } },
      { state: 'ended', total: 1, fence: { INSIDE: 0, OUTSIDE: 0, UNKNOWN: 1 } },
      { state: 'purged', total: 0, fence: { INSIDE: 0, OUTSIDE: 0, UNKNOWN: 0 } },
    ]);
  });

  it('draws a polygon fence in Leaflet’s order and a circle around its centre or the home', () => {
    expect(fenceShapeOf({ type: 'polygon', coordinates: [[127, 37], [127.001, 37], [127, 37.001], [127, 37]] })).toEqual({ kind: 'polygon', ring: [[37, 127], [37, 127.001], [37.001, 127], [37, 127]] });
    expect(fenceShapeOf({ type: 'circle', radiusM: 150 }, { lat: 37.5, lng: 127 })).toEqual({ kind: 'circle', center: [37.5, 127], radiusM: 150 });
    expect(fenceShapeOf({ type: 'circle', center: { lat: 35, lng: 129 }, radiusM: 100 }, { lat: 37.5, lng: 127 })).toMatchObject({ center: [35, 129] });
  });

  it('opens a case’s page from its address, and nothing for an address that names no case', () => {
    const caseId = 'c_abcdefghijklmnopqrstuv';
    expect(hashPath(`#/cases/${caseId}`)).toBe(caseId);
    expect(hashPath('#/cases')).toBe('');
    expect(hashPath('#/cases/')).toBe('');
    expect(hashPath('#/cases/%E0%A4%A')).toBe('');
    expect(caseIdOf(caseId)).toBe(caseId);
    expect(caseIdOf('c_short')).toBeUndefined();
    expect(caseIdOf('../officials')).toBeUndefined();
  });
});
