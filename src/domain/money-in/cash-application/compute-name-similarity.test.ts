import { describe, expect, it } from 'vitest';
import { computeJaroWinkler, computeNameSimilarity, normalizePartyName } from './compute-name-similarity.ts';

describe('normalizePartyName', () => {
  it('drops case, accents, punctuation and legal forms, and reads "&" as "and"', () => {
    expect(normalizePartyName('ACME, L.L.C.')).toEqual(['acme']);
    expect(normalizePartyName('Müller & Söhne GmbH')).toEqual(['muller', 'and', 'sohne']);
    expect(normalizePartyName('Müller und Söhne G.m.b.H.')).toEqual(['muller', 'and', 'sohne']);
    expect(normalizePartyName('Straßenbau AG')).toEqual(['strassenbau']);
  });

  it('keeps a name that is only a legal form rather than leaving nothing', () => {
    expect(normalizePartyName('Inc.')).toEqual(['inc']);
  });
});

describe('computeJaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(computeJaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(computeJaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(computeJaroWinkler('abc', 'xyz')).toBe(0);
    expect(computeJaroWinkler('same', 'same')).toBe(1);
  });
});

describe('computeNameSimilarity', () => {
  const similarity = (left: string, right: string) => computeNameSimilarity(normalizePartyName(left), normalizePartyName(right));

  it('takes a typo, a missing legal form or swapped words as the same party', () => {
    expect(similarity('STARK INDUSTIRES', 'Stark Industries Ltd')).toBeGreaterThan(0.88);
    expect(similarity('Smith John', 'John Smith')).toBe(1);
    expect(similarity('Acme LLC', 'ACME Inc.')).toBe(1);
  });

  it('keeps different parties apart', () => {
    expect(similarity('Globex GmbH', 'Initech Inc')).toBeLessThan(0.7);
    expect(similarity('Acme Trading', 'Apex Tooling')).toBeLessThan(0.88);
  });
});
