import { requireStore } from '../../shared/auth/principal.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { badRequest, notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { putStock } from '../../shared/masks/contracts.ts';
import { remainStatOf } from '../../shared/masks/remain-stat.ts';

const stores = new StoresRepository();
/** A store's clock may run a little fast; one far ahead would lock out every later report. */
const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export const handler = httpRoute(putStock, async ({ params, body, principal }) => {
  requireStore(principal, params.code);
  const now = new Date();
  const change = 'status' in body ? { kind: 'break' as const, asOf: now.toISOString() } : { kind: 'stock' as const, ...body };
  if (new Date(change.asOf).getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS) {
    throw badRequest(`asOf ${change.asOf} is in the future; check the store’s clock.`);
  }
  const { applied, store } = await stores.changeStock(params.code, { ...change, asOf: new Date(change.asOf).toISOString() }, now.toISOString());
  if (!store) throw notFound(`There is no store ${params.code}.`);
  return json({
    code: store.code,
    applied,
    remaining: store.remaining ?? null,
    remainStat: remainStatOf(store.remaining, store.onBreak) ?? null,
    stockAt: store.stockAt ?? null,
    asOf: store.asOf ?? null,
    updatedAt: store.updatedAt,
  });
});
