import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  complexityOf,
  matchesPolicy,
  policyProblems,
  stringAttributes,
  type Condition,
  type FilterPolicy,
  type MessageAttributes,
} from '../../../shared/alerts/filter-policy.ts';

const s = (value: string) => ({ DataType: 'String', StringValue: value }) as const;
const n = (value: number) => ({ DataType: 'Number', StringValue: String(value) }) as const;
const array = (values: string[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) }) as const;

/** Both evaluators must agree on every case: the one read as written and the compiled one. */
const decide = (policy: FilterPolicy, attributes: MessageAttributes): boolean => {
  const read = matchesPolicy(policy, attributes);
  expect(compilePolicy(policy)(attributes), 'compiled and interpreted evaluations differ').toBe(read);
  return read;
};

// The examples of the SNS Developer Guide, policy property by policy property, with the messages the guide
// says each one matches and does not match (docs.aws.amazon.com/sns/latest/dg: string-value-matching,
// attribute-key-matching, numeric-value-matching, and-or-logic, example-filter-policies).
const other = { other: s('x') };
const guide: { page: string; policy: FilterPolicy; matches: MessageAttributes[]; rejects: MessageAttributes[] }[] = [
  {
    page: 'exact matching',
    policy: { customer_interests: ['rugby', 'tennis'] },
    matches: [{ customer_interests: s('rugby') }, { customer_interests: s('tennis') }, { customer_interests: array(['rugby', 'tennis']) }],
    rejects: [{ customer_interests: s('baseball') }, { customer_interests: array(['baseball']) }],
  },
  {
    page: 'prefix matching',
    policy: { customer_interests: [{ prefix: 'bas' }] },
    matches: [{ customer_interests: s('baseball') }, { customer_interests: s('basketball') }],
    rejects: [{ customer_interests: s('rugby') }],
  },
  {
    page: 'anything-but matching',
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    matches: [{ customer_interests: s('baseball') }, { customer_interests: s('football') }],
    rejects: [{ customer_interests: s('rugby') }, { ...other }],
  },
  {
    page: 'anything-but with a prefix',
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    matches: [{ event: s('data-entry') }, { event: s('order_number') }],
    rejects: [{ event: s('order-cancelled') }],
  },
  {
    page: 'anything-but combined with "exists": false',
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }, { exists: false }] },
    matches: [{ customer_interests: s('baseball') }, { ...other }],
    rejects: [{ customer_interests: s('tennis') }],
  },
  {
    page: 'key matching, "exists": true',
    policy: { store: [{ exists: true }] },
    matches: [{ store: s('fans'), customer_interests: array(['baseball', 'basketball']) }],
    rejects: [{ customer_interests: array(['baseball', 'basketball']) }],
  },
  {
    page: 'key matching, "exists": false (and an empty set of attributes never matches)',
    policy: { store: [{ exists: false }] },
    matches: [{ customer_interests: array(['baseball', 'basketball']) }],
    rejects: [{ store: s('fans'), customer_interests: array(['baseball', 'basketball']) }, {}],
  },
  {
    page: 'numeric exact matching',
    policy: { price_usd: [{ numeric: ['=', 301.5] }] },
    matches: [{ price_usd: n(301.5) }, { price_usd: n(3.015e2) }],
    rejects: [{ price_usd: n(301.4) }],
  },
  {
    page: 'numeric anything-but matching',
    policy: { price_usd: [{ 'anything-but': [100, 500] }] },
    matches: [{ price_usd: n(101) }, { price_usd: n(99.9) }],
    rejects: [{ price_usd: n(100) }],
  },
  {
    page: 'numeric range matching',
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    matches: [{ price_usd: n(100) }, { price_usd: n(150) }],
    rejects: [{ price_usd: n(0) }, { price_usd: n(151) }],
  },
  {
    page: 'AND logic across keys',
    policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
    matches: [{ customer_interests: s('rugby'), price_usd: n(100.01) }],
    rejects: [{ customer_interests: s('rugby'), price_usd: n(100) }, { customer_interests: s('rugby') }],
  },
  {
    page: 'OR logic within a key',
    policy: { customer_interests: ['rugby', 'football', 'baseball'] },
    matches: [{ customer_interests: s('rugby') }, { customer_interests: s('football') }, { customer_interests: s('baseball') }],
    rejects: [{ customer_interests: s('tennis') }],
  },
];

/** The guide's example transaction message, and the two example policies it is judged against. */
const transaction: MessageAttributes = {
  customer_interests: array(['soccer', 'rugby', 'hockey']),
  store: s('example_corp'),
  event: s('order_placed'),
  price_usd: n(210.75),
};

describe('filter policies, evaluated as SNS evaluates them', () => {
  for (const example of guide) {
    it(`matches what the SNS guide says for ${example.page}`, () => {
      for (const attributes of example.matches) expect(decide(example.policy, attributes), JSON.stringify(attributes)).toBe(true);
      for (const attributes of example.rejects) expect(decide(example.policy, attributes), JSON.stringify(attributes)).toBe(false);
    });
  }

  it('accepts the guide’s example message with the policy the guide says accepts it', () => {
    const accepts: FilterPolicy = {
      store: ['example_corp'],
      event: [{ 'anything-but': 'order_cancelled' }],
      customer_interests: ['rugby', 'football', 'baseball'],
      price_usd: [{ numeric: ['>=', 100] }],
    };
    expect(decide(accepts, transaction)).toBe(true);
  });

  it('rejects the guide’s example message with the policy the guide says rejects it', () => {
    const rejects: FilterPolicy = {
      store: ['example_corp'],
      event: ['order_cancelled'],
      encrypted: [false as unknown as Condition],
      customer_interests: ['basketball', 'baseball'],
    };
    expect(decide(rejects, transaction)).toBe(false);
  });

  it('counts combinations as the guide does: 3 × 1 × 2 = 6', () => {
    expect(complexityOf({ key_a: ['value_one', 'value_two', 'value_three'], key_b: ['value_one'], key_c: ['value_one', 'value_two'] })).toEqual({ keys: 3, combinations: 6 });
  });

  it('refuses a policy SNS would refuse: six keys, 151 combinations, an empty list, an unknown operator', () => {
    const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => [key, ['x']]));
    expect(policyProblems(six).map((p) => p.message)).toEqual(['has 6 keys; SNS allows 5']);
    const many = { a: Array.from({ length: 151 }, (_, i) => `v${i}`) };
    expect(policyProblems(many).map((p) => p.message)).toEqual(['makes 151 combinations; SNS allows 150']);
    expect(policyProblems({ a: Array.from({ length: 150 }, (_, i) => `v${i}`) })).toEqual([]);
    expect(policyProblems({ a: [] })).toEqual([{ key: 'a', message: 'needs a non-empty list of conditions' }]);
    expect(policyProblems({ a: [{ suffix: 'x' } as unknown as Condition] })).toEqual([{ key: 'a', message: 'the operator suffix is not supported here' }]);
    expect(policyProblems({ a: [{ numeric: ['<', 5, '>', 1] }] })[0]?.message).toMatch(/lower bound/);
  });

  it('matches strings case-sensitively, and a string never matches a number attribute or the reverse', () => {
    expect(decide({ a: ['Rugby'] }, { a: s('rugby') })).toBe(false);
    expect(decide({ a: ['5'] }, { a: n(5) })).toBe(false);
    expect(decide({ a: [5] }, { a: s('5') })).toBe(false);
    expect(decide({ a: [{ numeric: ['>', 1] }] }, { a: s('5') })).toBe(false);
  });

  it('ignores binary attributes, as SNS does', () => {
    expect(decide({ a: [{ exists: false }] }, { a: { DataType: 'Binary', StringValue: 'AAEC' }, b: s('x') })).toBe(true);
  });
});

// Properties over random policies and messages on a small alphabet, so that matches are frequent.
const word = fc.constantFrom('a', 'ab', 'abc', 'b', 'ba', '11', '27');
const condition: fc.Arbitrary<Condition> = fc.oneof(
  word,
  fc.integer({ min: -3, max: 3 }),
  fc.record({ prefix: fc.constantFrom('a', 'b', '1') }),
  fc.record({ exists: fc.boolean() }),
  fc.record({ 'anything-but': fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 3 }), fc.record({ prefix: fc.constantFrom('a', 'b') })) }),
  fc.record({ numeric: fc.constantFrom<(string | number)[]>(['>', 0], ['<=', 1], ['>=', -2, '<', 2], ['=', 3]) }),
);
const keyName = fc.constantFrom('region', 'officerId', 'severity', 'alertType');
const policy = fc.dictionary(keyName, fc.array(condition, { minLength: 1, maxLength: 4 }), { maxKeys: 4 });
const attribute = fc.oneof(
  word.map(s),
  fc.integer({ min: -3, max: 3 }).map(n),
  fc.array(word, { maxLength: 3 }).map(array),
);
const attributes = fc.dictionary(fc.constantFrom('region', 'officerId', 'severity', 'alertType', 'alertId'), attribute, { maxKeys: 5 });

describe('filter policy properties', () => {
  it('decides every policy and message alike, compiled or read as written', () => {
    fc.assert(
      fc.property(policy, attributes, (p, m) => {
        expect(compilePolicy(p)(m)).toBe(matchesPolicy(p, m));
      }),
      { numRuns: 2000 },
    );
  });

  it('never matches more after a key is added: keys only narrow', () => {
    fc.assert(
      fc.property(policy, keyName, fc.array(condition, { minLength: 1, maxLength: 3 }), attributes, (p, key, conditions, m) => {
        fc.pre(!(key in p));
        if (matchesPolicy({ ...p, [key]: conditions }, m)) expect(matchesPolicy(p, m)).toBe(true);
      }),
    );
  });

  it('never matches less after a condition is added to a key: values only widen', () => {
    fc.assert(
      fc.property(policy, condition, attributes, (p, extra, m) => {
        const [key] = Object.keys(p);
        fc.pre(key !== undefined);
        if (matchesPolicy(p, m)) expect(matchesPolicy({ ...p, [key as string]: [...(p[key as string] ?? []), extra] }, m)).toBe(true);
      }),
    );
  });

  it('matches a message of String attributes on exact values exactly when every key holds its value', () => {
    fc.assert(
      fc.property(fc.dictionary(keyName, fc.array(word, { minLength: 1, maxLength: 3 }), { minKeys: 1, maxKeys: 4 }), fc.dictionary(keyName, word), (p, values) => {
        const expected = Object.entries(p).every(([key, allowed]) => values[key] !== undefined && allowed.includes(values[key]));
        expect(matchesPolicy(p, stringAttributes(values))).toBe(expected);
      }),
    );
  });
});
