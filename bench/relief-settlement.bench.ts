/**
 * The settlement of a card company's day of a million authorizations. Measured in one run:
 * - the settlement as the API answers it: `GET /v1/admin/relief/settlements` (gateway, auth, the 16
 *   shards' Query), and the shards' Query alone;
 * - the baseline: the same figures summed from the day's transfers (a Query of `byPartnerDay`, page by
 *   page: what the reconciliation and a report without shards would do), and the CSV download's pages.
 *
 * The transfers are written with BatchWriteItem straight into the ledger table (the fastest real path
 * into DynamoDB Local; the ledger's own transactions are slower and measured by its own bench), in the
 * layout infra/manifest/relief.ts documents. By default 100,000 of them (RELIEF_BENCH_TRANSFERS to
 * change it): a million takes DynamoDB Local's JVM over a gigabyte on this shared 2-core machine. The
 * transfer-side figures are linear in the day's size and are extrapolated to 1,000,000; the shard read
 * does not depend on it.
 */
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { closedLoop, type ClosedLoopOptions } from './harness/closed-loop.ts';
import { LatencyHistogram } from './harness/histogram.ts';
import { latencyFigures, publish, ratio } from './harness/results.ts';
import { startSystem } from './harness/system.ts';

const TRANSFERS = Number(process.env.RELIEF_BENCH_TRANSFERS ?? 100_000);
const MILLION = 1_000_000;
const DAY = '2020-05-13';
const PARTNER = 'kb';
const SEQUENTIAL: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 50 }, measure: { calls: 500 } };

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const started = performance.now();
const system = await startSystem({ demoStores: 0 });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

try {
  const table = system.tableNames.get('relief-ledger');
  const admin = system.credentials.officials.find((o) => o.role === 'national-admin');
  if (!table || !admin) throw new Error('No relief-ledger table or seeded national admin');
  const client = new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  // The day: 95 % spends, 4 % reversals, 1 % late reversals, amounts of a neighbourhood shop.
  const dayStart = Date.parse(`${DAY}T00:00:00+09:00`);
  const shards = Array.from({ length: 16 }, () => ({ approved: 0, approvedCount: 0, reversed: 0, reversedCount: 0, lateReversed: 0, lateReversedCount: 0 }));
  const transferItem = (i: number) => {
    const kind = i % 100 < 95 ? 'spend' : i % 100 < 99 ? 'reversal' : 'late-reversal';
    const amount = 1_000 + ((i * 7_919) % 99_000);
    const shard = shards[i % 16]!;
    const figure = kind === 'spend' ? 'approved' : kind === 'reversal' ? 'reversed' : 'lateReversed';
    shard[figure] += amount;
    shard[`${figure}Count`] += 1;
    const id = `t${String(i).padStart(7, '0')}`;
    return {
      pk: { S: `transfer#${id}` },
      sk: { S: 'transfer' },
      transferId: { S: id },
      kind: { S: kind },
      amount: { N: String(amount) },
      grantId: { S: `g_${i % 50_000}` },
      partnerId: { S: PARTNER },
      at: { S: new Date(dayStart + Math.floor((i / TRANSFERS) * 86_399_000)).toISOString() },
      partnerDay: { S: `${PARTNER}#${DAY}` },
    };
  };
  const batchWrite = async (items: Record<string, { S: string } | { N: string }>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  progress(`writing ${TRANSFERS.toLocaleString('en-US')} transfers with BatchWriteItem`);
  const writeStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < TRANSFERS) {
        const from = next;
        next += 25;
        await batchWrite(Array.from({ length: Math.min(25, TRANSFERS - from) }, (_, k) => transferItem(from + k)));
      }
    }),
  );
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  await batchWrite(
    shards.map((s, n) => ({
      pk: { S: `settlement#${PARTNER}#${DAY}` },
      sk: { S: `shard#${n}` },
      ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { N: String(v) }])),
    })),
  );
  progress(`written in ${writeSeconds.toFixed(1)} s`);
  const expectedNet = shards.reduce((sum, s) => sum + s.approved - s.reversed - s.lateReversed, 0);

  const path = `/v1/admin/relief/settlements?partner=${PARTNER}&date=${DAY}`;
  const headers = { authorization: `Bearer ${admin.token}` };
  const settlementCall = async () => {
    const answer = await fetch(system.baseUrl + path, { headers });
    const body = (await answer.json()) as { netWon?: number };
    if (answer.status !== 200 || body.netWon !== expectedNet) throw new Error(`settlement answered ${answer.status} net ${body.netWon}, expected ${expectedNet}`);
  };
  const shardQuery = () =>
    client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `settlement#${PARTNER}#${DAY}` } }, ConsistentRead: true }));

  progress('measuring the settlement (HTTP) and the shard Query, sequential');
  const viaApi = await closedLoop(settlementCall, SEQUENTIAL);
  const viaShards = await closedLoop(shardQuery, SEQUENTIAL);

  progress('measuring the baseline: summing the day from its transfers (byPartnerDay Query), 3 times');
  const { ReliefReportsRepository } = await import('../shared/data/relief-reports-repository.ts');
  const { SettlementTally } = await import('../shared/relief/settlement.ts');
  const reports = new ReliefReportsRepository();
  const fullQuery = new LatencyHistogram();
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const tally = new SettlementTally();
    await reports.eachSettlingTransferPage(PARTNER, DAY, (page) => tally.add(page));
    fullQuery.record(performance.now() - t0);
    if (tally.settlement(PARTNER, DAY).netWon !== expectedNet) throw new Error('the transfers do not sum to the shards');
  }
  const baseline = fullQuery.summary();

  progress('measuring the CSV download, page by page (5,000 rows a page)');
  const csvPage = new LatencyHistogram();
  let csvRows = 0;
  let pagePath: string | undefined = `${path}&format=csv&limit=5000`;
  const csvStarted = performance.now();
  while (pagePath) {
    const t0 = performance.now();
    const page: Response = await fetch(system.baseUrl + pagePath, { headers });
    const text = await page.text();
    csvPage.record(performance.now() - t0);
    if (page.status !== 200) throw new Error(`CSV page answered ${page.status}: ${text.slice(0, 200)}`);
    csvRows += text.split('\r\n').length - 2;
    pagePath = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
  }
  const csvSeconds = (performance.now() - csvStarted) / 1000;
  if (csvRows !== TRANSFERS) throw new Error(`the CSV had ${csvRows} rows, not ${TRANSFERS}`);
  client.destroy();
  if (system.handlerErrors.count > 0) throw new Error(`${system.handlerErrors.count} handler errors; the first: ${String(system.handlerErrors.first)}`);

  const scale = MILLION / TRANSFERS;
  const csvLatency = csvPage.summary();
  publish('relief-settlement', [
    { name: 'transfers in the day (written)', value: TRANSFERS, unit: 'transfers', better: 'higher' },
    { name: 'BatchWriteItem of the transfers', value: TRANSFERS / writeSeconds, unit: 'items/s', better: 'higher' },
    ...latencyFigures('settlement GET (HTTP, 16 shards), sequential', viaApi.latency, ['p50', 'p99']),
    ...latencyFigures('shard Query alone, sequential', viaShards.latency, ['p50', 'p99']),
    { name: 'baseline: sum of the day’s transfers (byPartnerDay Query), median of 3', value: baseline.p50, unit: 'ms', better: 'lower' },
    { name: 'baseline: transfers summed per second', value: TRANSFERS / (baseline.p50 / 1000), unit: 'transfers/s', better: 'higher' },
    { name: 'baseline extrapolated to 1,000,000 transfers', value: (baseline.p50 * scale) / 1000, unit: 's', better: 'lower' },
    ratio('baseline (sum of transfers) / settlement GET p50', baseline.p50, viaApi.latency.p50, 'higher'),
    ...latencyFigures('CSV page of 5,000 rows (HTTP)', csvLatency, ['p50', 'p99']),
    { name: 'CSV download of the whole day', value: csvSeconds, unit: 's', better: 'lower' },
    { name: 'CSV download extrapolated to 1,000,000 rows (200 pages)', value: csvSeconds * scale, unit: 's', better: 'lower' },
  ]);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
