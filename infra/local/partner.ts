import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import type { DemoCredentials } from './demo-credentials.ts';

/**
 * `npm run partner -- apply | authorize | reverse | region-change | settlement [flags]`: a card company's
 * call, signed the Standard Webhooks way with its secret and sent with `x-partner-id`, as a card
 * company's server would send it. The partner, its secret and the address come from
 * `<DATA_DIR>/demo-credentials.json` unless given; ids and times are made up unless given (`--id` reuses
 * a webhook-id, to show a retry). Prints the status and the JSON answer; exits 1 on a 4xx or 5xx.
 */
const USAGE = `usage: npm run partner -- <command> [flags]
  apply          --resident-id <13 digits> [--application-id] [--card-token] [--donate <won>]
  authorize      --grant-id <id> --amount <won> [--authorization-id] [--mcc 5411] [--merchant-region <2 digits>]
                 [--merchant-id] [--merchant-name] [--online] [--at <ISO>] [--respond-by <ISO>]
  reverse        --authorization-id <id> --amount <won> [--reversal-id]
  region-change  --grant-id <id> --region <2 digits>
  settlement     [--date YYYY-MM-DD (today in Korea)]
  every command  [--partner <id>] [--secret whsec_…] [--base-url <url>] [--data-dir <dir>] [--id <webhook-id>]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    partner: { type: 'string' },
    secret: { type: 'string' },
    'base-url': { type: 'string' },
    'data-dir': { type: 'string' },
    id: { type: 'string' },
    'resident-id': { type: 'string' },
    'application-id': { type: 'string' },
    'card-token': { type: 'string' },
    donate: { type: 'string' },
    'grant-id': { type: 'string' },
    amount: { type: 'string' },
    'authorization-id': { type: 'string' },
    'merchant-id': { type: 'string' },
    'merchant-name': { type: 'string' },
    mcc: { type: 'string', default: '5411' },
    'merchant-region': { type: 'string' },
    online: { type: 'boolean', default: false },
    at: { type: 'string' },
    'respond-by': { type: 'string' },
    'reversal-id': { type: 'string' },
    region: { type: 'string' },
    date: { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};
const required = (flag: keyof typeof values): string => {
  const value = values[flag];
  return typeof value === 'string' && value !== '' ? value : fail(`--${flag} is required here`);
};
const won = (flag: 'amount' | 'donate'): number => {
  const amount = Number(required(flag));
  return Number.isSafeInteger(amount) && amount >= 0 ? amount : fail(`--${flag} takes whole won, e.g. 12000`);
};
const shortId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const koreanToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.data');
const demo = await readFile(resolve(dataDir, 'demo-credentials.json'), 'utf8')
  .then((text) => JSON.parse(text) as DemoCredentials)
  .catch(() => undefined);
const partnerId = values.partner ?? demo?.partners[0]?.id ?? fail(`--partner is required: no demo partners in ${dataDir}/demo-credentials.json (is npm start running there?)`);
const secret = values.secret ?? demo?.partners.find((p) => p.id === partnerId)?.secret ?? fail(`--secret is required: ${partnerId} has no secret in ${dataDir}/demo-credentials.json`);
const baseUrl = (values['base-url'] ?? demo?.baseUrl ?? fail('--base-url is required: no demo credentials to take it from')).replace(/\/$/, '');

/** The call each command makes: its path and, for a webhook, its body. */
const callOf = (command: string | undefined): { path: string; body?: unknown } => {
  switch (command) {
    case 'apply':
      return {
        path: '/v1/relief/webhooks/applications',
        body: {
          applicationId: values['application-id'] ?? shortId('app'),
          applicantResidentId: values['resident-id'] ?? demo?.households[0]?.headResidentId ?? required('resident-id'),
          cardToken: values['card-token'] ?? shortId('card'),
          ...(values.donate !== undefined && { donate: won('donate') }),
        },
      };
    case 'authorize':
      return {
        path: '/v1/relief/webhooks/authorizations',
        body: {
          authorizationId: values['authorization-id'] ?? shortId('auth'),
          grantId: required('grant-id'),
          amount: won('amount'),
          merchant: {
            id: values['merchant-id'] ?? 'merchant-0001',
            name: values['merchant-name'] ?? 'Demo Grocery',
            mcc: values.mcc,
            regionCode: values['merchant-region'] ?? demo?.households[0]?.regionCode ?? '11',
            online: values.online,
          },
          at: values.at ?? new Date().toISOString(),
          ...(values['respond-by'] !== undefined && { respondBy: values['respond-by'] }),
        },
      };
    case 'reverse':
      return { path: '/v1/relief/webhooks/reversals', body: { reversalId: values['reversal-id'] ?? shortId('rev'), authorizationId: required('authorization-id'), amount: won('amount') } };
    case 'region-change':
      return { path: '/v1/relief/webhooks/region-changes', body: { grantId: required('grant-id'), newRegionCode: required('region') } };
    case 'settlement':
      return { path: `/v1/relief/settlements?${new URLSearchParams({ partner: partnerId, date: values.date ?? koreanToday() })}` };
    default:
      return fail(command ? `Unknown command ${command}` : 'Name a command');
  }
};

const call = callOf(positionals[0]);
// A webhook signs its body; a GET signs its path and query (shared/http/authenticate.ts, signedContent).
const payload = call.body === undefined ? call.path : JSON.stringify(call.body);
const webhookId = values.id ?? `msg_${randomUUID()}`;
const at = new Date();
const headers: Record<string, string> = {
  'x-partner-id': partnerId,
  'webhook-id': webhookId,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(webhookId, at, payload),
  ...(call.body !== undefined && { 'content-type': 'application/json' }),
};

try {
  const response = await fetch(baseUrl + call.path, { method: call.body === undefined ? 'GET' : 'POST', headers, ...(call.body !== undefined && { body: payload }) });
  const text = await response.text();
  console.log(`${call.body === undefined ? 'GET' : 'POST'} ${call.path} as ${partnerId} (webhook-id ${webhookId}) → ${response.status}`);
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // a CSV settlement, or a gateway's text: shown as it came
  }
  console.log(shown);
  process.exit(response.status >= 400 ? 1 : 0);
} catch (error) {
  console.error(`Could not reach ${baseUrl}: ${(error as Error).message}`);
  process.exit(1);
}
