import { requireStore } from '../../shared/auth/principal.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { notFound, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { putStock } from '../../shared/masks/contracts.ts';
import { remainStatOf } from '../../shared/masks/remain-stat.ts';
import { stockChangeOf } from '../../shared/masks/stock-report.ts';

const stores = new StoresRepository();

export const handler = httpRoute(putStock, async ({ params, body, principal }) => {
  requireStore(principal, params.code);
  const now = new Date();
  const outcome = stockChangeOf(body, now);
  if ('tooFarAhead' in outcome) {
    throw validationFailed([{ field: `body.${outcome.tooFarAhead}`, message: 'is in the future, beyond the 5 minutes a store’s clock may run fast; check the store’s clock' }]);
  }
  const { applied, store } = await stores.changeStock(params.code, outcome.change, now.toISOString());
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
