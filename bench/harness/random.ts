/**
 * A seeded pseudo-random source (mulberry32), so a bench picks the same query points, stores and
 * buyers on every run and two runs measure the same work.
 *
 *   const random = seededRandom(2020);
 *   random();             // [0, 1)
 *   randomInt(random, 10) // 0 … 9
 */
export type Random = () => number;

export const seededRandom = (seed: number): Random => {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** An integer in [0, below). */
export const randomInt = (random: Random, below: number): number => Math.floor(random() * below);

/** `count` distinct integers in [0, below), in the order drawn. */
export const distinctInts = (random: Random, count: number, below: number): number[] => {
  if (count > below) throw new RangeError(`cannot draw ${count} distinct integers below ${below}`);
  const drawn = new Set<number>();
  while (drawn.size < count) drawn.add(randomInt(random, below));
  return [...drawn];
};
