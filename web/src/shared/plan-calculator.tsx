import { useState, useEffect } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, ScrollArea } from '@mantine/core';
import type { ApiClient } from './api.ts';
import { formatMoney, minorToDecimal, parseAmountToMinor } from './money.ts';
import { QueryView } from './ui.tsx';

export type PlanRequest = {
  amountMinor?: string;
  currency: string;
  installments: number;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  start: string;
  downPaymentMinor?: string;
  apr?: string;
};

export type PlanQuote = {
  currency: string;
  principalMinor?: string;
  downPaymentMinor?: string;
  downPaymentDueDate?: string | null;
  financedMinor?: string;
  aprPercent?: string;
  method?: string;
  installments: Array<{ number: number; dueDate: string; paymentMinor: string; interestMinor?: string; principalMinor?: string; remainingMinor?: string }>;
  totals?: { paymentsMinor: string; interestMinor?: string };
};

function unwrapQuote(data: unknown): PlanQuote {
  const record = data as { schedule?: PlanQuote; quote?: PlanQuote } & PlanQuote;
  return record.schedule ?? record.quote ?? record;
}

export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * A payment-plan builder with a live schedule: every change (debounced) asks the server's quote endpoint,
 * which applies the same math and policy as the plan itself. `onRequestChange` receives the request
 * (null while the inputs are not a valid plan) so the caller can submit exactly what was quoted.
 */
export function PlanCalculator({ api, quotePath, currency, balanceMinor, amountEditable = true, onRequestChange }: {
  api: ApiClient;
  quotePath: string;
  currency: string;
  balanceMinor: string;
  amountEditable?: boolean;
  onRequestChange: (request: PlanRequest | null) => void;
}) {
  const [amount, setAmount] = useState(minorToDecimal(balanceMinor, currency));
  const [downPayment, setDownPayment] = useState('');
  const [installments, setInstallments] = useState<number | string>(6);
  const [frequency, setFrequency] = useState<PlanRequest['frequency']>('monthly');
  const [start, setStart] = useState(addDays(todayIso(), 7));

  const amountMinor = parseAmountToMinor(amount, currency);
  const downPaymentMinor = downPayment.trim() === '' ? undefined : parseAmountToMinor(downPayment, currency);
  const count = typeof installments === 'number' ? installments : Number.parseInt(installments, 10);
  const valid = amountMinor !== null && amountMinor !== '0' && downPaymentMinor !== null && Number.isInteger(count) && count >= 1 && /^\d{4}-\d{2}-\d{2}$/.test(start);
  // A fixed amount (the portal: the whole open balance) is the server's to fill in, not the request's.
  const request: PlanRequest | null = valid
    ? { ...(amountEditable ? { amountMinor: amountMinor! } : {}), currency, installments: count, frequency, start, ...(downPaymentMinor ? { downPaymentMinor } : {}) }
    : null;
  const requestKey = JSON.stringify(request);
  const [debouncedKey] = useDebouncedValue(requestKey, 250);

  useEffect(() => {
    onRequestChange(request);
    // The serialized request is the dependency: the object itself is rebuilt every render.
  }, [requestKey]);

  const quote = useQuery({
    queryKey: ['plan-quote', quotePath, debouncedKey],
    enabled: debouncedKey !== 'null',
    placeholderData: keepPreviousData,
    queryFn: async () => unwrapQuote(await api.post(quotePath, JSON.parse(debouncedKey) as PlanRequest)),
  });

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          label={`Amount (${currency})`}
          value={amount}
          onChange={(event) => setAmount(event.currentTarget.value)}
          readOnly={!amountEditable}
          inputMode="decimal"
          error={amountMinor === null ? `Not an amount in ${currency}` : undefined}
          data-autofocus
        />
        <TextInput
          label="Down payment (optional)"
          value={downPayment}
          onChange={(event) => setDownPayment(event.currentTarget.value)}
          inputMode="decimal"
          error={downPaymentMinor === null ? `Not an amount in ${currency}` : undefined}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <NumberInput label="Installments" min={1} max={1000} value={installments} onChange={setInstallments} allowDecimal={false} />
        <Select
          label="Frequency"
          data={[{ value: 'weekly', label: 'Weekly' }, { value: 'biweekly', label: 'Every two weeks' }, { value: 'monthly', label: 'Monthly' }]}
          value={frequency}
          onChange={(value) => value && setFrequency(value as PlanRequest['frequency'])}
          allowDeselect={false}
        />
        <TextInput label="Start date" type="date" value={start} onChange={(event) => setStart(event.currentTarget.value)} />
      </SimpleGrid>
      <div aria-live="polite">
        {request === null ? <Text size="sm" c="dimmed">Fill in the plan to see its schedule.</Text> : (
          <QueryView query={quote} what="Plan quote">
            {(schedule) => <ScheduleTable quote={schedule} stale={quote.isFetching || debouncedKey !== requestKey} />}
          </QueryView>
        )}
      </div>
    </Stack>
  );
}

export function ScheduleTable({ quote, stale = false }: { quote: PlanQuote; stale?: boolean }) {
  const currency = quote.currency;
  return (
    <ScrollArea type="auto" mah={280} style={{ opacity: stale ? 0.6 : 1 }}>
      <Table striped withTableBorder fz="sm" data-testid="plan-schedule">
        <Table.Caption>
          {quote.installments.length} installments
          {quote.totals ? `, ${formatMoney(quote.totals.paymentsMinor, currency)} in total` : ''}
          {quote.downPaymentMinor && quote.downPaymentMinor !== '0' ? `, after a down payment of ${formatMoney(quote.downPaymentMinor, currency)} on ${quote.downPaymentDueDate ?? 'the start date'}` : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>Payment</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>Interest</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>Left after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.installments.map((installment) => (
            <Table.Tr key={installment.number}>
              <Table.Td>{installment.number}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{installment.dueDate}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatMoney(installment.paymentMinor, currency)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatMoney(installment.interestMinor ?? '0', currency)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{installment.remainingMinor ? formatMoney(installment.remainingMinor, currency) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
