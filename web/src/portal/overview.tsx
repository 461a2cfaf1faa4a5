import { useQuery } from '@tanstack/react-query';
import { Anchor, Button, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title, List } from '@mantine/core';
import type { ApiClient } from '../shared/api.ts';
import { formatMoney } from '../shared/money.ts';
import { QueryView, itemsOf, formatInstant, humanize } from '../shared/ui.tsx';

export type PortalInvoice = {
  invoiceNumber: string; issueDate?: string; dueDate: string; currency: string; originalMinor: string; principalMinor?: string;
  interestMinor?: string; feeMinor?: string; paidMinor?: string; openMinor: string; disputed?: boolean;
};

export type PortalAccount = {
  debtor: { name: string; reference: string };
  balances: Array<{ currency: string; totalMinor: string }>;
  invoices: PortalInvoice[];
  plans?: Array<{ planId: string; status: string; agreementId: string | null; signed: boolean }>;
};

/** The balance the debtor is asked to settle: the largest, in its currency. */
export function mainBalance(account: PortalAccount): { currency: string; amountMinor: string } {
  let best = { currency: 'USD', amountMinor: '0' };
  for (const row of account.balances) {
    if (BigInt(row.totalMinor) > BigInt(best.amountMinor)) best = { currency: row.currency, amountMinor: row.totalMinor };
  }
  return best;
}

export function Overview({ api, account }: { api: ApiClient; account: PortalAccount }) {
  const open = account.invoices.filter((invoice) => BigInt(invoice.openMinor) !== 0n);
  const disputed = account.invoices.some((invoice) => invoice.disputed);
  const plans = account.plans ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">Hello, {account.debtor.name}</Title>
        <Text size="sm" c="dimmed">Reference {account.debtor.reference}</Text>
      </div>
      <Paper withBorder p="md">
        <Title order={2} size="h4">What you owe</Title>
        {account.balances.length === 0 ? <Text>Nothing: your account is settled.</Text> : (
          <Stack gap={4} mt="xs">
            {account.balances.map((row) => (
              <Text key={row.currency} size="xl" fw={700} data-testid="portal-balance">{formatMoney(row.totalMinor, row.currency)}</Text>
            ))}
          </Stack>
        )}
        {open.length > 0 && (
          <ScrollArea type="auto">
            <Table mt="sm" fz="sm" withTableBorder>
              <Table.Caption>How the balance is made up: each invoice, what was charged, paid and is still open</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Invoice</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }} visibleFrom="xs">Charged</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }} visibleFrom="xs">Paid</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Open</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {open.map((invoice) => (
                  <Table.Tr key={invoice.invoiceNumber}>
                    <Table.Td>{invoice.invoiceNumber}{invoice.disputed ? ' (disputed)' : ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{invoice.dueDate}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }} visibleFrom="xs">{formatMoney(invoice.originalMinor, invoice.currency)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }} visibleFrom="xs">{formatMoney(invoice.paidMinor ?? '0', invoice.currency)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {formatMoney(invoice.openMinor, invoice.currency)}
                      {(invoice.interestMinor && invoice.interestMinor !== '0') || (invoice.feeMinor && invoice.feeMinor !== '0') ? (
                        <Text size="xs" c="dimmed">
                          {formatMoney(invoice.principalMinor ?? '0', invoice.currency)} principal
                          {invoice.interestMinor && invoice.interestMinor !== '0' ? `, ${formatMoney(invoice.interestMinor, invoice.currency)} interest` : ''}
                          {invoice.feeMinor && invoice.feeMinor !== '0' ? `, ${formatMoney(invoice.feeMinor, invoice.currency)} fees` : ''}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
        {disputed && <Text mt="sm" c="red.9" fw={600}>You have disputed this debt: we have paused collection while we look into it.</Text>}
      </Paper>

      {plans.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">Your payment plans</Title>
          <List>
            {plans.map((plan) => (
              <List.Item key={plan.planId}>
                Plan {humanize(plan.status).toLowerCase()}{plan.agreementId ? (plan.signed ? ', agreement signed' : ', agreement not signed yet') : ''}
              </List.Item>
            ))}
          </List>
        </Paper>
      )}

      <nav aria-label="What you can do">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button component="a" href="#/pay" size="md">Pay now</Button>
          <Button component="a" href="#/plan" size="md" variant="light">Set up a payment plan</Button>
          <Button component="a" href="#/promise" size="md" variant="light">Promise to pay on a date</Button>
          <Button component="a" href="#/dispute" size="md" variant="light">Dispute this debt</Button>
          <Button component="a" href="#/preferences" size="md" variant="default">Contact preferences</Button>
        </SimpleGrid>
      </nav>

      <Letters api={api} />
    </Stack>
  );
}

type Letter = { id: string; channel: string; template: string | null; status?: string; sentAt: string };

function Letters({ api }: { api: ApiClient }) {
  const letters = useQuery({ queryKey: ['portal-letters'], queryFn: async () => itemsOf<Letter>(await api.get('/portal/api/letters')) });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">Your letters</Title>
      <QueryView query={letters} what="Letters">
        {(items) => items.length === 0 ? <Text size="sm">No letters yet.</Text> : (
          <List>
            {items.map((letter) => (
              <List.Item key={letter.id}>
                {letter.channel === 'letter' ? (
                  <Anchor href={`/portal/api/letters/${encodeURIComponent(letter.id)}`} target="_blank" rel="noopener">{humanize(letter.template ?? 'letter')} (PDF)</Anchor>
                ) : humanize(letter.template ?? letter.channel)}
                {' '}<Text span size="sm" c="dimmed">({humanize(letter.channel).toLowerCase()}, {formatInstant(letter.sentAt)})</Text>
              </List.Item>
            ))}
          </List>
        )}
      </QueryView>
    </Paper>
  );
}
