import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { fixtureManifest } from '../fixtures/fixture-manifest.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ manifest: fixtureManifest });
});
afterAll(() => runtime.stop());

describe('the local event bus', () => {
  it('delivers EventBridge-shaped events to the functions whose pattern matches', async () => {
    const file = resolve(runtime.dataDir, 'fixture-events.jsonl');
    process.env.FIXTURE_EVENTS_FILE = file;
    const { events } = await import('../../shared/events.ts');
    await events.publish([
      { source: 'crisis.fixture', detailType: 'Geofence Exit', detail: { region: '11', caseId: 'c-1' } },
      { source: 'crisis.fixture', detailType: 'Geofence Exit', detail: { region: '26', caseId: 'c-2' } },
      { source: 'crisis.other', detailType: 'Geofence Exit', detail: { region: '11', caseId: 'c-3' } },
    ]);
    await runtime.bus.settled();
    const received = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ source: 'crisis.fixture', 'detail-type': 'Geofence Exit', detail: { caseId: 'c-1' } });
    expect(received[0].id).toEqual(expect.any(String));
  });
});
