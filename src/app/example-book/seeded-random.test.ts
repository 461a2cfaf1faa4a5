import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSeededRandom } from './seeded-random.ts';

const take = (count: number, next: () => number): number[] => Array.from({ length: count }, next);

describe('buildSeededRandom', () => {
  it('gives the same sequence for the same seed and stream', () => {
    fc.assert(fc.property(fc.nat(), fc.nat({ max: 2 ** 32 - 1 }), (seed, stream) => {
      const first = buildSeededRandom(seed, stream);
      const second = buildSeededRandom(seed, stream);
      expect(take(20, first.nextFloat)).toEqual(take(20, second.nextFloat));
    }));
  });

  it('keeps its sequence from release to release (the example book and benchmarks depend on it)', () => {
    const random = buildSeededRandom(1, 0);
    expect(take(5, () => Math.floor(random.nextFloat() * 2 ** 32))).toEqual([4128100035, 216096877, 665835840, 90249452, 2944974196]);
    const large = buildSeededRandom(2 ** 40 + 7, 123);
    expect(take(3, () => Math.floor(large.nextFloat() * 2 ** 32))).toEqual([3333966884, 968362214, 402333326]);
  });

  it('gives different sequences for neighbouring seeds, neighbouring streams, and seeds that differ above 32 bits', () => {
    const sequence = (seed: number, stream: number) => take(8, buildSeededRandom(seed, stream).nextFloat).join();
    const seen = new Set<string>();
    for (const seed of [0, 1, 2, 2 ** 32, 2 ** 32 + 1]) {
      for (const stream of [0, 1, 2]) seen.add(sequence(seed, stream));
    }
    expect(seen.size).toBe(15);
  });

  it('draws floats in [0, 1), spread evenly over ten bins', () => {
    const random = buildSeededRandom(7);
    const bins = new Array<number>(10).fill(0);
    const draws = 100_000;
    for (let index = 0; index < draws; index++) {
      const value = random.nextFloat();
      expect(value >= 0 && value < 1).toBe(true);
      bins[Math.floor(value * 10)]!++;
    }
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
    const expected = draws / 10;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.9);
  });

  it('draws integers within both bounds, reaching each bound', () => {
    const random = buildSeededRandom(3);
    const values = take(2_000, () => random.nextInteger(-2, 3));
    expect(Math.min(...values)).toBe(-2);
    expect(Math.max(...values)).toBe(3);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(random.nextInteger(5, 5)).toBe(5);
  });

  it('draws normals with mean about 0 and standard deviation about 1', () => {
    const random = buildSeededRandom(11);
    const values = take(50_000, random.nextNormal);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03);
  });

  it('picks weighted choices in proportion to their weights, never one of weight zero', () => {
    const random = buildSeededRandom(5);
    const counts = { a: 0, b: 0, never: 0 };
    for (let index = 0; index < 40_000; index++) counts[random.pickWeighted([['a', 1], ['never', 0], ['b', 3]] as const)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / 40_000).toBeCloseTo(0.75, 1);
    expect(random.chance(0)).toBe(false);
    expect(random.chance(1)).toBe(true);
  });

  it('refuses seeds, streams and ranges it cannot honour', () => {
    expect(() => buildSeededRandom(-1)).toThrow(RangeError);
    expect(() => buildSeededRandom(1.5)).toThrow(RangeError);
    expect(() => buildSeededRandom(1, 2 ** 32)).toThrow(RangeError);
    const random = buildSeededRandom(1);
    expect(() => random.nextInteger(3, 2)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.pickWeighted([['a', 0]])).toThrow(RangeError);
  });
});
