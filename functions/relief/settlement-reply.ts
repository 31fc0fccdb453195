import { BadReportCursorError, type ReliefReportsRepository } from '../../shared/data/relief-reports-repository.ts';
import { forbidden, validationFailed } from '../../shared/http/problem.ts';
import { json, type Reply } from '../../shared/http/route.ts';
import type { ReportRefusal } from '../../shared/relief/report-scope.ts';
import { foldSettlement, settlementCsv } from '../../shared/relief/settlement.ts';

/** Books of the day may still move: no cache between the card company and the ledger. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

export const refusalToProblem = (refusal: ReportRefusal) =>
  refusal.kind === 'forbidden' ? forbidden(refusal.detail) : validationFailed([{ field: refusal.field ?? 'query', message: refusal.detail }]);

export interface SettlementAsked {
  readonly partnerId: string;
  readonly date: string;
  readonly format?: 'json' | 'csv' | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
  readonly accept?: string | undefined;
  /** The route's own path, for the next page's link. */
  readonly path: string;
}

/**
 * The settlement as JSON, or one page of the day's transfers as CSV: a day of a million authorizations is
 * 200 pages of 5,000 rows, each well inside a Lambda answer's 6 MB, each a Query that resumes where the
 * last stopped.
 */
export const settlementReply = async (reports: ReliefReportsRepository, asked: SettlementAsked): Promise<Reply> => {
  const wantsCsv = asked.format === 'csv' || (asked.format === undefined && /\btext\/csv\b/.test(asked.accept ?? ''));
  if (!wantsCsv) {
    const settlement = foldSettlement(asked.partnerId, asked.date, await reports.settlementShards(asked.partnerId, asked.date));
    return json({ ...settlement, currency: 'KRW' }, 200, NO_STORE);
  }
  const page = await reports
    .settlingTransfers(asked.partnerId, asked.date, { limit: asked.limit, ...(asked.cursor ? { cursor: asked.cursor } : {}) })
    .catch((error: unknown) => {
      throw error instanceof BadReportCursorError ? validationFailed([{ field: 'query.cursor', message: error.message }]) : error;
    });
  const next: Record<string, string> = page.cursor
    ? { link: `<${asked.path}?${new URLSearchParams({ partner: asked.partnerId, date: asked.date, format: 'csv', limit: String(asked.limit), cursor: page.cursor })}>; rel="next"`, 'x-next-cursor': page.cursor }
    : {};
  return {
    status: 200,
    raw: true,
    body: settlementCsv(asked.partnerId, asked.date, page.items),
    headers: {
      ...NO_STORE,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="settlement-${asked.partnerId}-${asked.date}.csv"`,
      ...next,
    },
  };
};
