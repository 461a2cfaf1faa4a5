// A small seeded pseudo-random generator for synthetic data (the example book, benchmarks). Never for
// secrets or ids: it is fast and reproducible, not unpredictable. The core is sfc32 (Chris Doty-Humphrey's
// "small fast chaotic" generator from PractRand): 128 bits of state, passes PractRand and BigCrush, and
// needs only 32-bit integer arithmetic, so every JavaScript engine gives the same sequence.

/** A reproducible stream of pseudo-random numbers. */
export type SeededRandom = {
  /** Uniform in [0, 1), with 32 bits of resolution. */
  nextFloat: () => number;
  /** Uniform integer in [minimum, maximum], both included. */
  nextInteger: (minimum: number, maximum: number) => number;
  /** True with the given probability (0 never, 1 always). */
  chance: (probability: number) => boolean;
  /** One element of a non-empty list, each equally likely. */
  pick: <T>(items: readonly T[]) => T;
  /** One value of a non-empty list of [value, weight] pairs, in proportion to the weights. */
  pickWeighted: <T>(choices: readonly (readonly [T, number])[]) => T;
  /** Standard normal (mean 0, standard deviation 1), by the Box–Muller transform. */
  nextNormal: () => number;
};

const twoToThe32 = 4_294_967_296;

// MurmurHash3's 32-bit finaliser: a bijection on uint32 that spreads every input bit over the output.
// Being a bijection, distinct (seed, stream) pairs always start sfc32 from distinct states.
function mixBits(value: number): number {
  let mixed = value >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85eb_ca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2_ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/**
 * A generator for `seed` and `stream`. The same pair always gives the same sequence; different streams of
 * one seed are independent sequences, so a book can give every debtor a stream of its own and stay the
 * same whatever else is generated around it.
 * @example
 * const random = buildSeededRandom(42, 7);
 * random.nextInteger(1, 6); // the same die roll on every run
 */
export function buildSeededRandom(seed: number, stream = 0): SeededRandom {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  if (!Number.isSafeInteger(stream) || stream < 0 || stream >= twoToThe32) {
    throw new RangeError(`stream must be an integer in [0, 2^32), got ${stream}`);
  }
  let a = mixBits(seed >>> 0);
  let b = mixBits((Math.floor(seed / twoToThe32) ^ 0x9e37_79b9) >>> 0);
  let c = mixBits((stream ^ 0x5bd1_e995) >>> 0);
  let d = 1;

  const nextUint32 = (): number => {
    const result = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + result) | 0;
    return result >>> 0;
  };
  // The author's recommended warm-up, so that nearby seeds have drifted apart before the first output.
  for (let round = 0; round < 15; round++) nextUint32();

  const nextFloat = (): number => nextUint32() / twoToThe32;

  const nextInteger = (minimum: number, maximum: number): number => {
    if (!Number.isSafeInteger(minimum) || !Number.isSafeInteger(maximum) || maximum < minimum) {
      throw new RangeError(`nextInteger needs integers minimum <= maximum, got ${minimum} and ${maximum}`);
    }
    return minimum + Math.floor(nextFloat() * (maximum - minimum + 1));
  };

  const chance = (probability: number): boolean => nextFloat() < probability;

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick needs a non-empty list');
    return items[Math.floor(nextFloat() * items.length)] as T;
  };

  const pickWeighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    if (!(total > 0)) throw new RangeError('pickWeighted needs a positive total weight');
    let remaining = nextFloat() * total;
    for (const [value, weight] of choices) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    // Floating-point rounding can leave a sliver past the last weight: that sliver belongs to the last
    // choice with a positive weight.
    return choices.findLast(([, weight]) => weight > 0)![0];
  };

  const nextNormal = (): number => {
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - nextFloat()));
    return radius * Math.cos(2 * Math.PI * nextFloat());
  };

  return { nextFloat, nextInteger, chance, pick, pickWeighted, nextNormal };
}
