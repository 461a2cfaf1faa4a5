import { useState, type FormEvent } from 'react';
import { Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text, Alert } from '@mantine/core';
import { describeError } from '../shared/api.ts';
import { useSession } from './session.tsx';

export function LoginPage() {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
          <form onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
            <Stack>
              <Title order={1} size="h2" id="login-title">Sign in to Recoup</Title>
              <Text size="sm" c="dimmed">For specialists, supervisors, admins and auditors. Debtors use the <a href="/portal/">portal</a>.</Text>
              {error !== null && <Alert color="red" role="alert" title="Could not sign in">{describeError(error)}</Alert>}
              <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} autoFocus />
              <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
              <Button type="submit" loading={busy}>Sign in</Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </main>
  );
}
