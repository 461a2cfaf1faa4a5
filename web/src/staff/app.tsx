import { lazy, Suspense, useState, useRef } from 'react';
import { AppShell, Group, Title, Button, Text, Anchor, Center, Loader, Modal, Table, Kbd, Badge } from '@mantine/core';
import { navigate, useHashPath, matchPath } from '../shared/router.ts';
import { useSession, canOversee } from './session.tsx';
import { LoginPage } from './login-page.tsx';
import { QueuePage, useQueue } from './queue-page.tsx';
import { AccountPage } from './account-page.tsx';
import { SearchBox } from './search-box.tsx';
import { shortcuts, useShortcuts } from './shortcuts.ts';

// The dashboard pulls in ECharts: loaded only when a supervisor opens it, so the workbench stays light.
const SupervisorPage = lazy(() => import('./supervisor-page.tsx').then((module) => ({ default: module.SupervisorPage })));

export function App() {
  const { user, checked } = useSession();
  if (!checked) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  return user === null ? <LoginPage /> : <SignedIn />;
}

function SignedIn() {
  const { user, logout } = useSession();
  const path = useHashPath();
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const queue = useQueue();
  const debtorMatch = matchPath('/debtors/:id', path);

  const goToNext = async () => {
    let items = queue.items;
    const index = debtorMatch ? items.findIndex((item) => item.debtorId === debtorMatch.id) : -1;
    if (index + 1 >= items.length && queue.query.hasNextPage) {
      const more = await queue.query.fetchNextPage();
      items = more.data?.pages.flatMap((page) => page.items) ?? items;
    }
    const next = items[index + 1] ?? items[0];
    if (next !== undefined) navigate(`/debtors/${encodeURIComponent(next.debtorId)}`);
  };

  useShortcuts([
    ['shift+?', () => setHelpOpen(true)],
    ['/', () => searchRef.current?.focus()],
    ['n', () => void goToNext()],
    ['q', () => navigate('/')],
    ['s', () => { if (user && canOversee(user.role)) navigate('/supervisor'); }],
  ]);

  if (user === null) return null;
  let page;
  if (debtorMatch?.id) page = <AccountPage key={debtorMatch.id} debtorId={debtorMatch.id} onNext={() => void goToNext()} />;
  else if (path === '/supervisor') page = <Suspense fallback={<Loader aria-label="Loading the dashboard" />}><SupervisorPage /></Suspense>;
  else page = <QueuePage />;

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Anchor href="#/" underline="never" c="inherit">
              <Title order={2} size="h4">Recoup</Title>
            </Anchor>
            <nav aria-label="Main">
              <Group gap="sm" wrap="nowrap">
                <Anchor href="#/" fw={path === '/' ? 700 : 400} aria-current={path === '/' ? 'page' : undefined}>My queue</Anchor>
                {canOversee(user.role) && (
                  <Anchor href="#/supervisor" fw={path === '/supervisor' ? 700 : 400} aria-current={path === '/supervisor' ? 'page' : undefined}>Dashboard</Anchor>
                )}
              </Group>
            </nav>
          </Group>
          <SearchBox inputRef={searchRef} />
          <Group gap="sm" wrap="nowrap">
            <Button variant="subtle" size="compact-sm" onClick={() => setHelpOpen(true)} aria-keyshortcuts="Shift+?">Shortcuts <Kbd ml={6}>?</Kbd></Button>
            <Text size="sm" visibleFrom="sm">{user.name} <Badge variant="light" color="gray">{user.role}</Badge></Text>
            <Button variant="default" size="compact-sm" onClick={() => void logout()}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {page}
      </AppShell.Main>
      <Modal opened={helpOpen} onClose={() => setHelpOpen(false)} title="Keyboard shortcuts" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        <ShortcutTable title="Anywhere" items={shortcuts.global} />
        <ShortcutTable title="On an account" items={shortcuts.account} />
      </Modal>
    </AppShell>
  );
}

function ShortcutTable({ title, items }: { title: string; items: ReadonlyArray<{ keys: string; label: string }> }) {
  return (
    <Table mb="md">
      <Table.Caption>{title}</Table.Caption>
      <Table.Thead>
        <Table.Tr><Table.Th scope="col">Key</Table.Th><Table.Th scope="col">Action</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.keys}>
            <Table.Td><Kbd>{item.keys}</Kbd></Table.Td>
            <Table.Td>{item.label}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
