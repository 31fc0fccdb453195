/**
 * The alerts inbox of a Seoul case officer with 10,000 alerts in the region (2,000 of them theirs),
 * through the local gateway: the first page, a deep page (the 101st, 5,000 alerts in), the open
 * inbox, a rare-type filter, an admin's and a national admin's first page. Baselines in the same run,
 * in-process with the AWS SDK: a bare Query of one index page (the floor under every route), and the
 * open inbox and the officer's own alerts read as filters over the region index, as they would be
 * without the state and officer indexes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { closedLoop, type ClosedLoopOptions, type LoopResult } from './harness/closed-loop.ts';
import { httpLoad } from './harness/load.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { seededRandom } from './harness/random.ts';
import { startSystem } from './harness/system.ts';

const REGION_ALERTS = 10_000;
const OWN_SHARE = 0.2;
const PAGE = 50;
const DEEP_PAGE = 101;
const SEQUENTIAL: ClosedLoopOptions = { concurrency: 1, warmup: { calls: 100 }, measure: { calls: 1000 } };
const CONCURRENT: ClosedLoopOptions = { concurrency: 10, warmup: { seconds: 2 }, measure: { seconds: 8 } };

const progress = (text: string) => process.stderr.write(`  ${text}\n`);
const started = performance.now();
const system = await startSystem({ seed: false, streams: false });
progress(`system up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${system.baseUrl}`);

try {
  const [{ AlertsRepository }, { openingOf }, { boundedParallel }] = await Promise.all([
    import('../shared/data/alerts-repository.ts'),
    import('../shared/alerts/raise-alert.ts'),
    import('../shared/data/bounded-parallel.ts'),
  ]);
  const alerts = new AlertsRepository();
  const random = seededRandom(2020);
  const base = Date.parse('2020-03-09T00:00:00Z');
  const types = ['GEOFENCE_EXIT', 'SYMPTOMS', 'MISSED_CHECK_IN', 'STORE_EMPTY'];
  // A month of a busy region: most alerts resolved, a quarter acknowledged, a few still open; one in 500 a rare type.
  const stateOf = (r: number) => (r < 0.6 ? 'resolved' : r < 0.85 ? 'acknowledged' : 'open');
  const records = Array.from({ length: REGION_ALERTS + 2000 }, (_, i) => {
    const region = i < REGION_ALERTS ? '11' : '27';
    const r = random();
    const officerId = region === '27' ? 'officer-daegu-01' : r < OWN_SHARE ? 'officer-seoul-01' : r < 0.6 ? 'officer-seoul-02' : undefined;
    const type = i % 500 === 7 ? 'DISTRICT_WITHOUT_MASKS' : (types[Math.floor(random() * types.length)] ?? 'SYMPTOMS');
    const at = new Date(base + i * 4 * 60_000);
    const opened = openingOf(
      { type, severity: random() < 0.3 ? 'high' : 'info', region, ...(officerId ? { officerId } : {}), subject: { kind: 'case', id: `c-${i}` }, message: '자가격리 이탈: 자택 격리구역을 벗어났습니다.' },
      `bench-${String(i).padStart(6, '0')}`,
      at,
      { highDeadlineMinutes: 15 },
    );
    return { ...opened, state: stateOf(random()) as 'open' | 'acknowledged' | 'resolved' };
  });
  const loadStarted = performance.now();
  await boundedParallel(records, 8, async (record) => {
    await alerts.open(record);
  });
  progress(`${records.length.toLocaleString('en')} alerts written in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  const officer = await system.issuer.sign({ role: 'officer', region: '11', officerId: 'officer-seoul-01' });
  const admin = await system.issuer.sign({ role: 'admin', region: '11', officerId: 'admin-0001' });
  const national = await system.issuer.sign({ role: 'national-admin', region: '11', officerId: 'national-admin-01' });

  // The deep page's cursor, by walking the pages as a console would.
  let cursor: string | null = null;
  for (let page = 1; page < DEEP_PAGE; page++) {
    const response: Response = await fetch(`${system.baseUrl}/v1/alerts?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${officer}` } });
    cursor = ((await response.json()) as { cursor: string | null }).cursor;
    if (!cursor) throw new Error(`the inbox ended at page ${page}`);
  }

  const get = (path: string, token: string, options: ClosedLoopOptions) =>
    httpLoad({ baseUrl: system.baseUrl, request: { path, headers: { authorization: `Bearer ${token}` } }, ...options });

  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const table = system.tableNames.get('alerts') ?? '';
  const rawPage = () =>
    client.send(new QueryCommand({ TableName: table, IndexName: 'byRegion', KeyConditionExpression: '#r = :r', ExpressionAttributeNames: { '#r': 'region' }, ExpressionAttributeValues: { ':r': '11' }, ScanIndexForward: false, Limit: PAGE }));
  /** A page of 50 that pass a filter over the region index, read page after page as DynamoDB does. */
  const filteredPage = async (filter: string, values: Record<string, unknown>, names: Record<string, string> = {}) => {
    let kept = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'byRegion',
          KeyConditionExpression: '#r = :r',
          FilterExpression: filter,
          ExpressionAttributeNames: { '#r': 'region', ...names },
          ExpressionAttributeValues: { ':r': '11', ...values },
          ScanIndexForward: false,
          Limit: PAGE,
          ExclusiveStartKey: start,
        }),
      );
      kept += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (kept < PAGE && start);
  };

  progress('warming up (3 s)');
  await get(`/v1/alerts?limit=${PAGE}`, officer, { concurrency: 4, measure: { seconds: 3 } });

  const measured = new Map<string, LoopResult>();
  const measure = async (label: string, run: () => Promise<LoopResult>) => {
    progress(`measuring ${label}`);
    const result = await run();
    measured.set(label, result);
    return result;
  };

  const first = await measure('officer, first page', () => get(`/v1/alerts?limit=${PAGE}`, officer, SEQUENTIAL));
  const deep = await measure(`officer, page ${DEEP_PAGE}`, () => get(`/v1/alerts?limit=${PAGE}&cursor=${cursor}`, officer, SEQUENTIAL));
  const open = await measure('officer, open inbox first page', () => get(`/v1/alerts?limit=${PAGE}&state=open`, officer, SEQUENTIAL));
  const rare = await measure('officer, rare type (1 in 500) first page', () => get(`/v1/alerts?limit=${PAGE}&type=DISTRICT_WITHOUT_MASKS`, officer, SEQUENTIAL));
  const adminFirst = await measure('admin, first page', () => get(`/v1/alerts?limit=${PAGE}`, admin, SEQUENTIAL));
  const nationalFirst = await measure('national admin, first page (20 regions merged)', () => get(`/v1/alerts?limit=${PAGE}`, national, SEQUENTIAL));
  const loaded = await measure('officer, first page, 10 connections', () => get(`/v1/alerts?limit=${PAGE}`, officer, CONCURRENT));
  const raw = await measure('raw Query, one index page of 50', () => closedLoop(rawPage, SEQUENTIAL));
  const openByFilter = await measure('raw, open inbox as a filter on the region index', () => closedLoop(() => filteredPage('#s = :s', { ':s': 'open' }, { '#s': 'state' }), SEQUENTIAL));
  const ownByFilter = await measure('raw, own alerts as a filter on the region index', () => closedLoop(() => filteredPage('officerId = :me', { ':me': 'officer-seoul-01' }), SEQUENTIAL));
  const openByIndex = await measure('raw, open inbox from its index', () =>
    closedLoop(
      () => client.send(new QueryCommand({ TableName: table, IndexName: 'byRegionState', KeyConditionExpression: 'regionState = :p', ExpressionAttributeValues: { ':p': '11#open' }, ScanIndexForward: false, Limit: PAGE })),
      SEQUENTIAL,
    ),
  );
  client.destroy();

  if (system.handlerErrors.count > 0) throw new Error(`${system.handlerErrors.count} handler errors; the first: ${String(system.handlerErrors.first)}`);

  const figures: Figure[] = [
    ...latencyFigures('inbox, officer, first page of 50', first.latency, ['p50', 'p99']),
    ...latencyFigures(`inbox, officer, page ${DEEP_PAGE} (5,000 in)`, deep.latency, ['p50', 'p99']),
    ...latencyFigures('inbox, officer, open, first page', open.latency, ['p50', 'p99']),
    ...latencyFigures('inbox, officer, rare type, first page', rare.latency, ['p50', 'p99']),
    ...latencyFigures('inbox, admin, first page', adminFirst.latency, ['p50', 'p99']),
    ...latencyFigures('inbox, national admin, first page', nationalFirst.latency, ['p50', 'p99']),
    { name: 'inbox, officer, first page, 10 connections', value: loaded.perSecond, unit: 'req/s', better: 'higher' },
    ...latencyFigures('inbox, officer, first page, 10 connections', loaded.latency, ['p50', 'p99']),
    ...latencyFigures('baseline: raw Query of one index page', raw.latency, ['p50', 'p99']),
    ...latencyFigures('baseline: open inbox as a filter (no state index)', openByFilter.latency, ['p50', 'p99']),
    ...latencyFigures('baseline: own alerts as a filter (no officer index)', ownByFilter.latency, ['p50', 'p99']),
    ...latencyFigures('raw: open inbox from its index', openByIndex.latency, ['p50', 'p99']),
    ratio('officer first page p99 / raw Query p99', first.latency.p99, raw.latency.p99, 'lower'),
    ratio('deep page p99 / first page p99', deep.latency.p99, first.latency.p99, 'lower'),
    ratio('open as a filter p50 / from its index p50', openByFilter.latency.p50, openByIndex.latency.p50, 'lower'),
  ];
  publish('alerts-inbox', figures);
  progress(`calls measured: ${[...measured].map(([label, r]) => `${label} ${r.calls}`).join('; ')}`);
} finally {
  await system.stop();
}
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
