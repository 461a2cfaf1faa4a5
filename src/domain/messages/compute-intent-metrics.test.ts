import { describe, expect, it } from 'vitest';
import { computeIntentMetrics } from './compute-intent-metrics.ts';

describe('computeIntentMetrics', () => {
  it('counts true positives, false positives and false negatives per message', () => {
    const metrics = computeIntentMetrics([
      { expected: new Set(['dispute']), predicted: new Set(['dispute', 'paid']) },
      { expected: new Set(['dispute', 'paid']), predicted: new Set(['paid']) },
      { expected: new Set([]), predicted: new Set(['dispute']) },
      { expected: new Set(['cease']), predicted: new Set([]) },
    ], ['dispute', 'paid', 'cease', 'attorney']);
    expect(metrics).toEqual([
      { intent: 'dispute', truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 },
      { intent: 'paid', truePositives: 1, falsePositives: 1, falseNegatives: 0, precision: 0.5, recall: 1 },
      { intent: 'cease', truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: null, recall: 0 },
      { intent: 'attorney', truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: null, recall: null },
    ]);
  });
});
