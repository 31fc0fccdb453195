/**
 * `npm run bench -- quarantine-positions`: the positions route through the local gateway, as the
 * check-in apps of many quarantined people call it (one position a request, a device token each):
 *
 * - sustained position pings/s at 40 connections over CASES cases (the 2020 peak, 60,000 people at
 *   one ping a minute, is 1,000/s), and the ingest latency (p50, p99);
 * - position-to-alert while that load runs: a case walks out of its fence, and from the moment its
 *   confirming sample is posted until the `GEOFENCE_EXIT` is in the outbox (the route's answer) and
 *   published (the local SNS's line in notifications.jsonl), p50/p99 over TRIALS exits;
 * - the same pings at 4 connections (latency without the queue 40 connections build);
 * - `GET /v1/health` at the same connections, the same run: the gateway's own ceiling on this machine;
 * - check-ins/s at the same connections: a new id each, healthy (no alert), one transaction each.
 *
 * Env: BENCH_SECONDS (default 10) for the measured span.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LatencyHistogram } from './harness/histogram.ts';
import { httpLoad } from './harness/load.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const CASES = 400;
const TRIALS = 30;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HOME = { lat: 37.5665, lng: 126.978 };
const north = (metres: number) => ({ lat: HOME.lat + metres / 111_195, lng: HOME.lng });

/** When each alert's publish line appeared in notifications.jsonl (performance.now()). */
class PublishedWatcher {
  #offset = 0;
  #rest = '';
  #fd: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #seen = new Map<string, number>();
  readonly #waiting = new Map<string, (at: number) => void>();

  constructor(private readonly path: string) {
    this.#tick();
  }

  published(alertId: string): Promise<number> {
    const seen = this.#seen.get(alertId);
    return seen !== undefined ? Promise.resolve(seen) : new Promise((done) => this.#waiting.set(alertId, done));
  }

  stop(): void {
    clearTimeout(this.#timer);
    if (this.#fd !== undefined) closeSync(this.#fd);
  }

  #tick(): void {
    this.#read();
    this.#timer = setTimeout(() => this.#tick(), 2);
  }

  #read(): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return;
    }
    if (size <= this.#offset) return;
    this.#fd ??= openSync(this.path, 'r');
    const buffer = Buffer.alloc(size - this.#offset);
    readSync(this.#fd, buffer, 0, buffer.length, this.#offset);
    this.#offset = size;
    const now = performance.now();
    const lines = (this.#rest + buffer.toString('utf8')).split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"type":"publish"')) continue;
      const alertId = (JSON.parse(line) as { attributes: { alertId: string } }).attributes.alertId;
      this.#seen.set(alertId, now);
      this.#waiting.get(alertId)?.(now);
      this.#waiting.delete(alertId);
    }
  }
}

const started = performance.now();
const system = await startSystem({ seed: false });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const watcher = new PublishedWatcher(resolve(system.dataDir, 'notifications.jsonl'));

try {
  const [{ QuarantineCasesRepository }, { AlertsRepository }, { Credentials }, { CredentialsRepository }, { secrets }, { newCaseId }, { dueAttributes }, { quarantineConfig }] =
    await Promise.all([
      import('../shared/data/quarantine-cases-repository.ts'),
      import('../shared/data/alerts-repository.ts'),
      import('../shared/platform/credentials.ts'),
      import('../shared/data/credentials-repository.ts'),
      import('../shared/secrets.ts'),
      import('../shared/quarantine/case-id.ts'),
      import('../shared/quarantine/case-due.ts'),
      import('../shared/quarantine/quarantine-config.ts'),
    ]);
  const cases = new QuarantineCasesRepository();
  const alerts = new AlertsRepository();
  const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));

  /** An enrolled case at home, and its device token. */
  const enrolled = async (i: number): Promise<{ caseId: string; token: string }> => {
    const now = Date.now();
    const caseId = newCaseId();
    const record = {
      caseId,
      region: '11',
      officerId: `officer-bench-${i % 20}`,
      state: 'active' as const,
      personSealed: 'bench',
      language: 'ko' as const,
      home: HOME,
      fence: { type: 'circle' as const, center: HOME, radiusM: 100 },
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now + 10 * 86_400_000).toISOString(),
      createdAt: new Date(now - 86_400_000).toISOString(),
      createdBy: 'bench',
      enrolledAt: new Date(now - 86_400_000).toISOString(),
      geofence: { fence: 'INSIDE' as const },
      outings: [],
      v: 1,
    };
    if (!(await cases.create({ ...record, ...dueAttributes(record, quarantineConfig, now) }))) throw new Error('case not created');
    return { caseId, token: await credentials.issue('device', caseId) };
  };
  const made: { caseId: string; token: string }[] = [];
  for (let i = 0; i < CASES + TRIALS; i += 20) made.push(...(await Promise.all(Array.from({ length: Math.min(20, CASES + TRIALS - i) }, (_, j) => enrolled(i + j)))));
  const pinging = made.slice(0, CASES);
  const leaving = made.slice(CASES);
  progress(`${made.length} cases enrolled`);

  // One request per case in turn: a position at home (indoors, 30 m), timed as it is sent.
  // `{{seq}}` starts again in each load: each load has its own id prefix, or its ids would be reused (409).
  const requests = (prefix: string) => pinging.map(({ token }) => ({
    method: 'POST',
    path: '/v1/quarantine/positions',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ positions: [{ id: `${prefix}{{seq}}`, at: '{{now}}', ...north(15), accuracyM: 30 }] }),
  }));

  const post = (token: string, body: unknown) =>
    fetch(`${system.baseUrl}/v1/quarantine/positions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const toOutbox = new LatencyHistogram();
  const toPublished = new LatencyHistogram();
  /** One person walking out: at home, then 180 m and 270 m at walking pace; timed from the confirming post. */
  const exitTrial = async ({ caseId, token }: { caseId: string; token: string }) => {
    const t = Date.now();
    const fix = (id: string, ago: number, metres: number) => ({ id, at: new Date(t - ago).toISOString(), ...north(metres), accuracyM: 10 });
    await post(token, { positions: [fix('h0', 180_000, 10), fix('h1', 120_000, 5), fix('o1', 60_000, 180)] });
    const sent = performance.now();
    const answer = await post(token, { positions: [fix('o2', 0, 270)] });
    const answered = performance.now();
    if (!answer.ok) throw new Error(`exit upload answered ${answer.status}`);
    toOutbox.record(answered - sent);
    const alert = await alerts.unresolvedOf('GEOFENCE_EXIT', { kind: 'case', id: caseId });
    if (!alert) throw new Error('no GEOFENCE_EXIT after the confirming sample');
    toPublished.record((await watcher.published(alert.alertId)) - sent);
  };

  const load = httpLoad({ baseUrl: system.baseUrl, request: requests('a'), concurrency: CONCURRENCY, warmup: { seconds: 3 }, measure: { seconds: SECONDS } });
  // The exits run while the pings load the system, spread over the measured span.
  await new Promise((done) => setTimeout(done, 3_000));
  for (const trial of leaving) {
    await exitTrial(trial);
    await new Promise((done) => setTimeout(done, (SECONDS * 1000) / TRIALS / 2));
  }
  const pings = await load;
  // The same machine's gateway with no handler work, in the same run: absolute figures move with whatever
  // else the two cores run (DynamoDB Local's JVM above all); the ratio moves less.
  // Latency without the queue that 40 connections build in front of DynamoDB Local.
  const light = await httpLoad({ baseUrl: system.baseUrl, request: requests('b'), concurrency: 4, warmup: { seconds: 1 }, measure: { seconds: Math.min(5, SECONDS) } });
  const health = await httpLoad({ baseUrl: system.baseUrl, request: { path: '/v1/health' }, concurrency: CONCURRENCY, warmup: { seconds: 1 }, measure: { seconds: Math.min(5, SECONDS) } });
  if (system.handlerErrors.count > 0) throw new Error(`handlers failed ${system.handlerErrors.count} times: ${String(system.handlerErrors.first)}`);

  // Check-ins: each a new id, healthy (no alert), the request record, the check-in and the case in one transaction.
  progress(`check-ins at ${CONCURRENCY} connections`);
  const checkinRequests = pinging.map(({ token }) => ({
    method: 'POST',
    path: '/v1/quarantine/checkins',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ checkinId: 'bench-checkin-{{seq}}', at: '{{now}}', temperatureC: 36.5, symptoms: { fever: false, cough: false, soreThroat: false, shortnessOfBreath: false } }),
  }));
  const checkins = await httpLoad({ baseUrl: system.baseUrl, request: checkinRequests, concurrency: CONCURRENCY, warmup: { seconds: 1 }, measure: { seconds: Math.min(5, SECONDS) } });

  const figures: Figure[] = [
    { name: `position pings at ${CONCURRENCY} connections, ${CASES} cases, 1 position a request`, value: pings.perSecond, unit: 'req/s', better: 'higher' },
    ...latencyFigures(`position ingest at ${CONCURRENCY} connections`, pings.latency, ['p50', 'p99']),
    { name: 'position pings at 4 connections', value: light.perSecond, unit: 'req/s', better: 'higher' },
    ...latencyFigures('position ingest at 4 connections', light.latency, ['p50', 'p99']),
    { name: `GET /v1/health at ${CONCURRENCY} connections (baseline)`, value: health.perSecond, unit: 'req/s', better: 'higher' },
    ratio('position pings / health', pings.perSecond, health.perSecond, 'higher'),
    { name: `check-ins at ${CONCURRENCY} connections`, value: checkins.perSecond, unit: 'req/s', better: 'higher' },
    ...latencyFigures(`check-in at ${CONCURRENCY} connections`, checkins.latency, ['p50', 'p99']),
    ...latencyFigures(`position-to-alert answered (the alert is in the outbox before the answer), ${TRIALS} exits under load`, toOutbox.summary(), ['p50', 'p99']),
    ...latencyFigures(`position-to-alert published (local SNS), ${TRIALS} exits under load`, toPublished.summary(), ['p50', 'p99']),
  ];
  publish('quarantine-positions', figures);
} finally {
  watcher.stop();
  await system.stop();
}
