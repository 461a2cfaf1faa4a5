// Reads the text back out of a PDF that Recoup rendered with `compress: false`: a pure check that needs no
// poppler. It walks the page content streams and decodes the strings of each Tj/TJ operator (pdfkit writes
// standard-font text as hex WinAnsi, one operator per line, split only by kerning numbers).
const winAnsiHigh: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWinAnsi(bytes: number[]): string {
  return bytes.map((byte) => winAnsiHigh[byte] ?? String.fromCharCode(byte)).join('');
}

function decodeHex(hex: string): string {
  const bytes: number[] = [];
  for (let index = 0; index + 1 < hex.length; index += 2) bytes.push(parseInt(hex.slice(index, index + 2), 16));
  return decodeWinAnsi(bytes);
}

/** The lines of text of every page, in drawing order; pages are separated by a form feed line. */
export function extractPdfText(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  if (source.includes('/FlateDecode')) throw new Error('extractPdfText needs a PDF rendered with compress: false');
  const lines: string[] = [];
  const streamPattern = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (const stream of source.matchAll(streamPattern)) {
    const body = stream[1]!;
    if (!body.includes('BT')) continue;
    for (const operator of body.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (operator[1] !== undefined) {
        lines.push([...operator[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => decodeHex(part[1]!)).join(''));
      } else {
        lines.push(decodeHex(operator[2]!));
      }
    }
    lines.push('\f');
  }
  return lines;
}

export type PdfTextRun = { text: string; x: number; y: number; page: number };

/** Each text operator with where it starts (x from the left, y from the bottom, in points) and its page (1-based). */
export function extractPdfTextRuns(pdf: Buffer): PdfTextRun[] {
  const source = pdf.toString('latin1');
  if (source.includes('/FlateDecode')) throw new Error('extractPdfTextRuns needs a PDF rendered with compress: false');
  const runs: PdfTextRun[] = [];
  let page = 0;
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const body = stream[1]!;
    if (!body.includes('BT')) continue;
    page += 1;
    const pattern = /([\d.-]+) ([\d.-]+) Tm|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    let x = 0;
    let y = 0;
    for (const match of body.matchAll(pattern)) {
      if (match[1] !== undefined) {
        x = Number(match[1]);
        y = Number(match[2]);
      } else if (match[3] !== undefined) {
        runs.push({ text: [...match[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => decodeHex(part[1]!)).join(''), x, y, page });
      } else {
        runs.push({ text: decodeHex(match[4]!), x, y, page });
      }
    }
  }
  return runs;
}

/** The number of pages of a PDF (its /Type /Page objects). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
