import { z } from 'zod';

/**
 * How the columns of a receivables file map onto Recoup's book. Stored with each import, so what a file
 * meant can always be read again. Column names are the file's header cells, matched exactly.
 */
export const importMappingSchema = z.strictObject({
  /** Free text shown in reports. */
  description: z.string().optional(),
  /** Format of the file; by default from its extension (.csv, .tsv, .txt, .xlsx). */
  format: z.enum(['csv', 'xlsx']).optional(),
  csv: z.strictObject({
    delimiter: z.string().min(1).max(1).default(','),
    quote: z.string().min(1).max(1).default('"'),
    encoding: z.enum(['utf8', 'latin1']).default('utf8'),
  }).optional(),
  xlsx: z.strictObject({ sheet: z.union([z.string(), z.number().int().min(1)]).default(1) }).optional(),
  /** Date formats tried in order, in luxon tokens: "yyyy-MM-dd", "M/d/yyyy", "dd.MM.yyyy". */
  dateFormats: z.array(z.string().min(1)).min(1).default(['yyyy-MM-dd']),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]).default(''),
  /** The currency of every row, unless a `currency` column is mapped. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"').optional(),
  /** Whose debt this is; by default the tenant's own (first-party collections). */
  creditor: z.strictObject({ ref: z.string().min(1), name: z.string().min(1), kind: z.enum(['client', 'debt_buyer']).default('client') }).optional(),
  columns: z.strictObject({
    debtorRef: z.string().min(1),
    debtorName: z.string().min(1).optional(),
    debtorKind: z.string().min(1).optional(),
    debtPurpose: z.string().min(1).optional(),
    country: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    postalCode: z.string().min(1).optional(),
    city: z.string().min(1).optional(),
    addressLine1: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    timeZone: z.string().min(1).optional(),
    accountRef: z.string().min(1).optional(),
    invoiceNumber: z.string().min(1),
    issueDate: z.string().min(1),
    dueDate: z.string().min(1),
    amount: z.string().min(1),
    currency: z.string().min(1).optional(),
    disputed: z.string().min(1).optional(),
  }),
  /**
   * What settles an invoice: a date column (and optionally an amount column; without one, the date
   * means paid in full). Each settled row becomes a payment on that date.
   */
  settlement: z.strictObject({
    dateColumn: z.string().min(1),
    amountColumn: z.string().min(1).optional(),
  }).optional(),
  /** Values used when a column is not mapped or a cell is blank. */
  defaults: z.strictObject({
    debtorKind: z.enum(['person', 'business']).default('business'),
    debtPurpose: z.enum(['consumer', 'commercial']).default('commercial'),
    country: z.string().optional(),
  }).default({ debtorKind: 'business', debtPurpose: 'commercial' }),
  /** Cell texts read as true and false (compared case-insensitively). */
  booleans: z.strictObject({
    true: z.array(z.string()).default(['yes', 'y', 'true', '1']),
    false: z.array(z.string()).default(['no', 'n', 'false', '0', '']),
  }).default({ true: ['yes', 'y', 'true', '1'], false: ['no', 'n', 'false', '0', ''] }),
  /** Columns that must not be blank on any row (beyond the ones Recoup needs anyway). */
  requiredColumns: z.array(z.string().min(1)).default([]),
  /**
   * Left-pads all-digit invoice numbers with zeros to this length: spreadsheets drop leading zeros
   * ("0136962706" becomes 136962706), which would otherwise turn one invoice into two.
   */
  invoiceNumberLength: z.number().int().min(1).max(64).optional(),
  /** Extra columns kept on the invoice as attributes: { attributeName: columnName }. */
  invoiceAttributes: z.record(z.string(), z.string()).default({}),
  /** Extra columns kept on the debtor as attributes. */
  debtorAttributes: z.record(z.string(), z.string()).default({}),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;

/** The standard Recoup receivables layout (what `recoup example generate` writes). */
export const standardMapping: ImportMappingInput = {
  description: 'Recoup standard receivables CSV',
  dateFormats: ['yyyy-MM-dd'],
  columns: {
    debtorRef: 'debtor_ref', debtorName: 'debtor_name', debtorKind: 'debtor_kind', debtPurpose: 'debt_purpose',
    country: 'country', region: 'region', postalCode: 'postal_code', city: 'city', addressLine1: 'address_line1',
    phone: 'phone', email: 'email', timeZone: 'time_zone', accountRef: 'account_ref', invoiceNumber: 'invoice_number',
    issueDate: 'issue_date', dueDate: 'due_date', amount: 'amount', currency: 'currency', disputed: 'disputed',
  },
  settlement: { dateColumn: 'paid_date', amountColumn: 'paid_amount' },
};

/** Header of the standard layout, in order. */
export const standardColumns = [
  'debtor_ref', 'debtor_name', 'debtor_kind', 'debt_purpose', 'country', 'region', 'postal_code', 'city', 'address_line1',
  'phone', 'email', 'time_zone', 'account_ref', 'invoice_number', 'issue_date', 'due_date', 'currency', 'amount', 'disputed',
  'paid_date', 'paid_amount',
] as const;
