import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { RaiseInput, RaiseOutcome } from '../../shared/alerts/raise-alert.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let raiseAlert: (input: RaiseInput) => Promise<RaiseOutcome>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  ({ raiseAlert } = await import('../../shared/alerting.ts'));
  tokens.officer = await runtime.issuer.sign({ role: 'officer', region: '31', officerId: 'officer-ulsan-01' });
  tokens.elsewhere = await runtime.issuer.sign({ role: 'officer', region: '36', officerId: 'officer-sejong-01' });
  tokens.national = await runtime.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-admin-01' });
});
afterAll(() => runtime?.stop());

const alertFor = (caseId: string, region = '31'): RaiseInput => ({
  type: 'SYMPTOMS',
  severity: 'high',
  region,
  officerId: region === '31' ? 'officer-ulsan-01' : 'officer-sejong-01',
  subject: { kind: 'case', id: caseId },
  message: '발열 37.8°C 보고',
});

/** What a console does: poll about once a second with the last cursor, until the alert shows or the deadline passes. */
const pollUntil = async (token: string, cursor: string, wanted: (items: { alertId: string; count: number }[]) => boolean, deadlineMs: number) => {
  const started = Date.now();
  let seen: { alertId: string; count: number; state: string }[] = [];
  let next = cursor;
  while (Date.now() - started < deadlineMs) {
    const response = await api.get(`/v1/alerts/changes?after=${next}`, { bearer: token });
    expect(response.status, response.text).toBe(200);
    seen = seen.concat(response.json.items);
    next = response.json.cursor;
    if (wanted(seen)) return { seen, cursor: next, elapsedMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 250));
  }
  return { seen, cursor: next, elapsedMs: Date.now() - started };
};

const currentCursor = async (token: string): Promise<string> => {
  const response = await api.get('/v1/alerts/changes', { bearer: token });
  expect(response.status).toBe(200);
  expect(response.json.items).toEqual([]);
  return response.json.cursor;
};

describe('the live feed', () => {
  it('shows a new alert for me within 2 s, once, and nothing of another region', async () => {
    const cursor = await currentCursor(tokens.officer ?? '');
    await raiseAlert(alertFor('feed-elsewhere', '36'));
    const { alert } = await raiseAlert(alertFor('feed-1'));
    const result = await pollUntil(tokens.officer ?? '', cursor, (items) => items.some((a) => a.alertId === alert.alertId), 2000);
    expect(result.elapsedMs).toBeLessThan(2000);
    expect(result.seen.filter((a) => a.alertId === alert.alertId)).toHaveLength(1);
    expect(result.seen.every((a) => (a as unknown as { region: string }).region === '31')).toBe(true);

    // Polled on for a few seconds more (past the feed's look-back), the same change never comes again.
    const later = await pollUntil(tokens.officer ?? '', result.cursor, () => false, 6000);
    expect(later.seen.filter((a) => a.alertId === alert.alertId)).toEqual([]);
  });

  it('shows a repeat and an acknowledgement as changes of the same alert', async () => {
    const { alert } = await raiseAlert(alertFor('feed-2'));
    const cursor = await currentCursor(tokens.officer ?? '');
    await raiseAlert(alertFor('feed-2'));
    const repeated = await pollUntil(tokens.officer ?? '', cursor, (items) => items.some((a) => a.alertId === alert.alertId && a.count === 2), 2000);
    expect(repeated.seen.find((a) => a.alertId === alert.alertId)?.count).toBe(2);
    await api.post(`/v1/alerts/${alert.alertId}:acknowledge`, { bearer: tokens.officer, body: {} });
    const acknowledged = await pollUntil(tokens.officer ?? '', repeated.cursor, (items) => items.some((a) => a.alertId === alert.alertId), 2000);
    expect((acknowledged.seen.find((a) => a.alertId === alert.alertId) as { state?: string } | undefined)?.state).toBe('acknowledged');
  });

  it('follows every region for a national admin', async () => {
    const cursor = await currentCursor(tokens.national ?? '');
    const [{ alert: ulsan }, { alert: sejong }] = [await raiseAlert(alertFor('feed-3')), await raiseAlert(alertFor('feed-4', '36'))];
    const result = await pollUntil(tokens.national ?? '', cursor, (items) => [ulsan.alertId, sejong.alertId].every((id) => items.some((a) => a.alertId === id)), 2000);
    expect(result.seen.map((a) => a.alertId)).toEqual(expect.arrayContaining([ulsan.alertId, sejong.alertId]));
  });

  it('refuses another official’s cursor: 403 for another region, 400 naming `after` when garbled', async () => {
    const cursor = await currentCursor(tokens.officer ?? '');
    expect((await api.get(`/v1/alerts/changes?after=${cursor}`, { bearer: tokens.elsewhere })).status).toBe(403);
    const garbled = await api.get('/v1/alerts/changes?after=xyz', { bearer: tokens.officer });
    expect(garbled.status).toBe(400);
    expect(garbled.json.errors[0].field).toBe('query.after');
  });
});
