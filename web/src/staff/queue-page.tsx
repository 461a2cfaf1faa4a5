import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Checkbox, Group, Paper, VisuallyHidden, Stack, Table, Text, Title, Anchor, List, ScrollArea, SegmentedControl } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useSession, useUser } from './session.tsx';
import { AssignControl, canAssign } from './assignment.tsx';
import { ErrorNotice, formatInstant, itemsOf } from '../shared/ui.tsx';
import { formatMoney } from '../shared/money.ts';
import type { QueueItem } from './types.ts';
import { useHashPath } from '../shared/router.ts';
import { SearchResults } from './search-box.tsx';

export type QueueScope = 'mine' | 'unassigned' | 'all';

export function useQueueScope() {
  return useLocalStorage<QueueScope>({ key: 'recoup.queue-scope', defaultValue: 'mine' });
}

type QueuePageData = { items: QueueItem[]; scope?: QueueScope; nextCursor?: string | null };

/**
 * The queue being worked, page by page (the `n` shortcut walks what is loaded, then loads more): mine,
 * falling back to the unassigned pool when nothing is assigned to me.
 */
export function useQueue() {
  const { api } = useSession();
  const [scope] = useQueueScope();
  const query = useInfiniteQuery({
    queryKey: ['queue', scope],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<QueuePageData>(`/api/queue?limit=50&scope=${scope}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => itemsOf<QueueItem>(page)) ?? [];
  return { query, items, servedScope: query.data?.pages[0]?.scope ?? scope };
}

export function reasonText(reason: QueueItem['priorityReasons'][number]): string {
  if (typeof reason === 'string') return reason;
  const text = reason.text ?? reason.message ?? reason.code ?? JSON.stringify(reason);
  return reason.points === undefined ? text : `${text} (${reason.points >= 0 ? '+' : '−'}${Math.abs(reason.points)})`;
}

export function QueuePage() {
  const { query: queue, items, servedScope } = useQueue();
  const [scope, setScope] = useQueueScope();
  const user = useUser();
  const assigning = canAssign(user.role);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (debtorId: string, on: boolean) => setSelected((current) => {
    const next = new Set(current);
    if (on) next.add(debtorId); else next.delete(debtorId);
    return next;
  });
  const path = useHashPath();
  const search = new URLSearchParams(path.split('?')[1] ?? '').get('search');
  return (
    <Stack>
      {search !== null && search !== '' && <SearchResults text={search} />}
      <Group justify="space-between">
        <Title order={1} size="h2">{scope === 'mine' ? 'My queue' : scope === 'all' ? 'Everyone\'s queue' : 'Unassigned accounts'}</Title>
        <SegmentedControl
          aria-label="Which queue"
          value={scope}
          onChange={(value) => setScope(value as QueueScope)}
          data={[{ value: 'mine', label: 'Mine' }, { value: 'unassigned', label: 'Unassigned' }, { value: 'all', label: 'All' }]}
        />
      </Group>
      <Text size="sm" c="dimmed">Highest priority first, with the reasons. Press <kbd>n</kbd> to open the next account, <kbd>?</kbd> for every shortcut.</Text>
      {scope === 'mine' && servedScope === 'unassigned' && <Text size="sm">Nothing is assigned to you yet: this is the unassigned pool.</Text>}
      {assigning && selected.size > 0 && (
        <Paper withBorder p="sm" role="group" aria-label="Assign the ticked accounts">
          <AssignControl debtorIds={[...selected]} onAssigned={() => setSelected(new Set())} label="Assign ticked" />
        </Paper>
      )}
      {queue.isPending && <Text size="sm" aria-live="polite">Loading the queue…</Text>}
      {queue.isError && <ErrorNotice error={queue.error} title="Could not load the queue" />}
      {queue.isSuccess && (items.length === 0 ? <Text>Your queue is empty.</Text> : (
          <ScrollArea type="auto">
            <Table striped highlightOnHover withTableBorder verticalSpacing="xs">
              <Table.Caption>{items.length} accounts to work, highest priority first, with the reasons for each priority.</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {assigning && <Table.Th scope="col"><VisuallyHidden>Select</VisuallyHidden></Table.Th>}
                  <Table.Th scope="col">Priority</Table.Th>
                  <Table.Th scope="col">Debtor</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>Balance</Table.Th>
                  <Table.Th scope="col">Days past due</Table.Th>
                  <Table.Th scope="col">Why</Table.Th>
                  <Table.Th scope="col">Next action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item, index) => (
                  <Table.Tr key={item.debtorId} data-testid="queue-row">
                    {assigning && (
                      <Table.Td>
                        <Checkbox aria-label={`Select ${item.name}`} checked={selected.has(item.debtorId)} onChange={(event) => toggle(item.debtorId, event.currentTarget.checked)} />
                      </Table.Td>
                    )}
                    <Table.Td><Badge variant="light" aria-label={`priority ${item.priority}`}>{item.priority}</Badge></Table.Td>
                    <Table.Td>
                      <Anchor href={`#/debtors/${encodeURIComponent(item.debtorId)}`} data-queue-index={index}>{item.name}</Anchor>
                      <Text size="xs" c="dimmed">{[item.reference, item.kind].filter(Boolean).join(' · ')}</Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(item.balanceMinor, item.currency)}</Table.Td>
                    <Table.Td>{item.daysPastDue ?? '—'}</Table.Td>
                    <Table.Td>
                      <List size="xs" spacing={0}>
                        {item.priorityReasons.map((reason, reasonIndex) => <List.Item key={reasonIndex}>{reasonText(reason)}</List.Item>)}
                      </List>
                    </Table.Td>
                    <Table.Td><Text size="sm">{item.nextAction ? item.nextAction.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/, (iso) => formatInstant(iso)) : '—'}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
      ))}
      {queue.hasNextPage && (
        <Button variant="default" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>Show more</Button>
      )}
    </Stack>
  );
}
