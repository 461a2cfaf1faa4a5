import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Kbd, List, Paper, SimpleGrid, Stack, Tabs, Text, Title, Table, Anchor } from '@mantine/core';
import { useSession, useUser, canWrite } from './session.tsx';
import { QueryView, RecordTable, itemsOf, formatInstant, humanize } from '../shared/ui.tsx';
import { formatMoney } from '../shared/money.ts';
import { disclosureText, type CallScript as CallScriptData, type ContactPoint, type DebtorDetail, type GateAnswer } from './types.ts';
import { reasonText } from './queue-page.tsx';
import { useShortcuts } from './shortcuts.ts';
import { ActionModal, type ActionKind, actionLabels } from './account-actions.tsx';

const actionKeys: Array<[ActionKind, string]> = [
  ['call', 'c'], ['promise', 'p'], ['plan', 'l'], ['message', 'm'], ['note', 'a'], ['callback', 'b'], ['escalate', 'e'],
];

export function AccountPage({ debtorId, onNext }: { debtorId: string; onNext: () => void }) {
  const { api } = useSession();
  const user = useUser();
  const [action, setAction] = useState<ActionKind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const base = `/api/debtors/${encodeURIComponent(debtorId)}`;
  const detail = useQuery({ queryKey: ['debtor', debtorId], queryFn: () => api.get<DebtorDetail>(base) });
  const writable = canWrite(user.role);

  useShortcuts(writable ? actionKeys.map(([kind, key]) => [key, () => { setDone(null); setAction(kind); }]) : []);

  return (
    <QueryView query={detail} what="Account">
      {(data) => (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">{String(data.debtor.name ?? data.debtor.id)}</Title>
              <Group gap="xs" mt={4}>
                {data.debtor.kind && <Badge variant="light" color="gray">{String(data.debtor.kind)}</Badge>}
                {typeof data.debtor.reference === 'string' && <Text size="sm" c="dimmed">Ref. {data.debtor.reference}</Text>}
                {typeof data.debtor.debtPurpose === 'string' && <Badge variant="light" color="gray">{String(data.debtor.debtPurpose)} debt</Badge>}
                {[data.debtor.region, data.debtor.country].filter(Boolean).length > 0 && <Text size="sm" c="dimmed">{[data.debtor.region, data.debtor.country].filter(Boolean).join(', ')}</Text>}
              </Group>
              {data.flags.length > 0 && (
                <Group gap="xs" mt={6} aria-label="Flags">
                  {data.flags.map((flag, index) => {
                    const label = typeof flag === 'string' ? flag : flag.kind ?? flag.label ?? flag.code ?? '';
                    const detail = typeof flag === 'string' ? '' : [flag.detail ?? flag.message, flag.since ? `since ${formatInstant(flag.since)}` : ''].filter(Boolean).join(', ');
                    return <Badge key={index} color="orange.3" c="black" variant="filled" title={detail}>{humanize(label)}{detail ? `: ${detail}` : ''}</Badge>;
                  })}
                </Group>
              )}
              {data.priority && (
                <Text size="sm" mt={6}>
                  Priority <strong>{data.priority.priority}</strong>: {data.priority.reasons.map(reasonText).join('; ')}
                </Text>
              )}
            </div>
            <Button variant="default" onClick={onNext} aria-keyshortcuts="n">Next account <Kbd ml={6}>n</Kbd></Button>
          </Group>

          {writable ? (
            <nav aria-label="Actions on this account">
              <Group gap="xs">
                {actionKeys.map(([kind, key]) => (
                  <Button key={kind} size="sm" variant={kind === 'call' ? 'filled' : 'light'} onClick={() => { setDone(null); setAction(kind); }} aria-keyshortcuts={key}>
                    {actionLabels[kind]} <Kbd ml={6} size="xs">{key}</Kbd>
                  </Button>
                ))}
              </Group>
            </nav>
          ) : <Text size="sm" c="dimmed">Read-only: your role ({user.role}) cannot change accounts.</Text>}
          {done !== null && <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)} title="Done">{done}</Alert>}

          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">Contact points</Title>
              <ContactPoints points={data.contactPoints} />
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">Balance</Title>
              <Balances balances={data.balances} />
              <OpenItems path={`${base}/invoices`} debtorId={debtorId} />
            </Paper>
          </SimpleGrid>

          <Tabs defaultValue="timeline" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
              <Tabs.Tab value="invoices">Invoices</Tabs.Tab>
              <Tabs.Tab value="ledger">Ledger</Tabs.Tab>
              <Tabs.Tab value="script">Call script</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="timeline" pt="sm"><Timeline path={`${base}/timeline`} debtorId={debtorId} /></Tabs.Panel>
            <Tabs.Panel value="invoices" pt="sm"><ListSection path={`${base}/invoices`} what="Invoices" debtorId={debtorId} /></Tabs.Panel>
            <Tabs.Panel value="ledger" pt="sm"><ListSection path={`${base}/ledger`} what="Ledger" debtorId={debtorId} /></Tabs.Panel>
            <Tabs.Panel value="script" pt="sm"><CallScript path={`${base}/call-script`} debtorId={debtorId} /></Tabs.Panel>
          </Tabs>

          {action !== null && (
            <ActionModal
              kind={action}
              detail={data}
              onClose={() => setAction(null)}
              onDone={(message) => { setAction(null); setDone(message); }}
            />
          )}
        </Stack>
      )}
    </QueryView>
  );
}

// Filled badges whose text passes WCAG AA (4.5:1) at badge size: dark fills with white text, light fills with black.
const gateStyles: Record<GateAnswer['outcome'], { color: string; text: string; words: string }> = {
  allow: { color: 'teal.9', text: 'white', words: 'Yes, contact now' },
  allow_after: { color: 'yellow.4', text: 'black', words: 'Not yet' },
  block: { color: 'red.9', text: 'white', words: 'No' },
  review: { color: 'orange.3', text: 'black', words: 'Needs review' },
};

export function GateBadge({ answer }: { answer: GateAnswer }) {
  const style = gateStyles[answer.outcome] ?? { color: 'gray.2', text: 'black', words: answer.outcome };
  return (
    <Badge color={style.color} c={style.text} variant="filled">
      {style.words}
      {answer.outcome === 'allow_after' && answer.allowAfter ? ` (after ${formatInstant(answer.allowAfter)})` : ''}
    </Badge>
  );
}

function ContactPoints({ points }: { points: ContactPoint[] }) {
  if (points.length === 0) return <Text size="sm">No contact points on file.</Text>;
  return (
    <Stack gap="sm">
      {points.map((point) => (
        <div key={point.id} data-testid="contact-point">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600} size="sm">{humanize(point.channel)}: {point.value}</Text>
              <Text size="xs" c="dimmed">
                Debtor's local time: {point.localTime ?? 'unknown (no time zone)'}
                {point.optedOut ? ' · opted out' : ''}{point.unusable ? ' · unusable' : ''}{point.verified ? ' · verified' : ''}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              <Text size="xs">Can I contact now?</Text>
              {point.canContactNow ? <GateBadge answer={point.canContactNow} /> : <Badge color="gray">not available yet</Badge>}
            </Stack>
          </Group>
          {(point.checks ?? (point.canContactNow ? [point.canContactNow] : [])).map((check, checkIndex) => (
            <div key={checkIndex}>
              {(point.checks?.length ?? 0) > 1 && (
                <Group gap={6} mt={4}><Text size="xs">{humanize(check.channel ?? '')}:</Text><GateBadge answer={check} /></Group>
              )}
              {check.reasons.length > 0 && (
                <List size="xs" mt={2}>
                  {check.reasons.map((reason, index) => (
                    <List.Item key={index}><Text span size="xs" ff="monospace">{reason.code}</Text> — {reason.message}</List.Item>
                  ))}
                </List>
              )}
            </div>
          ))}
        </div>
      ))}
    </Stack>
  );
}

function Balances({ balances }: { balances: Array<Record<string, unknown>> }) {
  if (balances.length === 0) return <Text size="sm">Nothing owed.</Text>;
  // Itemized: one row per currency (and per item the server breaks the balance into), every amount shown.
  const amountKeys = Array.from(new Set(balances.flatMap((row) => Object.keys(row).filter((key) => key.endsWith('Minor')))));
  const labelKeys = Array.from(new Set(balances.flatMap((row) => Object.keys(row).filter((key) => !key.endsWith('Minor') && key !== 'currency' && typeof row[key] !== 'object'))));
  return (
    <Table withTableBorder fz="sm">
      <Table.Caption>Balances projected from the ledger</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Currency</Table.Th>
          {labelKeys.map((key) => <Table.Th key={key} scope="col">{humanize(key)}</Table.Th>)}
          {amountKeys.map((key) => <Table.Th key={key} scope="col" style={{ textAlign: 'right' }}>{humanize(key)}</Table.Th>)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {balances.map((row, index) => (
          <Table.Tr key={index}>
            <Table.Td>{String(row.currency ?? '')}</Table.Td>
            {labelKeys.map((key) => <Table.Td key={key}>{String(row[key] ?? '—')}</Table.Td>)}
            {amountKeys.map((key) => (
              <Table.Td key={key} style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                {row[key] === undefined || row[key] === null ? '—' : formatMoney(String(row[key]), String(row.currency ?? 'USD'))}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type InvoiceRow = { currency: string; openMinor?: string; principalMinor?: string; interestMinor?: string; feeMinor?: string; disputed?: boolean };

/** What is open, itemized by component (principal, interest, fees), summed exactly from the open invoices. */
function OpenItems({ path, debtorId }: { path: string; debtorId: string }) {
  const { api } = useSession();
  const query = useQuery({ queryKey: ['debtor', debtorId, 'Invoices'], queryFn: async () => itemsOf<Record<string, unknown>>(await api.get(`${path}?limit=200`)) });
  if (!query.isSuccess) return null;
  const totals = new Map<string, { principal: bigint; interest: bigint; fee: bigint; open: bigint; invoices: number; disputed: number }>();
  for (const row of query.data as InvoiceRow[]) {
    if (row.openMinor === undefined || BigInt(row.openMinor) === 0n) continue;
    const total = totals.get(row.currency) ?? { principal: 0n, interest: 0n, fee: 0n, open: 0n, invoices: 0, disputed: 0 };
    total.principal += BigInt(row.principalMinor ?? '0');
    total.interest += BigInt(row.interestMinor ?? '0');
    total.fee += BigInt(row.feeMinor ?? '0');
    total.open += BigInt(row.openMinor);
    total.invoices += 1;
    if (row.disputed) total.disputed += 1;
    totals.set(row.currency, total);
  }
  if (totals.size === 0) return <Text size="sm" mt="sm">No open invoices.</Text>;
  return (
    <Table withTableBorder fz="sm" mt="sm">
      <Table.Caption>Open invoices, itemized (all of them are listed under Invoices)</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Currency</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>Principal</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>Interest</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>Fees</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>Open</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>Invoices</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...totals].map(([currency, total]) => (
          <Table.Tr key={currency}>
            <Table.Td>{currency}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{formatMoney(total.principal, currency)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{formatMoney(total.interest, currency)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{formatMoney(total.fee, currency)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }} fw={600}>{formatMoney(total.open, currency)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{total.invoices}{total.disputed > 0 ? ` (${total.disputed} disputed)` : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ListSection({ path, what, debtorId }: { path: string; what: string; debtorId: string }) {
  const { api } = useSession();
  const query = useQuery({ queryKey: ['debtor', debtorId, what], queryFn: async () => itemsOf<Record<string, unknown>>(await api.get(`${path}?limit=200`)) });
  return (
    <QueryView query={query} what={what}>
      {(rows) => <RecordTable rows={rows} caption={what} />}
    </QueryView>
  );
}

type TimelineEvent = { id?: string; type?: string; kind?: string; occurredAt?: string; recordedAt?: string; at?: string; actor?: string; summary?: string; text?: string; payload?: Record<string, unknown> };

function describeEvent(event: TimelineEvent): string {
  if (event.summary) return event.summary;
  if (event.text) return event.text;
  const payload = event.payload ?? {};
  for (const key of ['text', 'note', 'outcome', 'reason', 'message']) {
    if (typeof payload[key] === 'string') return payload[key] as string;
  }
  return '';
}

function Timeline({ path, debtorId }: { path: string; debtorId: string }) {
  const { api } = useSession();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: ['debtor', debtorId, 'timeline', cursor ?? ''],
    queryFn: () => api.get<{ items: TimelineEvent[]; nextCursor?: string | null }>(`${path}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  });
  return (
    <QueryView query={query} what="Timeline">
      {(page) => (
        <Stack gap="xs">
          {itemsOf<TimelineEvent>(page).length === 0 ? <Text size="sm">No history yet.</Text> : (
            <ol aria-label="Timeline, newest first" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {itemsOf<TimelineEvent>(page).map((event, index) => (
                <li key={event.id ?? index} data-testid="timeline-event" style={{ borderLeft: '3px solid var(--mantine-color-indigo-3)', paddingLeft: 10, marginBottom: 8 }}>
                  <Text size="xs" c="dimmed">{formatInstant(event.occurredAt ?? event.recordedAt ?? event.at)}{event.actor ? ` · ${event.actor}` : ''}</Text>
                  <Text size="sm" fw={600}>{humanize(event.type ?? event.kind ?? 'event')}</Text>
                  {describeEvent(event) && <Text size="sm">{describeEvent(event)}</Text>}
                </li>
              ))}
            </ol>
          )}
          <Group>
            {cursors.length > 0 && <Anchor component="button" type="button" onClick={() => setCursors(cursors.slice(0, -1))}>Newer</Anchor>}
            {page.nextCursor && <Anchor component="button" type="button" onClick={() => setCursors([...cursors, page.nextCursor!])}>Older</Anchor>}
          </Group>
        </Stack>
      )}
    </QueryView>
  );
}

function CallScript({ path, debtorId }: { path: string; debtorId: string }) {
  const { api } = useSession();
  const query = useQuery({ queryKey: ['debtor', debtorId, 'call-script'], queryFn: () => api.get<CallScriptData>(path) });
  return (
    <QueryView query={query} what="Call script">
      {(script) => (
        <Stack gap="sm">
          <Alert color="indigo" variant="light" title="Required disclosures (say these)">
            {script.disclosures.length === 0 ? 'None required for this debtor.' : (
              <List size="sm">{script.disclosures.map((line, index) => <List.Item key={index}>{disclosureText(line)}</List.Item>)}</List>
            )}
          </Alert>
          <List type="ordered" size="sm">{script.script.map((line, index) => <List.Item key={index}>{line}</List.Item>)}</List>
        </Stack>
      )}
    </QueryView>
  );
}
