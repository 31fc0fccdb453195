import { requireStore } from '../../shared/auth/principal.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { badRequest, notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { putStock } from '../../shared/masks/contracts.ts';
import { remainStatOf } from '../../shared/masks/remain-stat.ts';
import { stockChangeOf } from '../../shared/masks/stock-report.ts';

const stores = new StoresRepository();

export const handler = httpRoute(putStock, async ({ params, body, principal }) => {
  requireStore(principal, params.code);
  const now = new Date();
  const change = stockChangeOf(body, now);
  if (!change) throw badRequest(`asOf ${'asOf' in body ? body.asOf : ''} is in the future; check the store’s clock.`);
  const { applied, store } = await stores.changeStock(params.code, change, now.toISOString());
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
