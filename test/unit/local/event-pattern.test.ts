import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../infra/local/event-bus.ts';

const exit = { source: 'crisis.quarantine', detailType: 'Geofence Exit', detail: { region: '11', caseId: 'c1' } };

describe('local event patterns', () => {
  it('match on source, detail-type and each listed detail field', () => {
    expect(matchesPattern({ source: ['crisis.quarantine'] }, exit)).toBe(true);
    expect(matchesPattern({ source: ['crisis.quarantine'], 'detail-type': ['Geofence Exit'], detail: { region: ['11', '41'] } }, exit)).toBe(true);
  });

  it('refuse any field that is not in its list', () => {
    expect(matchesPattern({ source: ['crisis.relief'] }, exit)).toBe(false);
    expect(matchesPattern({ source: ['crisis.quarantine'], 'detail-type': ['Geofence Enter'] }, exit)).toBe(false);
    expect(matchesPattern({ source: ['crisis.quarantine'], detail: { region: ['26'] } }, exit)).toBe(false);
    expect(matchesPattern({ source: ['crisis.quarantine'], detail: { officerId: ['o1'] } }, exit)).toBe(false);
  });
});
