// How well the inbound-message classifier does against labelled examples: per-intent precision and recall,
// counted over messages (a message either carries an intent or not). Used by the tests on real phrasings.

export type LabelledPrediction = { expected: ReadonlySet<string>; predicted: ReadonlySet<string> };

export type IntentMetrics = {
  intent: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** truePositives / predicted; null when nothing was predicted. */
  precision: number | null;
  /** truePositives / expected; null when nothing was expected. */
  recall: number | null;
};

/**
 * Per-intent precision and recall of `predictions` for each name in `intents`.
 *
 * @example
 * computeIntentMetrics([{ expected: new Set(['dispute']), predicted: new Set(['dispute', 'paid']) }], ['dispute', 'paid'])
 * // [{ intent: 'dispute', truePositives: 1, …, precision: 1, recall: 1 },
 * //  { intent: 'paid', truePositives: 0, falsePositives: 1, …, precision: 0, recall: null }]
 */
export function computeIntentMetrics(predictions: readonly LabelledPrediction[], intents: readonly string[]): IntentMetrics[] {
  return intents.map((intent) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const { expected, predicted } of predictions) {
      const isExpected = expected.has(intent);
      const isPredicted = predicted.has(intent);
      if (isExpected && isPredicted) truePositives += 1;
      else if (isPredicted) falsePositives += 1;
      else if (isExpected) falseNegatives += 1;
    }
    const predictedCount = truePositives + falsePositives;
    const expectedCount = truePositives + falseNegatives;
    return {
      intent,
      truePositives,
      falsePositives,
      falseNegatives,
      precision: predictedCount === 0 ? null : truePositives / predictedCount,
      recall: expectedCount === 0 ? null : truePositives / expectedCount,
    };
  });
}
