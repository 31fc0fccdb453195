/**
 * Alert delivery through the local runtime: from the outbox write (the `alerts` PutItem a context makes)
 * to the local SNS's delivery record in notifications.jsonl, with 200 subscriptions on the topic (SNS's
 * default quota of filter policies per topic) spread over regions, roles and filters:
 *
 * - latency, one alert at a time (the stream poller, the publish-alerts handler, the claim, the 200
 *   policies, the append, the mark), and at 20 alerts a second;
 * - from the outbox write to the console's live feed: a poller that does what the console does (wait
 *   FEED_POLL_MS after each answer, then `GET /v1/alerts/changes?after=`), and the same feed read back to
 *   back (the baseline: what the index and the request cost, without the wait);
 * - sustained publishing: 2,000 alerts written at once, until the last is published;
 * - filter evaluations per second in-process: the compiled policies against the same policies read as
 *   written (`matchesPolicy`, the baseline), and a naive baseline that compares JSON values.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LatencyHistogram } from './harness/histogram.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { seededRandom } from './harness/random.ts';
import { startSystem } from './harness/system.ts';
import type { Alert } from '../shared/alerts/alert.ts';
import { ALERT_SEVERITIES, toNotification } from '../shared/alerts/alert.ts';
import { compilePolicy, matchesPolicy, stringAttributes, type FilterPolicy, type MessageAttributes } from '../shared/alerts/filter-policy.ts';
import { policyFor } from '../shared/alerts/subscription-filter.ts';
import type { Official, OfficialRole } from '../shared/auth/principal.ts';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { FEED_POLL_MS } from '../web/console/screens/alerts/inbox.js';

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const REGIONS = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '42', '43', '44', '45', '46', '47', '48', '50'];
const TYPES = ['GEOFENCE_EXIT', 'SYMPTOMS', 'MISSED_CHECK_IN', 'STORE_EMPTY', 'SIGNATURE_REJECTIONS'];
const SUBSCRIPTIONS = 200;
const random = seededRandom(2020);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

/** 200 officials as a national deployment might have them on one topic: mostly officers, some admins, two national. */
const officials: Official[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
  const role: OfficialRole = i < 2 ? 'national-admin' : i % 8 === 0 ? 'admin' : 'officer';
  return { kind: 'official', role, region: REGIONS[i % REGIONS.length] as string, officerId: `officer-${String(i).padStart(4, '0')}` };
});
const filterOf = (i: number) =>
  i % 3 === 0 ? { severity: ['high', 'critical'] as const } : i % 3 === 1 ? { alertType: TYPES.slice(0, 1 + (i % TYPES.length)) } : {};

let sequence = 0;
const alertOf = (createdAt = new Date().toISOString()): Alert => {
  const region = pick(REGIONS);
  const officer = pick(officials);
  return {
    alertId: `bench-${process.pid}-${sequence++}`,
    type: pick(TYPES),
    severity: pick(ALERT_SEVERITIES),
    region,
    ...(random() < 0.7 ? { officerId: officer.officerId } : {}),
    subject: { kind: 'case', id: `c-${sequence}` },
    message: '벤치마크 경보',
    createdAt,
  };
};

/** Follows notifications.jsonl as it grows and says when each alert's publish line appeared. */
class PublishedWatcher {
  #offset = 0;
  #rest = '';
  #fd: number | undefined;
  readonly #seen = new Map<string, number>();
  readonly #waiting = new Map<string, (at: number) => void>();
  #timer: NodeJS.Timeout | undefined;
  deliveries = 0;

  constructor(private readonly path: string) {
    this.#tick();
  }

  published(alertId: string): Promise<number> {
    const seen = this.#seen.get(alertId);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiting.set(alertId, resolve));
  }

  stop(): void {
    clearTimeout(this.#timer);
    if (this.#fd !== undefined) closeSync(this.#fd);
  }

  #tick(): void {
    this.#read();
    this.#timer = setTimeout(() => this.#tick(), 1);
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
    const text = this.#rest + buffer.toString('utf8');
    const lines = text.split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"type":"delivery"')) {
        this.deliveries++;
        continue;
      }
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
  const [{ AlertsRepository }, { OfficialSubscriptions }, { SubscriptionsRepository }, { AuditRepository }, { notifier }] = await Promise.all([
    import('../shared/data/alerts-repository.ts'),
    import('../shared/alerts/official-subscriptions.ts'),
    import('../shared/data/subscriptions-repository.ts'),
    import('../shared/data/audit-repository.ts'),
    import('../shared/notifier.ts'),
  ]);
  const service = new OfficialSubscriptions(new SubscriptionsRepository(), notifier, new AuditRepository());
  for (const [i, official] of officials.entries()) {
    const outcome = await service.create(official, { protocol: 'sms', endpoint: `+8210555${String(10000 + i)}`, filter: filterOf(i) });
    if (!('created' in outcome)) throw new Error(`subscription ${i} refused: ${JSON.stringify(outcome)}`);
  }
  progress(`${SUBSCRIPTIONS} subscriptions made`);

  const alerts = new AlertsRepository();
  const raise = async (): Promise<number> => {
    const alert = alertOf();
    const at = performance.now();
    await alerts.record(alert);
    return (await watcher.published(alert.alertId)) - at;
  };

  progress('warming up (100 alerts)');
  for (let i = 0; i < 100; i++) await raise();

  progress('one at a time (500 alerts)');
  const sequential = new LatencyHistogram();
  const write = new LatencyHistogram();
  for (let i = 0; i < 500; i++) {
    const alert = alertOf();
    const at = performance.now();
    await alerts.record(alert);
    write.record(performance.now() - at);
    sequential.record((await watcher.published(alert.alertId)) - at);
  }

  progress(`the console's live feed (${FEED_POLL_MS} ms between polls, and back to back), 2 × 300 alerts`);
  const { OfficialsRepository } = await import('../shared/data/officials-repository.ts');
  const { raiseAlert } = await import('../shared/alerting.ts');
  await new OfficialsRepository().create(
    { officerId: 'feed-officer', role: 'officer', region: '11', name: '벤치 담당자', email: 'feed-officer@example.org', enabled: true, createdAt: new Date().toISOString(), createdBy: 'bench' },
    'bench',
  );
  const token = await system.issuer.sign({ role: 'officer', region: '11', officerId: 'feed-officer' });
  const feedLatency = async (pauseMs: number): Promise<{ toScreen: LatencyHistogram; poll: LatencyHistogram }> => {
    const toScreen = new LatencyHistogram();
    const poll = new LatencyHistogram();
    const arrived = new Map<string, number>();
    const get = async (after?: string) => {
      const at = performance.now();
      const answer = await fetch(`${system.baseUrl}/v1/alerts/changes${after ? `?after=${encodeURIComponent(after)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
      if (answer.status !== 200) throw new Error(`the feed answered ${answer.status}: ${await answer.text()}`);
      const body = (await answer.json()) as { items: { alertId: string }[]; cursor: string };
      poll.record(performance.now() - at);
      for (const item of body.items) if (!arrived.has(item.alertId)) arrived.set(item.alertId, performance.now());
      return body.cursor;
    };
    let cursor = await get();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        cursor = (await get(cursor)) ?? cursor;
      }
    })();
    const written = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      // Gaps that are no multiple of the poll, so writes fall at every phase of it.
      await new Promise((r) => setTimeout(r, 20 + random() * 180));
      // Raised as a context raises one (the inbox and feed keys with the outbox write), each on its own subject.
      const { alertId: _id, createdAt: _at, ...input } = { ...alertOf(), region: '11' };
      const at = performance.now();
      const outcome = await raiseAlert(input);
      written.set(outcome.alert.alertId, at);
    }
    const deadline = performance.now() + 30_000;
    while ([...written.keys()].some((id) => !arrived.has(id))) {
      if (performance.now() > deadline) {
        polling = false;
        const missing = [...written.keys()].filter((id) => !arrived.has(id));
        throw new Error(`${missing.length} of ${written.size} alerts never reached the feed within 30 s (first: ${missing[0]})`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    polling = false;
    await poller;
    for (const [id, at] of written) toScreen.record((arrived.get(id) as number) - at);
    return { toScreen, poll };
  };
  const consoleFeed = await feedLatency(FEED_POLL_MS);
  const backToBack = await feedLatency(0);

  progress('20 alerts a second for 20 s');
  const paced = new LatencyHistogram();
  const pacedDone: Promise<void>[] = [];
  const pacedStart = performance.now();
  for (let i = 0; i < 400; i++) {
    const due = pacedStart + i * 50;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pacedDone.push(raise().then((ms) => paced.record(ms)));
  }
  await Promise.all(pacedDone);

  progress('2,000 alerts at once');
  const burst = Array.from({ length: 2000 }, () => alertOf());
  const deliveriesBefore = watcher.deliveries;
  const burstStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < burst.length) await alerts.record(burst[next++] as Alert);
    }),
  );
  const written = performance.now() - burstStart;
  const last = Math.max(...(await Promise.all(burst.map((a) => watcher.published(a.alertId)))));
  const burstSeconds = (last - burstStart) / 1000;
  const burstDeliveries = watcher.deliveries - deliveriesBefore;

  progress('filter evaluations in-process');
  const policies: FilterPolicy[] = officials.map((official, i) => {
    const outcome = policyFor(official, filterOf(i));
    if (!('policy' in outcome)) throw new Error('bench policy refused');
    return outcome.policy;
  });
  const compiled = policies.map(compilePolicy);
  const messages: MessageAttributes[] = Array.from({ length: 2000 }, () => stringAttributes(toNotification(alertOf()).attributes));
  const rawMessages = messages.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.StringValue as string])));
  /** A naive reading: each key's list turned to JSON strings and searched, as a first attempt might. */
  const naive = (policy: FilterPolicy, message: Record<string, string>) =>
    Object.entries(policy).every(([key, conditions]) => {
      const wanted = conditions.map((c) => JSON.stringify(c));
      return key in message ? wanted.includes(JSON.stringify(message[key])) : wanted.includes(JSON.stringify({ exists: false }));
    });
  // The baselines decide these policies alike (exact values and `exists: false` only), so all three do the same work.
  for (let m = 0; m < messages.length; m += 7) {
    for (let p = 0; p < policies.length; p++) {
      const expected = matchesPolicy(policies[p] as FilterPolicy, messages[m] as MessageAttributes);
      if ((compiled[p] as (a: MessageAttributes) => boolean)(messages[m] as MessageAttributes) !== expected || naive(policies[p] as FilterPolicy, rawMessages[m] as Record<string, string>) !== expected) {
        throw new Error(`the evaluators disagree on policy ${p} and message ${m}`);
      }
    }
  }
  const evaluationsPerSecond = (evaluate: (p: number, m: number) => boolean): number => {
    const rounds: number[] = [];
    for (let round = 0; round < 5; round++) {
      let matched = 0;
      const at = performance.now();
      for (let m = 0; m < messages.length; m++) for (let p = 0; p < policies.length; p++) if (evaluate(p, m)) matched++;
      const seconds = (performance.now() - at) / 1000;
      if (matched === 0) throw new Error('no policy matched: the bench measures nothing');
      rounds.push((messages.length * policies.length) / seconds);
    }
    return rounds.sort((a, b) => a - b)[2] as number;
  };
  const compiledRate = evaluationsPerSecond((p, m) => (compiled[p] as (a: MessageAttributes) => boolean)(messages[m] as MessageAttributes));
  const readRate = evaluationsPerSecond((p, m) => matchesPolicy(policies[p] as FilterPolicy, messages[m] as MessageAttributes));
  const naiveRate = evaluationsPerSecond((p, m) => naive(policies[p] as FilterPolicy, rawMessages[m] as Record<string, string>));

  if (system.handlerErrors.count > 0) throw new Error(`handlers failed ${system.handlerErrors.count} times`, { cause: system.handlerErrors.first });

  const figures: Figure[] = [
    ...latencyFigures('outbox write → delivery record, one at a time', sequential.summary(), ['p50', 'p99', 'max']),
    ...latencyFigures('outbox write alone (PutItem), one at a time', write.summary(), ['p50', 'p99']),
    ...latencyFigures('outbox write → delivery record, 20 alerts/s', paced.summary(), ['p50', 'p99', 'max']),
    ...latencyFigures(`outbox write → console feed, polled as the console does (${FEED_POLL_MS} ms between)`, consoleFeed.toScreen.summary(), ['p50', 'p99', 'max']),
    ...latencyFigures('outbox write → feed, polled back to back (baseline)', backToBack.toScreen.summary(), ['p50', 'p99', 'max']),
    ...latencyFigures('one feed poll (GET /v1/alerts/changes)', consoleFeed.poll.summary(), ['p50', 'p99']),
    { name: '2,000 alerts written at once: published', value: burst.length / burstSeconds, unit: 'alerts/s', better: 'higher' },
    { name: '2,000 alerts written at once: written', value: burst.length / (written / 1000), unit: 'alerts/s', better: 'higher' },
    { name: '2,000 alerts written at once: delivery records', value: burstDeliveries / burstSeconds, unit: 'records/s', better: 'higher' },
    { name: 'filter evaluations, compiled', value: compiledRate, unit: 'evals/s', better: 'higher' },
    { name: 'filter evaluations, read as written (baseline)', value: readRate, unit: 'evals/s', better: 'higher' },
    { name: 'filter evaluations, naive JSON comparison (baseline)', value: naiveRate, unit: 'evals/s', better: 'higher' },
    ratio('compiled / read as written', compiledRate, readRate, 'higher'),
    ratio('compiled / naive JSON comparison', compiledRate, naiveRate, 'higher'),
  ];
  publish('alerts-delivery', figures);
} finally {
  watcher.stop();
  await system.stop();
}
