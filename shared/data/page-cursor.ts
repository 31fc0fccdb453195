/**
 * A page's position for a client to send back: DynamoDB's LastEvaluatedKey as base64url JSON. It
 * carries only key attributes of the index read (here a store code, its region and count), nothing
 * the caller may not see; a cursor that does not decode is refused as bad input, never trusted.
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

/** The key back, or undefined when the text is not a cursor this API wrote. */
export const decodeCursor = (cursor: string, keys: readonly string[]): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value);
    if (entries.length !== keys.length || !entries.every(([name, v]) => keys.includes(name) && (typeof v === 'string' || typeof v === 'number'))) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
