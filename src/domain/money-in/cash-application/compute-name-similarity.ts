// Payer names on bank statements rarely match the debtor's name in the book letter for letter: "ACME, L.L.C."
// pays for "Acme LLC", "Mueller & Soehne" for "Müller und Söhne AG". Names are normalised (case, accents,
// punctuation, "&", legal-form suffixes) and then compared with Jaro–Winkler, on the names as written and
// with their words sorted (so "Smith John" fits "John Smith").

const legalForms = new Set([
  'llc', 'lc', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'plc', 'llp', 'lp', 'pty', 'pte',
  'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'gbr', 'ev', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'kft', 'sp', 'zoo',
]);
const connectors: Record<string, string> = { und: 'and', et: 'and', y: 'and' };

/** The words of a party name that identify it: lower case, no accents or punctuation, no legal form. */
export function normalizePartyName(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&|\+/g, ' and ')
    // "L.L.C." and "G.m.b.H." lose their dots before splitting, so they become one word.
    .replace(/\b(\w)\.(?=\w\.)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => connectors[word] ?? word);
  const identifying = words.filter((word) => !legalForms.has(word));
  return identifying.length > 0 ? identifying : words;
}

/** Jaro–Winkler similarity of two strings, 0 (nothing in common) to 1 (equal); prefix scale 0.1, up to 4 characters. */
export function computeJaroWinkler(left: string, right: string): number {
  if (left === right) return 1;
  if (left.length === 0 || right.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(left.length, right.length) / 2) - 1);
  const leftMatched = new Array<boolean>(left.length).fill(false);
  const rightMatched = new Array<boolean>(right.length).fill(false);
  let matches = 0;
  for (let index = 0; index < left.length; index++) {
    const from = Math.max(0, index - window);
    const to = Math.min(right.length - 1, index + window);
    for (let other = from; other <= to; other++) {
      if (rightMatched[other] || left[index] !== right[other]) continue;
      leftMatched[index] = true;
      rightMatched[other] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let other = 0;
  for (let index = 0; index < left.length; index++) {
    if (!leftMatched[index]) continue;
    while (!rightMatched[other]) other++;
    if (left[index] !== right[other]) transpositions++;
    other++;
  }
  const jaro = (matches / left.length + matches / right.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < left.length && prefix < right.length && left[prefix] === right[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Similarity of two normalised names (see normalizePartyName), 0 to 1. */
export function computeNameSimilarity(left: string[], right: string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  const asWritten = computeJaroWinkler(left.join(' '), right.join(' '));
  if (asWritten === 1) return 1;
  const sorted = computeJaroWinkler([...left].sort().join(' '), [...right].sort().join(' '));
  return Math.max(asWritten, sorted);
}
