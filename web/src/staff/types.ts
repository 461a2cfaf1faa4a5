// Shapes of the workbench API (docs/api.md). Amounts are strings of minor units.

export type QueueItem = {
  debtorId: string;
  name: string;
  kind?: string;
  balanceMinor: string;
  currency: string;
  oldestDueOn?: string | null;
  daysPastDue?: number;
  priority: number;
  priorityReasons: Array<string | PriorityReason>;
  nextAction?: string | null;
  reference?: string;
};

export type PriorityReason = { code?: string; text?: string; message?: string; points?: number };

export type GateReason = { code: string; message: string };
export type GateAnswer = {
  outcome: 'allow' | 'allow_after' | 'block' | 'review';
  allowAfter?: string | null;
  reasons: GateReason[];
  channel?: string;
  disclosures?: string[];
};

export type ContactPoint = {
  id: string;
  channel: string;
  value: string;
  localTime?: string | null;
  timeZone?: string | null;
  canContactNow?: GateAnswer;
  checks?: GateAnswer[];
  optedOut?: boolean;
  unusable?: boolean;
  verified?: boolean;
};

export type DebtorDetail = {
  debtor: Record<string, unknown> & { id: string; name?: string; kind?: string };
  balances: Array<Record<string, unknown>>;
  flags: Array<string | { kind?: string; since?: string; detail?: string; code?: string; label?: string; message?: string }>;
  contactPoints: ContactPoint[];
  accounts?: Array<{ id: string; reference?: string; currency: string; status?: string }>;
  assignedTo?: string | null;
  priority?: { priority: number; reasons: PriorityReason[] } | null;
};

export type CallScript = { disclosures: Array<string | { id: string; text: string }>; script: string[]; decision?: GateAnswer | null };

export const disclosureText = (disclosure: CallScript['disclosures'][number]) => (typeof disclosure === 'string' ? disclosure : disclosure.text);

export type Template = { template?: string; id?: string; name?: string; channels?: string[]; locale?: string };
