import type { z } from 'zod';

/**
 * Cursors are opaque to clients: base64url of a small JSON of where to go on. Whatever comes back is
 * checked against its schema and then against the caller's own query before it reaches DynamoDB.
 */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export const decodeCursor = <T>(text: string, schema: z.ZodType<T>): T | undefined => {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};
