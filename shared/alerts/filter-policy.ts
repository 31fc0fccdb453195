/**
 * SNS subscription filter policies (scope `MessageAttributes`), as SNS reads them: each key names a
 * message attribute and holds a list of conditions; a message passes when every key matches (AND) and,
 * within a key, any one condition matches (OR). The local notifier evaluates the very policies that
 * `Subscribe` sends to SNS on AWS, so `notifications.jsonl` shows who SNS would deliver to.
 *
 * Supported operators, with SNS's semantics: exact string and number, `prefix`, `anything-but` (a value,
 * a list, or `{prefix}`), `exists`, and `numeric` ranges. Not supported (the project does not use them,
 * and a policy holding one is refused rather than half-understood): `suffix`, `equals-ignore-case`,
 * `cidr`, `wildcard`, `$or`.
 */

export type Condition =
  | string
  | number
  | { readonly prefix: string }
  | { readonly 'anything-but': string | number | readonly string[] | readonly number[] | { readonly prefix: string } }
  | { readonly exists: boolean }
  | { readonly numeric: readonly (string | number)[] };

export type FilterPolicy = Readonly<Record<string, readonly Condition[]>>;

/** A message attribute as SNS's Publish takes it. SNS ignores `Binary` attributes when filtering. */
export interface MessageAttributeValue {
  readonly DataType: 'String' | 'Number' | 'String.Array' | 'Binary';
  readonly StringValue?: string;
}
export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** SNS's quotas on one policy (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html). */
export const SNS_POLICY_LIMITS = { keys: 5, combinations: 150 } as const;

/** The project publishes every attribute as a String (`toNotification`). */
export const stringAttributes = (attributes: Readonly<Record<string, string>>): MessageAttributes =>
  Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));

/** Keys, and the product of the lengths of their lists: what SNS counts against its limits. */
export const complexityOf = (policy: FilterPolicy): { keys: number; combinations: number } => ({
  keys: Object.keys(policy).length,
  combinations: Object.values(policy).reduce((product, conditions) => product * conditions.length, 1),
});

export type PolicyProblem = { readonly key: string; readonly message: string };

const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);
/** SNS compares numbers between -1e9 and 1e9 (five decimals). */
const NUMERIC_BOUND = 1e9;

const numericProblem = (terms: readonly (string | number)[]): string | undefined => {
  const pairs: [string, number][] = [];
  for (let i = 0; i < terms.length; i += 2) {
    const [operator, operand] = [terms[i], terms[i + 1]];
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator)) return `unknown numeric operator ${String(operator)}`;
    if (typeof operand !== 'number' || Math.abs(operand) > NUMERIC_BOUND) return `${operator} needs a number between -1e9 and 1e9`;
    pairs.push([operator, operand]);
  }
  if (pairs.length === 0 || pairs.length > 2) return 'numeric takes one comparison or a range of two';
  if (pairs.length === 2) {
    const [[low, from], [high, to]] = pairs as [[string, number], [string, number]];
    if (!low.startsWith('>') || !high.startsWith('<')) return 'a numeric range is a lower bound (> or >=) then an upper bound (< or <=)';
    if (to <= from) return 'a numeric range needs its upper bound above its lower bound';
  }
  return undefined;
};

const conditionProblem = (condition: unknown): string | undefined => {
  if (typeof condition === 'string') return undefined;
  if (typeof condition === 'number') return Math.abs(condition) <= NUMERIC_BOUND ? undefined : 'numbers lie between -1e9 and 1e9';
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return 'a condition is a string, a number or an operator object';
  const entries = Object.entries(condition);
  if (entries.length !== 1) return 'an operator object has exactly one operator';
  const [operator, value] = entries[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.length > 0 ? undefined : 'prefix takes a non-empty string';
    case 'exists':
      return typeof value === 'boolean' ? undefined : 'exists takes true or false';
    case 'numeric':
      return Array.isArray(value) ? numericProblem(value) : 'numeric takes a list such as [">=", 0, "<", 10]';
    case 'anything-but': {
      if (typeof value === 'string' || typeof value === 'number') return undefined;
      if (Array.isArray(value)) {
        if (value.length === 0) return 'anything-but takes a non-empty list';
        const kinds = new Set(value.map((v) => typeof v));
        return kinds.size === 1 && (kinds.has('string') || kinds.has('number')) ? undefined : 'an anything-but list is all strings or all numbers';
      }
      if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { prefix?: unknown }).prefix === 'string') return undefined;
      return 'anything-but takes a value, a list, or {"prefix": …}';
    }
    default:
      return `the operator ${operator} is not supported here`;
  }
};

/** Every way the policy breaks SNS's rules or leaves the supported operators; empty when SNS would take it. */
export const policyProblems = (policy: FilterPolicy): PolicyProblem[] => {
  const problems: PolicyProblem[] = [];
  const { keys, combinations } = complexityOf(policy);
  if (keys > SNS_POLICY_LIMITS.keys) problems.push({ key: '', message: `has ${keys} keys; SNS allows ${SNS_POLICY_LIMITS.keys}` });
  if (combinations > SNS_POLICY_LIMITS.combinations) {
    problems.push({ key: '', message: `makes ${combinations} combinations; SNS allows ${SNS_POLICY_LIMITS.combinations}` });
  }
  for (const [key, conditions] of Object.entries(policy)) {
    if (!Array.isArray(conditions) || conditions.length === 0) {
      problems.push({ key, message: 'needs a non-empty list of conditions' });
      continue;
    }
    for (const condition of conditions) {
      const problem = conditionProblem(condition);
      if (problem) problems.push({ key, message: problem });
    }
  }
  return problems;
};

/** A present attribute's values: one for String and Number, each element for String.Array. */
type Value = { readonly kind: 'string'; readonly value: string } | { readonly kind: 'number'; readonly value: number };

const valuesOf = (attribute: MessageAttributeValue | undefined): Value[] | undefined => {
  if (!attribute || attribute.DataType === 'Binary' || attribute.StringValue === undefined) return undefined;
  const raw = attribute.StringValue;
  switch (attribute.DataType) {
    case 'String':
      return [{ kind: 'string', value: raw }];
    case 'Number': {
      const value = Number(raw);
      return Number.isFinite(value) ? [{ kind: 'number', value }] : [];
    }
    case 'String.Array': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return [];
      }
      if (!Array.isArray(parsed)) return [];
      return parsed.flatMap((element): Value[] =>
        typeof element === 'string' ? [{ kind: 'string', value: element }] : typeof element === 'number' ? [{ kind: 'number', value: element }] : [],
      );
    }
  }
};

const numericHolds = (terms: readonly (string | number)[], value: number): boolean => {
  for (let i = 0; i < terms.length; i += 2) {
    const operand = terms[i + 1] as number;
    switch (terms[i]) {
      case '=': if (!(value === operand)) return false; break;
      case '<': if (!(value < operand)) return false; break;
      case '<=': if (!(value <= operand)) return false; break;
      case '>': if (!(value > operand)) return false; break;
      case '>=': if (!(value >= operand)) return false; break;
      default: return false;
    }
  }
  return true;
};

/** Whether one value passes one positive condition (anything other than `anything-but` and `exists`). */
const valuePasses = (condition: Condition, value: Value): boolean => {
  if (typeof condition === 'string') return value.kind === 'string' && value.value === condition;
  if (typeof condition === 'number') return value.kind === 'number' && value.value === condition;
  if (typeof condition !== 'object' || condition === null) return false;
  if ('prefix' in condition) return value.kind === 'string' && value.value.startsWith(condition.prefix);
  if ('numeric' in condition) return value.kind === 'number' && numericHolds(condition.numeric, value.value);
  return false;
};

/** `anything-but` passes a value of its own type that it does not name; a value of the other type never. */
const notExcluded = (excluded: Extract<Condition, { 'anything-but': unknown }>['anything-but'], value: Value): boolean => {
  if (typeof excluded === 'object' && !Array.isArray(excluded)) {
    return value.kind === 'string' && !value.value.startsWith((excluded as { prefix: string }).prefix);
  }
  const list = (Array.isArray(excluded) ? excluded : [excluded]) as readonly (string | number)[];
  return typeof list[0] === value.kind && !list.includes(value.value);
};

const conditionHolds = (condition: Condition, values: Value[] | undefined): boolean => {
  if (typeof condition === 'object' && 'exists' in condition) return condition.exists === (values !== undefined);
  // Every other operator needs the attribute to be there.
  if (values === undefined) return false;
  if (typeof condition === 'object' && 'anything-but' in condition) {
    // For a String.Array, SNS passes anything-but only when none of the elements is excluded.
    return values.length > 0 && values.every((value) => notExcluded(condition['anything-but'], value));
  }
  return values.some((value) => valuePasses(condition, value));
};

/**
 * The policy read as written, condition by condition: the reference the compiled form is checked against,
 * and the baseline the delivery bench measures it with. A policy with no keys passes everything, as a
 * subscription without a policy does; a message without attributes passes no policy that has keys.
 */
export const matchesPolicy = (policy: FilterPolicy, attributes: MessageAttributes): boolean => {
  const keys = Object.keys(policy);
  if (keys.length === 0) return true;
  if (Object.keys(attributes).length === 0) return false;
  return keys.every((key) => (policy[key] ?? []).some((condition) => conditionHolds(condition, valuesOf(attributes[key]))));
};

export type CompiledPolicy = (attributes: MessageAttributes) => boolean;

/**
 * The same decision, prepared once per subscription: exact strings in a set, the rest as closures, so a
 * publish to N subscribers costs N set lookups in the common case (region, severity and type are exact).
 */
export const compilePolicy = (policy: FilterPolicy): CompiledPolicy => {
  const keys = Object.entries(policy).map(([key, conditions]) => {
    const exact = new Set(conditions.filter((c): c is string => typeof c === 'string'));
    const others = conditions.filter((c) => typeof c !== 'string');
    const absentPasses = others.some((c) => typeof c === 'object' && 'exists' in c && c.exists === false);
    return { key, exact, others, absentPasses };
  });
  if (keys.length === 0) return () => true;
  return (attributes) => {
    let any = false;
    for (const _ in attributes) {
      any = true;
      break;
    }
    if (!any) return false;
    for (const { key, exact, others, absentPasses } of keys) {
      const attribute = attributes[key];
      if (attribute?.DataType === 'String' && attribute.StringValue !== undefined && exact.has(attribute.StringValue)) continue;
      const values = valuesOf(attribute);
      if (values === undefined) {
        if (absentPasses) continue;
        return false;
      }
      if (exact.size > 0 && values.some((v) => v.kind === 'string' && exact.has(v.value))) continue;
      if (!others.some((condition) => conditionHolds(condition, values))) return false;
    }
    return true;
  };
};
