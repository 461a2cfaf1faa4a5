import { useEffect, useState, type RefObject, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TextInput, Paper, Title, Anchor, List, Text } from '@mantine/core';
import { navigate, navigateReplacing } from '../shared/router.ts';
import { useSession } from './session.tsx';
import { QueryView, itemsOf } from '../shared/ui.tsx';

/** The header's search field (`/` focuses it); Enter shows the matches above the queue. */
export function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Leave the field so the single-key shortcuts work on the results straight away.
    inputRef.current?.blur();
    navigate(`/?search=${encodeURIComponent(text.trim())}`);
  };
  return (
    <form role="search" onSubmit={submit} style={{ flex: '0 1 320px' }}>
      <TextInput
        ref={inputRef}
        aria-label="Search debtors by name or reference"
        placeholder="Search debtors  ( / )"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => { if (event.key === 'Escape') event.currentTarget.blur(); }}
        aria-keyshortcuts="/"
      />
    </form>
  );
}

type DebtorHit = { id?: string; debtorId?: string; name: string; reference?: string; kind?: string };

export function SearchResults({ text }: { text: string }) {
  const { api } = useSession();
  const query = useQuery({
    queryKey: ['search', text],
    queryFn: async () => itemsOf<DebtorHit>(await api.get(`/api/debtors?q=${encodeURIComponent(text)}&limit=20`)),
  });
  // One match (a reference, usually): open it straight away, as a keyboard user expects after Enter.
  const only = query.data?.length === 1 ? query.data[0] : undefined;
  useEffect(() => {
    const id = only?.debtorId ?? only?.id;
    if (id) navigateReplacing(`/debtors/${encodeURIComponent(id)}`);
  }, [only]);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">Debtors matching “{text}”</Title>
      <QueryView query={query} what="Search">
        {(hits) => hits.length === 0 ? <Text size="sm">No debtor matches.</Text> : (
          <List>
            {hits.map((hit) => {
              const id = hit.debtorId ?? hit.id ?? '';
              return (
                <List.Item key={id}>
                  <Anchor href={`#/debtors/${encodeURIComponent(id)}`}>{hit.name}</Anchor>
                  {hit.reference && <Text span size="sm" c="dimmed"> · {hit.reference}</Text>}
                </List.Item>
              );
            })}
          </List>
        )}
      </QueryView>
    </Paper>
  );
}
