import { requireStore } from '../../shared/auth/principal.ts';
import { config } from '../../shared/config.ts';
import { MaskSalesRepository } from '../../shared/data/mask-sales-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { recordSale } from '../../shared/masks/contracts.ts';
import { answerToProblem, MaskSales } from '../../shared/masks/mask-sales.ts';
import { rationingClock } from '../../shared/masks/rationing-clock.ts';
import { timelineFor } from '../../shared/masks/rationing.ts';
import { secrets } from '../../shared/secrets.ts';

const sales = new MaskSales(
  new MaskSalesRepository(),
  new StoresRepository(),
  () => secrets.get('id-pepper'),
  rationingClock(config.rationingAsOf),
  timelineFor({ policy: config.rationingPolicy, asOf: config.rationingAsOf }),
);

export const handler = httpRoute(recordSale, async ({ params, body, principal, headers }) => {
  requireStore(principal, params.code);
  const language = headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'ko';
  const answer = await sales.sell({ storeCode: params.code, ...body, language });
  if (answer.status >= 400) throw answerToProblem(answer);
  return json(answer.body, answer.status, { 'cache-control': 'no-store' });
});
