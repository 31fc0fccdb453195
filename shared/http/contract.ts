import type { z } from 'zod';

/**
 * One route's request and response schemas. The handler validates with them and the OpenAPI document
 * is generated from them, so what is documented is what is enforced.
 */
export interface RouteContract<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: Params;
  readonly query?: Query;
  readonly body?: Body;
  /** Media types the body may come in; JSON unless a route says otherwise (e.g. CSV imports). */
  readonly bodyTypes?: readonly ('application/json' | 'text/csv')[];
  /** Bytes; 64 KiB unless a route needs more. */
  readonly bodyLimit?: number;
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /** Statuses of the problem+json answers a client should expect besides validation and auth. */
  readonly problems?: readonly number[];
}

export interface ResponseContract {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly contentType?: string;
}

export const defineContract = <Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  contract: RouteContract<Params, Query, Body>,
): RouteContract<Params, Query, Body> => contract;

export type Infer<T> = [NonNullable<T>] extends [z.ZodType] ? z.output<NonNullable<T>> : undefined;
