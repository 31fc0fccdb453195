import type { FunctionSpec, TableSpec } from './types.ts';

/** Officials' own alert subscriptions (e-mail, SMS): the records behind SNS's subscriptions to `alerts`. */
export const subscriptionsTables: readonly TableSpec[] = [
  {
    // One partition per official: their few subscriptions are one Query, and an official's key can only
    // reach their own (another official's subscription id is simply not found).
    name: 'subscriptions',
    partitionKey: { name: 'officerId', type: 'S' },
    sortKey: { name: 'subscriptionId', type: 'S' },
  },
];

const uses = { tables: { subscriptions: 'read-write', audit: 'read-write' }, subscribes: ['alerts'] } as const;

export const subscriptionsFunctions: readonly FunctionSpec[] = [
  {
    name: 'list-subscriptions',
    entry: 'functions/officials/list-subscriptions.ts',
    description: 'The signed-in official’s alert subscriptions, with e-mail confirmations asked of SNS.',
    triggers: [{ kind: 'http', method: 'GET', path: '/v1/officials/me/subscriptions', auth: 'official', operationId: 'listMySubscriptions' }],
    uses,
  },
  {
    name: 'create-subscription',
    entry: 'functions/officials/create-subscription.ts',
    description: 'Subscribes an official’s e-mail or phone to the alerts topic with a filter policy built from their token.',
    triggers: [{ kind: 'http', method: 'POST', path: '/v1/officials/me/subscriptions', auth: 'official', operationId: 'createMySubscription' }],
    uses,
  },
  {
    name: 'delete-subscription',
    entry: 'functions/officials/delete-subscription.ts',
    description: 'Unsubscribes one of the signed-in official’s subscriptions.',
    triggers: [
      { kind: 'http', method: 'DELETE', path: '/v1/officials/me/subscriptions/{subscriptionId}', auth: 'official', operationId: 'deleteMySubscription' },
    ],
    uses,
  },
];
