// Draws a RecoupDocument (src/domain/documents/document.ts) as a PDF with pdfkit. Deterministic: the same
// document gives the same bytes, because the CreationDate comes from `createdAt` and pdfkit derives the
// file identifier from the info dictionary (which carries `documentId`).
//
// Fonts: by default the PDF standard fonts Helvetica and Helvetica-Bold, which every reader has and which
// cover Latin-1 (WinAnsi: Spanish and French accents, €). For text beyond that, pass `fontPaths` to a TTF
// pair with wider coverage (Debian ships DejaVu Sans in /usr/share/fonts/truetype/dejavu).
import PDFDocument from 'pdfkit';
import { findDocumentProblem, type AddressBlock, type DocumentBlock, type RecoupDocument } from '../../domain/documents/document.ts';

export type RenderDocumentPdfOptions = {
  /** Tests pass false to read the content streams as text. */
  compress?: boolean;
  fontPaths?: { regular: string; bold: string };
};

const bodySize = 10.5;
const smallSize = 8;
const footerGap = 8;

export async function renderDocumentPdf(document: RecoupDocument, options: RenderDocumentPdfOptions = {}): Promise<Buffer> {
  const problem = findDocumentProblem(document);
  if (problem !== undefined) throw new Error(`cannot render document ${document.documentId}: ${problem}`);
  const footer = document.footer ?? [];
  // Room at the bottom of each page for the footer lines and the page number.
  const footerHeight = (footer.length + 1) * (smallSize + 3) + footerGap;
  const margin = 56;
  const pdf = new PDFDocument({
    size: document.pageSize ?? 'LETTER',
    margins: { top: margin, left: margin, right: margin, bottom: margin + footerHeight },
    compress: options.compress ?? true,
    bufferPages: true,
    autoFirstPage: true,
    lang: document.language,
    info: {
      Title: document.title,
      Subject: document.documentId,
      Producer: 'Recoup',
      Creator: 'Recoup',
      CreationDate: new Date(document.createdAt),
      ModDate: new Date(document.createdAt),
    },
  });
  const regular = options.fontPaths?.regular ?? 'Helvetica';
  const bold = options.fontPaths?.bold ?? 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = pdf.page.margins.left;
  const textWidth = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottomLimit = (): number => pdf.page.height - pdf.page.margins.bottom;
  const ensureRoom = (height: number): void => {
    if (pdf.y + height > bottomLimit()) pdf.addPage();
  };

  // Letterhead: sender top left, date and reference top right, recipient below (window position).
  pdf.font(bold).fontSize(bodySize);
  const top = pdf.y;
  writeAddress(pdf, document.sender, left, top, textWidth * 0.55, bold, regular);
  const senderBottom = pdf.y;
  pdf.font(regular).fontSize(bodySize).text(document.dateLine, left + textWidth * 0.55, top, { width: textWidth * 0.45, align: 'right' });
  if (document.reference !== undefined) pdf.text(document.reference, { width: textWidth * 0.45, align: 'right' });
  pdf.y = Math.max(senderBottom, pdf.y) + 18;
  if (document.recipient !== undefined) {
    writeAddress(pdf, document.recipient, left, pdf.y, textWidth * 0.6, bold, regular);
    pdf.y += 18;
  }
  pdf.font(bold).fontSize(14).text(document.title, left, pdf.y, { width: textWidth });
  pdf.moveDown(0.6);

  for (const block of document.blocks) drawBlock(pdf, block, { left, textWidth, regular, bold, ensureRoom });

  // Footer and page numbers on every page, drawn last so "page x of y" is known. The bottom margin is
  // lifted while drawing so pdfkit does not start a new page for text below it.
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    const savedBottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    let y = pdf.page.height - margin - footerHeight + footerGap;
    pdf.font(regular).fontSize(smallSize).fillColor('#333333');
    for (const line of footer) {
      pdf.text(line, left, y, { width: textWidth, lineBreak: false, ellipsis: true });
      y += smallSize + 3;
    }
    pdf.text(`Page ${index - range.start + 1} of ${range.count}`, left, y, { width: textWidth, align: 'right', lineBreak: false });
    pdf.fillColor('black');
    pdf.page.margins.bottom = savedBottom;
  }
  pdf.end();
  return finished;
}

function writeAddress(pdf: PDFKit.PDFDocument, address: AddressBlock, x: number, y: number, width: number, bold: string, regular: string): void {
  pdf.font(bold).fontSize(bodySize).text(address.name, x, y, { width });
  pdf.font(regular);
  for (const line of address.lines) pdf.text(line, x, pdf.y, { width });
}

type Frame = { left: number; textWidth: number; regular: string; bold: string; ensureRoom: (height: number) => void };

function drawBlock(pdf: PDFKit.PDFDocument, block: DocumentBlock, frame: Frame): void {
  const { left, textWidth, regular, bold, ensureRoom } = frame;
  switch (block.kind) {
    case 'heading':
      pdf.font(bold).fontSize(12);
      ensureRoom(pdf.heightOfString(block.text, { width: textWidth }) + 3 * bodySize);
      pdf.moveDown(0.3).text(block.text, left, pdf.y, { width: textWidth });
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      pdf.font(block.emphasis === 'bold' ? bold : regular).fontSize(bodySize);
      ensureRoom(Math.min(pdf.heightOfString(block.text, { width: textWidth }), 3 * bodySize));
      pdf.text(block.text, left, pdf.y, { width: textWidth, align: 'left' });
      pdf.moveDown(0.6);
      return;
    case 'key_values': {
      const keyWidth = textWidth * 0.45;
      for (const row of block.rows) {
        pdf.fontSize(bodySize).font(regular);
        const height = Math.max(pdf.heightOfString(row.key, { width: keyWidth - 8 }), pdf.heightOfString(row.value, { width: textWidth - keyWidth }));
        ensureRoom(height);
        const y = pdf.y;
        pdf.font(regular).text(row.key, left, y, { width: keyWidth - 8 });
        pdf.font(row.emphasis === 'bold' ? bold : regular).text(row.value, left + keyWidth, y, { width: textWidth - keyWidth });
        pdf.y = y + height + 2;
      }
      pdf.moveDown(0.6);
      return;
    }
    case 'table':
      drawTable(pdf, block, frame);
      return;
    case 'signature':
      for (const signer of block.signers) {
        ensureRoom(5 * bodySize + 20);
        pdf.moveDown(1.5);
        const y = pdf.y;
        pdf.moveTo(left, y).lineTo(left + textWidth * 0.5, y).lineWidth(0.7).stroke();
        pdf.font(regular).fontSize(smallSize + 1).text(signer.label, left, y + 3, { width: textWidth * 0.5 });
        if (signer.name !== undefined) pdf.font(bold).fontSize(bodySize).text(signer.name, left, pdf.y, { width: textWidth * 0.5 });
        if (signer.signedAt !== undefined) pdf.font(regular).fontSize(smallSize + 1).text(`Signed ${signer.signedAt}`, left, pdf.y, { width: textWidth * 0.5 });
      }
      pdf.moveDown(0.8);
      return;
    case 'page_break':
      pdf.addPage();
      return;
  }
}

function drawTable(pdf: PDFKit.PDFDocument, block: Extract<DocumentBlock, { kind: 'table' }>, frame: Frame): void {
  const { left, textWidth, regular, bold, ensureRoom } = frame;
  const shares = block.columns.map((column) => column.widthShare ?? 1);
  const totalShare = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (textWidth * share) / totalShare);
  const padding = 4;
  const rowHeight = (cells: readonly string[], font: string): number => {
    pdf.font(font).fontSize(bodySize - 1);
    return Math.max(...cells.map((cell, index) => pdf.heightOfString(cell, { width: widths[index]! - 2 * padding }))) + 3;
  };
  const drawRow = (cells: readonly string[], font: string): void => {
    const height = rowHeight(cells, font);
    const y = pdf.y;
    let x = left;
    pdf.font(font).fontSize(bodySize - 1);
    cells.forEach((cell, index) => {
      pdf.text(cell, x + padding, y, { width: widths[index]! - 2 * padding, align: block.columns[index]!.align ?? 'left' });
      x += widths[index]!;
    });
    pdf.y = y + height;
  };
  const rule = (): void => {
    pdf.moveTo(left, pdf.y).lineTo(left + textWidth, pdf.y).lineWidth(0.5).stroke();
    pdf.y += 2;
  };
  const headers = block.columns.map((column) => column.header);
  const drawHeader = (): void => {
    drawRow(headers, bold);
    rule();
  };
  ensureRoom(rowHeight(headers, bold) + rowHeight(block.rows[0] ?? headers, regular) + 4);
  drawHeader();
  for (const row of block.rows) {
    const height = rowHeight(row, regular);
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
      drawHeader();
    }
    drawRow(row, regular);
  }
  if (block.totalRow !== undefined) {
    ensureRoom(rowHeight(block.totalRow, bold) + 4);
    rule();
    drawRow(block.totalRow, bold);
  }
  pdf.x = left;
  pdf.moveDown(0.8);
}
