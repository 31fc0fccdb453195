import type { TransactItem } from '../../../shared/data/relief-ledger-repository.ts';

type Item = Record<string, unknown>;

/**
 * Many transactions' writes folded into the items they leave behind, so that they can be written by
 * BatchWriteItem: DynamoDB Local commits ~35 relief transactions a second on 2 loaded cores, a
 * history of a thousand movements would take half a minute, and the same items batch-written take
 * seconds. It understands exactly the writes the ledger makes (Put; Update with `ADD name :v`, `SET
 * name = :v`, `REMOVE name`) and throws at anything else, so a change in the ledger's layout fails
 * the demo seed loudly rather than writing something else. Conditions are not evaluated: the caller
 * judges every movement by the program's rules first, and writes only where nothing was before.
 */
export class FoldedWrites {
  readonly #items = new Map<string, { table: string; item: Item }>();

  constructor(
    /** An item the updates start from (the registry's household), or undefined for a new one. */
    private readonly base: (table: string, key: Item) => Item | undefined = () => undefined,
    /** The key attributes of each table, in order. */
    private readonly keysOf: (table: string) => readonly string[] = () => ['pk', 'sk'],
  ) {}

  add(items: readonly TransactItem[]): void {
    for (const write of items) {
      if (write.Put) {
        const { TableName, Item } = write.Put;
        if (!TableName || !Item) throw new Error('a Put without its table or item');
        this.#items.set(this.#id(TableName, Item), { table: TableName, item: { ...Item } });
      } else if (write.Update) {
        const { TableName, Key, UpdateExpression, ExpressionAttributeNames = {}, ExpressionAttributeValues = {} } = write.Update;
        if (!TableName || !Key || !UpdateExpression) throw new Error('an Update without its table, key or expression');
        const id = this.#id(TableName, Key);
        const item = this.#items.get(id)?.item ?? { ...(this.base(TableName, Key) ?? {}), ...Key };
        applyUpdate(item, UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues);
        this.#items.set(id, { table: TableName, item });
      } else {
        throw new Error(`the demo history folds Puts and Updates, not ${Object.keys(write).join(', ')}`);
      }
    }
  }

  /** Every item as it stands after all the writes, by table. */
  byTable(): Map<string, Item[]> {
    const tables = new Map<string, Item[]>();
    for (const { table, item } of this.#items.values()) tables.set(table, [...(tables.get(table) ?? []), item]);
    return tables;
  }

  #id(table: string, key: Item): string {
    return JSON.stringify([table, ...this.keysOf(table).map((name) => key[name] ?? null)]);
  }
}

const CLAUSE = /\b(ADD|SET|REMOVE)\s+/g;

const applyUpdate = (item: Item, expression: string, names: Record<string, string>, values: Record<string, unknown>): void => {
  const name = (token: string) => {
    const resolved = token.startsWith('#') ? names[token] : token;
    if (!resolved || !/^[A-Za-z][A-Za-z0-9]*$/.test(resolved)) throw new Error(`the demo history folds top-level attributes, not ${token} in "${expression}"`);
    return resolved;
  };
  const value = (token: string) => {
    if (!(token in values)) throw new Error(`no value ${token} in "${expression}"`);
    return values[token];
  };
  const clauses = [...expression.matchAll(CLAUSE)];
  if (clauses.length === 0 || expression.slice(0, clauses[0]!.index).trim() !== '') throw new Error(`cannot fold "${expression}"`);
  clauses.forEach((clause, i) => {
    const body = expression.slice(clause.index + clause[0].length, clauses[i + 1]?.index ?? expression.length).trim();
    for (const action of body.split(',').map((a) => a.trim())) {
      const parts = action.split(/\s+/);
      if (clause[1] === 'ADD' && parts.length === 2) {
        const [path, token] = parts as [string, string];
        const delta = value(token);
        if (typeof delta !== 'number') throw new Error(`the demo history ADDs numbers, not ${JSON.stringify(delta)}`);
        item[name(path)] = Number(item[name(path)] ?? 0) + delta;
      } else if (clause[1] === 'SET' && parts.length === 3 && parts[1] === '=') {
        item[name(parts[0]!)] = value(parts[2]!);
      } else if (clause[1] === 'REMOVE' && parts.length === 1) {
        delete item[name(parts[0]!)];
      } else {
        throw new Error(`cannot fold "${action}" of "${expression}"`);
      }
    }
  });
};
