import { assert } from '../shared/result.ts';
import type { ComponentBalances } from './compute-balances.ts';
import type { Component } from './ledger-entry.ts';

export type OpenItem = { invoiceId: string; accountId: string; dueDate: string; issueDate: string; invoiceNumber: string; open: ComponentBalances; disputed?: boolean };

/**
 * How a payment is spread over open items. The default is the common one: oldest due date first, and
 * within an invoice fees, then interest, then principal. `across_invoices` pays one component on every
 * invoice before the next component (some creditors' policy: all fees first).
 */
export type AllocationPolicy = {
  invoiceOrder: 'oldest_due_first' | 'newest_due_first';
  componentOrder: readonly Component[];
  scope: 'invoice_by_invoice' | 'across_invoices';
  /** Whether money goes to invoices under dispute: by default not, until the dispute is resolved. */
  disputedInvoices?: 'skip' | 'include';
};

export const defaultAllocationPolicy: AllocationPolicy = {
  invoiceOrder: 'oldest_due_first',
  componentOrder: ['fee', 'interest', 'principal'],
  scope: 'invoice_by_invoice',
};

export type Allocation = { invoiceId: string; accountId: string; component: Component; amountMinor: bigint };

/** Splits `amountMinor` over the open items; what is left over becomes a credit balance. Pure, exact. */
export function allocatePayment(amountMinor: bigint, items: readonly OpenItem[], policy: AllocationPolicy = defaultAllocationPolicy): { allocations: Allocation[]; unappliedMinor: bigint } {
  assert(amountMinor > 0n, 'a payment is a positive amount');
  assert(new Set(policy.componentOrder).size === policy.componentOrder.length, 'component order lists each component once');
  const eligible = policy.disputedInvoices === 'include' ? items : items.filter((item) => !item.disputed);
  const sorted = [...eligible].sort((a, b) => {
    const byDue = a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0;
    const byIssue = a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0;
    const byNumber = a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0;
    const order = byDue || byIssue || byNumber;
    return policy.invoiceOrder === 'oldest_due_first' ? order : -order;
  });
  const steps: Array<{ item: OpenItem; component: Component }> = [];
  if (policy.scope === 'invoice_by_invoice') {
    for (const item of sorted) for (const component of policy.componentOrder) steps.push({ item, component });
  } else {
    for (const component of policy.componentOrder) for (const item of sorted) steps.push({ item, component });
  }
  let remaining = amountMinor;
  const allocations: Allocation[] = [];
  for (const { item, component } of steps) {
    if (remaining === 0n) break;
    const open = item.open[component];
    if (open <= 0n) continue;
    const applied = open < remaining ? open : remaining;
    allocations.push({ invoiceId: item.invoiceId, accountId: item.accountId, component, amountMinor: applied });
    remaining -= applied;
  }
  return { allocations, unappliedMinor: remaining };
}
