import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal as DecimalBase } from 'decimal.js';
import { computeKpis, type KpiFigures } from './compute-kpis.ts';

// The reference: decimal arithmetic with more significant digits than any figure here has.
const Decimal = DecimalBase.clone({ precision: 80 });

const figures = (overrides: Partial<KpiFigures>): KpiFigures => ({
  creditSalesMinor: 0n, collectionsMinor: 0n, openingReceivablesMinor: 0n, closingReceivablesMinor: 0n,
  closingCurrentMinor: 0n, pastDueMinor: 0n, pastDueCount: 0, ...overrides,
});

describe('collection KPIs', () => {
  it('computes DSO, best possible DSO, average days delinquent and CEI as worked by hand', () => {
    // A quarter of 90 days. Opening 20,000.00; credit sales 120,000.00; closing 50,000.00 of which
    // 30,000.00 not yet due.
    //   DSO  = 50,000 / 120,000 × 90 = 37.5
    //   BPDSO = 30,000 / 120,000 × 90 = 22.5
    //   ADD  = 37.5 − 22.5 = 15
    //   CEI  = (20,000 + 120,000 − 50,000) / (20,000 + 120,000 − 30,000) × 100 = 90,000 / 110,000 × 100 = 81.8181… → 81.82
    const kpis = computeKpis(figures({
      creditSalesMinor: 12_000_000n, collectionsMinor: 9_000_000n, openingReceivablesMinor: 2_000_000n,
      closingReceivablesMinor: 5_000_000n, closingCurrentMinor: 3_000_000n, pastDueMinor: 2_000_000n, pastDueCount: 3,
    }), 90);
    expect(kpis).toEqual({
      creditSalesMinor: 12_000_000n, collectionsMinor: 9_000_000n, openingReceivablesMinor: 2_000_000n,
      closingReceivablesMinor: 5_000_000n, closingCurrentMinor: 3_000_000n, pastDueMinor: 2_000_000n, pastDueCount: 3,
      dso: '37.50', bestPossibleDso: '22.50', averageDaysDelinquent: '15.00', cei: '81.82',
    });
  });

  it('a ratio with no credit sales is null, never NaN or Infinity', () => {
    const kpis = computeKpis(figures({ openingReceivablesMinor: 10_000n, closingReceivablesMinor: 4_000n, closingCurrentMinor: 1_000n, collectionsMinor: 6_000n }), 30);
    expect(kpis.dso).toBeNull();
    expect(kpis.bestPossibleDso).toBeNull();
    expect(kpis.averageDaysDelinquent).toBeNull();
    // CEI is still defined: (10,000 + 0 − 4,000) / (10,000 + 0 − 1,000) = 66.67 %.
    expect(kpis.cei).toBe('66.67');
  });

  it('credit sales reversed beyond what was sold in the period leave the DSO family undefined', () => {
    const kpis = computeKpis(figures({ creditSalesMinor: -500n, openingReceivablesMinor: 10_000n, closingReceivablesMinor: 9_500n, closingCurrentMinor: 9_500n }), 30);
    expect([kpis.dso, kpis.bestPossibleDso, kpis.averageDaysDelinquent]).toEqual([null, null, null]);
  });

  it('CEI is null when nothing was collectible: opening + sales − closing current is zero', () => {
    const kpis = computeKpis(figures({ creditSalesMinor: 1_000n, closingReceivablesMinor: 1_000n, closingCurrentMinor: 1_000n }), 30);
    expect(kpis.cei).toBeNull();
    expect(kpis.dso).toBe('30.00');
    expect(kpis.bestPossibleDso).toBe('30.00');
    expect(kpis.averageDaysDelinquent).toBe('0.00');
    expect(computeKpis(figures({}), 1)).toMatchObject({ dso: null, bestPossibleDso: null, averageDaysDelinquent: null, cei: null });
  });

  it('a book collected in full has a CEI of 100', () => {
    const kpis = computeKpis(figures({ openingReceivablesMinor: 5_000n, creditSalesMinor: 7_000n, collectionsMinor: 12_000n }), 31);
    expect(kpis.cei).toBe('100.00');
    expect(kpis.dso).toBe('0.00');
  });

  it('average days delinquent is rounded from its exact value, not from the rounded DSOs', () => {
    // DSO = 2/3 = 0.666… → 0.67; BPDSO = 1/3 → 0.33; ADD exactly 1/3 → 0.33 (not 0.67 − 0.33 = 0.34).
    const kpis = computeKpis(figures({ creditSalesMinor: 3n, closingReceivablesMinor: 2n, closingCurrentMinor: 1n }), 1);
    expect(kpis).toMatchObject({ dso: '0.67', bestPossibleDso: '0.33', averageDaysDelinquent: '0.33' });
  });

  it('agrees with decimal arithmetic for any figures, and ADD stays within a cent of DSO − BPDSO', () => {
    const amount = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(fc.property(amount, amount, amount, amount, fc.integer({ min: 1, max: 3660 }), (sales, opening, closing, current, days) => {
      const kpis = computeKpis(figures({ creditSalesMinor: sales, openingReceivablesMinor: opening, closingReceivablesMinor: closing, closingCurrentMinor: current }), days);
      const d = (value: bigint) => new Decimal(value.toString());
      const round = (value: DecimalBase) => {
        const text = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
        return text === '-0.00' ? '0.00' : text;
      };
      if (sales > 0n) {
        const dso = d(closing).div(d(sales)).times(days);
        const best = d(current).div(d(sales)).times(days);
        expect(kpis.dso).toBe(round(dso));
        expect(kpis.bestPossibleDso).toBe(round(best));
        expect(kpis.averageDaysDelinquent).toBe(round(dso.minus(best)));
        const difference = new Decimal(kpis.dso!).minus(new Decimal(kpis.bestPossibleDso!)).minus(new Decimal(kpis.averageDaysDelinquent!)).abs();
        expect(difference.lte('0.01')).toBe(true);
      } else {
        expect(kpis.dso).toBeNull();
      }
      const collectible = opening + sales - current;
      if (collectible > 0n) expect(kpis.cei).toBe(round(d(opening + sales - closing).div(d(collectible)).times(100)));
      else expect(kpis.cei).toBeNull();
    }), { numRuns: 500 });
  });

  it('refuses a period without days', () => {
    expect(() => computeKpis(figures({}), 0)).toThrow(/days/);
  });
});
