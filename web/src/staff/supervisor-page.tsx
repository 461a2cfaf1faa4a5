import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useSession, useUser } from './session.tsx';
import { QueryView, RecordTable, itemsOf } from '../shared/ui.tsx';
import { AssignControl, canAssign, useTeamQueues } from './assignment.tsx';
import { EChart, type ChartOption } from '../shared/echart.tsx';
import { currencyScale, formatMoney } from '../shared/money.ts';

// Charts plot amounts as numbers of major units: display only, never arithmetic on money.
const toMajor = (amountMinor: unknown, currency: string) => Number(String(amountMinor ?? 0)) / 10 ** currencyScale(currency);

type Row = Record<string, unknown>;
type Dashboard = {
  asOf?: string;
  aging?: unknown;
  collectionsByDay?: unknown;
  kpiTrend?: unknown;
  dsoTrend?: unknown;
  ceiTrend?: unknown;
  promises?: { made?: number; kept?: number; partiallyKept?: number; broken?: number; pending?: number; keptRate?: number | string | null };
  contactsByChannelOutcome?: unknown;
  gateBlocksByReason?: unknown;
};

function rowsOf(value: unknown): Row[] {
  if (Array.isArray(value)) return value as Row[];
  if (value !== null && typeof value === 'object') {
    const record = value as { rows?: unknown; items?: unknown };
    if (Array.isArray(record.rows)) return record.rows as Row[];
    if (Array.isArray(record.items)) return record.items as Row[];
  }
  return [];
}

const pick = (row: Row, keys: string[]): unknown => keys.map((key) => row[key]).find((value) => value !== undefined && value !== null);

/** Aging: either the aging report (rows per currency with `buckets`) or rows of {bucket, amountMinor, currency}. */
function agingChart(aging: unknown): { option: ChartOption; summary: string } | null {
  const rows = rowsOf(aging);
  if (rows.length === 0) return null;
  const byCurrency = new Map<string, Map<string, unknown>>();
  for (const row of rows) {
    const currency = String(row.currency ?? 'USD');
    const buckets = byCurrency.get(currency) ?? new Map<string, unknown>();
    if (row.buckets && typeof row.buckets === 'object') {
      for (const [label, amount] of Object.entries(row.buckets as Record<string, unknown>)) buckets.set(label, amount);
    } else {
      buckets.set(String(pick(row, ['bucket', 'label']) ?? ''), pick(row, ['amountMinor', 'balanceMinor', 'totalMinor']));
    }
    byCurrency.set(currency, buckets);
  }
  const labels = Array.from(new Set(Array.from(byCurrency.values()).flatMap((buckets) => Array.from(buckets.keys()))));
  const series = Array.from(byCurrency.entries()).map(([currency, buckets]) => ({
    name: currency, type: 'bar', data: labels.map((label) => toMajor(buckets.get(label), currency)),
  }));
  const summary = Array.from(byCurrency.entries()).map(([currency, buckets]) =>
    `${currency}: ${labels.map((label) => `${label} ${formatMoney(String(buckets.get(label) ?? '0'), currency)}`).join(', ')}`).join('; ');
  return {
    option: { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: labels }, yAxis: { type: 'value' }, series },
    summary,
  };
}

function seriesByKey(rows: Row[], xKeys: string[], yKeys: string[], groupKey: string | null) {
  const xs = Array.from(new Set(rows.map((row) => String(pick(row, xKeys) ?? ''))));
  const groups = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const group = groupKey ? String(row[groupKey] ?? '') : 'value';
    const currency = typeof row.currency === 'string' ? row.currency : null;
    const raw = pick(row, yKeys);
    const value = currency && yKeys.some((key) => key.endsWith('Minor') && row[key] !== undefined) ? toMajor(raw, currency) : Number(raw ?? 0);
    const points = groups.get(group) ?? new Map<string, number>();
    points.set(String(pick(row, xKeys) ?? ''), value);
    groups.set(group, points);
  }
  return { xs, groups };
}

function lineChart(value: unknown, yKeys: string[], groupKey: string | null, missing: 0 | null = null): { option: ChartOption; summary: string } | null {
  const rows = rowsOf(value);
  if (rows.length === 0) return null;
  const { xs: unsorted, groups } = seriesByKey(rows, ['date', 'day', 'month', 'period', 'on', 'to'], yKeys, groupKey);
  const xs = [...unsorted].sort();
  const series = Array.from(groups.entries()).map(([name, points]) => ({ name, type: 'line', data: xs.map((x) => points.get(x) ?? missing) }));
  const last = Array.from(groups.entries()).map(([name, points]) => `${name} latest ${points.get(xs[xs.length - 1]!) ?? missing ?? '—'}`).join(', ');
  return {
    option: { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: xs }, yAxis: { type: 'value' }, series },
    summary: `${xs.length} points from ${xs[0]} to ${xs[xs.length - 1]}; ${last}`,
  };
}

function barChart(value: unknown, xKeys: string[], groupKey: string | null): { option: ChartOption; summary: string } | null {
  const rows = rowsOf(value);
  if (rows.length === 0) return null;
  const { xs, groups } = seriesByKey(rows, xKeys, ['count', 'blocks', 'contacts', 'value'], groupKey);
  const series = Array.from(groups.entries()).map(([name, points]) => ({ name, type: 'bar', stack: groupKey ? 'total' : undefined, data: xs.map((x) => points.get(x) ?? 0) }));
  const summary = rows.map((row) => `${String(pick(row, xKeys))}${groupKey ? ` ${String(row[groupKey])}` : ''}: ${String(pick(row, ['count', 'blocks', 'contacts', 'value']))}`).join(', ');
  return {
    option: { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: xs, axisLabel: { interval: 0, rotate: xs.length > 4 ? 30 : 0 } }, yAxis: { type: 'value', minInterval: 1 }, series },
    summary,
  };
}

function ChartCard({ title, chart }: { title: string; chart: { option: ChartOption; summary: string } | null }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">{title}</Title>
      {chart === null ? <Text size="sm" c="dimmed">No data yet.</Text> : (
        <>
          <EChart option={chart.option} label={`${title}: ${chart.summary}`} />
          <Text size="xs" c="dimmed" mt={4}>{chart.summary}</Text>
        </>
      )}
    </Paper>
  );
}

export function SupervisorPage() {
  const { api } = useSession();
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/api/dashboard') });
  return (
    <Stack>
      <Title order={1} size="h2">Supervisor dashboard</Title>
      {dashboard.data?.asOf && <Text size="sm" c="dimmed">As of {dashboard.data.asOf}; collections over the last 30 days, DSO and CEI by month.</Text>}
      <QueryView query={dashboard} what="Dashboard">
        {(data) => <Charts data={data} />}
      </QueryView>
      <TeamQueues />
      <Strategies />
    </Stack>
  );
}

function Charts({ data }: { data: Dashboard }) {
  const charts = useMemo(() => {
    const promises = data.promises;
    const promiseTotal = promises ? (promises.kept ?? 0) + (promises.partiallyKept ?? 0) + (promises.broken ?? 0) + (promises.pending ?? 0) : 0;
    const promiseChart = promises && promiseTotal > 0 ? {
      option: {
        tooltip: { trigger: 'item' }, legend: {},
        series: [{ type: 'pie', radius: ['40%', '70%'], data: [
          { name: 'Kept', value: promises.kept ?? 0 }, { name: 'Partly kept', value: promises.partiallyKept ?? 0 },
          { name: 'Broken', value: promises.broken ?? 0 }, { name: 'Pending', value: promises.pending ?? 0 },
        ].filter((slice) => slice.value > 0) }],
      } satisfies ChartOption,
      summary: `${promises.made !== undefined ? `made ${promises.made}, ` : ''}kept ${promises.kept ?? 0}, partly kept ${promises.partiallyKept ?? 0}, broken ${promises.broken ?? 0}, pending ${promises.pending ?? 0}` +
        (promises.keptRate !== undefined && promises.keptRate !== null ? `, kept rate ${Math.round(Number(promises.keptRate) * 1000) / 10} %` : ''),
    } : null;
    return {
      aging: agingChart(data.aging),
      // A day without payments collected nothing: zero, not a gap.
      collections: lineChart(data.collectionsByDay, ['amountMinor', 'collectionsMinor'], 'currency', 0),
      dso: lineChart(data.kpiTrend ?? data.dsoTrend, ['dso', 'value'], data.kpiTrend ? 'currency' : null),
      cei: lineChart(data.kpiTrend ?? data.ceiTrend, ['cei', 'value'], data.kpiTrend ? 'currency' : null),
      promises: promiseChart,
      contacts: barChart(data.contactsByChannelOutcome, ['channel'], 'outcome'),
      gate: barChart(data.gateBlocksByReason, ['reason', 'code', 'rule'], null),
    };
  }, [data]);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard title="Aging by bucket" chart={charts.aging} />
      <ChartCard title="Collections over time" chart={charts.collections} />
      <ChartCard title="DSO trend" chart={charts.dso} />
      <ChartCard title="CEI trend" chart={charts.cei} />
      <ChartCard title="Promises kept" chart={charts.promises} />
      <ChartCard title="Contacts by channel and outcome" chart={charts.contacts} />
      <ChartCard title="Gate blocks by reason" chart={charts.gate} />
    </SimpleGrid>
  );
}

function TeamQueues() {
  const user = useUser();
  const queues = useTeamQueues();
  const [debtorIds, setDebtorIds] = useState('');
  const ids = debtorIds.split(/[\s,]+/).filter(Boolean);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">Team queues and assignment</Title>
      <QueryView query={queues} what="Team queues">
        {(items) => (
          <Stack>
            <Table withTableBorder striped fz="sm">
              <Table.Caption>Accounts to work per specialist, and the unassigned pool</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Specialist</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Debtors</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Balance</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Top priority</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => (
                  <Table.Tr key={row.userId ?? 'unassigned'}>
                    <Table.Td>{row.userId === null ? <em>Unassigned</em> : row.name ?? row.userId}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{row.debtors.toLocaleString('en-US')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{Object.entries(row.balances).map(([currency, amount]) => formatMoney(amount, currency)).join(' · ')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{row.topPriority}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canAssign(user.role) && (
              <Stack gap="xs" aria-label="Assign debtors" role="group">
                <Text size="sm">Tick accounts in the queue (<Anchor href="#/">All</Anchor> or Unassigned) to assign them, or paste debtor ids here:</Text>
                <Textarea label="Debtor ids to assign" description="Separated by spaces, commas or new lines" value={debtorIds} onChange={(event) => setDebtorIds(event.currentTarget.value)} autosize minRows={1} />
                <AssignControl debtorIds={ids} onAssigned={() => setDebtorIds('')} />
              </Stack>
            )}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

type Strategy = { id: string; version: number; name: string; description?: string; priority?: number; entry?: { debtPurpose?: string }; steps?: unknown[]; challenger?: { percent: number } };

function Strategies() {
  const { api } = useSession();
  const strategies = useQuery({ queryKey: ['strategies'], queryFn: async () => itemsOf<Strategy>(await api.get('/api/strategies')) });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">Strategies</Title>
      <QueryView query={strategies} what="Strategies">
        {(items) => (
          <RecordTable
            caption="Outreach strategies (every stored version)"
            empty="No strategies yet."
            rows={items.map((strategy) => ({
              name: strategy.name, strategy: strategy.id, version: strategy.version, debts: strategy.entry?.debtPurpose ?? '—', priority: strategy.priority ?? 0,
              steps: strategy.steps?.length ?? 0, challenger: strategy.challenger ? `${strategy.challenger.percent} %` : '—', description: strategy.description ?? '',
            }))}
          />
        )}
      </QueryView>
    </Paper>
  );
}
