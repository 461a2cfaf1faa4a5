import type { ReactNode } from 'react';
import { Alert, Loader, Group, Table, Text, ScrollArea } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError, describeError } from './api.ts';
import { formatMoney } from './money.ts';

/** A clear state for a screen whose endpoint the server does not offer yet: never fake data. */
export function NotAvailable({ what }: { what: string }) {
  return (
    <Alert color="gray" title={`${what}: not available yet`} role="status">
      The server does not offer this yet. It will appear here once the endpoint exists.
    </Alert>
  );
}

export function ErrorNotice({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <Alert color="red" title={title} role="alert">
      {describeError(error)}
    </Alert>
  );
}

/** Loading, error, "not available yet", or the data. */
export function QueryView<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Group gap="xs" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Loading {what.toLowerCase()}…</Text>
      </Group>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.endpointMissing) return <NotAvailable what={what} />;
    return <ErrorNotice error={query.error} title={`Could not load ${what.toLowerCase()}`} />;
  }
  return <>{children(query.data)}</>;
}

export function humanize(key: string): string {
  const words = key
    .replace(/Minor$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

function renderCell(row: Record<string, unknown>, key: string): ReactNode {
  const value = row[key];
  if (value === null || value === undefined || value === '') return '—';
  if (key.endsWith('Minor') && (typeof value === 'string' || typeof value === 'number')) {
    return formatMoney(String(value), typeof row.currency === 'string' ? row.currency : 'USD');
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const hiddenColumns = new Set(['tenantId', 'currency']);

/**
 * A table for a list of records whose exact shape the server decides: amounts (`…Minor`) are formatted
 * in the row's currency, instants in the viewer's zone, ids left out unless asked for.
 */
export function RecordTable({ rows, caption, columns, empty = 'Nothing here.' }: {
  rows: Array<Record<string, unknown>>;
  caption: string;
  columns?: string[];
  empty?: string;
}) {
  if (rows.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  const keys = columns ?? Object.keys(rows[0]!).filter((key) => !hiddenColumns.has(key) && !/(^id$|Id$)/.test(key));
  return (
    <ScrollArea type="auto">
      <Table striped highlightOnHover withTableBorder fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {keys.map((key) => (
              <Table.Th key={key} scope="col">{humanize(key)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={typeof row.id === 'string' ? row.id : index}>
              {keys.map((key) => (
                <Table.Td key={key} style={key.endsWith('Minor') ? { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } : undefined}>
                  {renderCell(row, key)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** Lists from the API come as `{ items, nextCursor }`; some endpoints may return a bare array. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data !== null && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)) return (data as { items: T[] }).items;
  return [];
}
