import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Center, Container, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { createApiClient, describeError, type ApiClient } from '../shared/api.ts';
import { matchPath, navigate, useHashPath } from '../shared/router.ts';
import { QueryView } from '../shared/ui.tsx';
import { Overview, type PortalAccount } from './overview.tsx';
import { PayPage, PromisePage, PlanPage, DisputePage, PreferencesPage } from './actions.tsx';

type VerifyResponse = { csrfToken?: string } & Record<string, unknown>;

// The portal's CSRF token comes once, from verify; the tab keeps it (sessionStorage: this tab, this origin)
// so a reload can still act. The session itself stays in the HttpOnly cookie.
const csrfStorageKey = 'recoup.portal.csrf';
function rememberCsrf(api: ApiClient, token: string | null) {
  api.setCsrfToken(token);
  if (token === null) sessionStorage.removeItem(csrfStorageKey);
  else sessionStorage.setItem(csrfStorageKey, token);
}

// One client and one start-up for the page: a one-time link must be exchanged exactly once, even when
// React runs effects twice (StrictMode in development).
let onUnauthorized: () => void = () => {};
const portalApi = createApiClient(() => onUnauthorized());

type Startup = { verified: boolean; account: PortalAccount | null; linkError: unknown };
let startup: Promise<Startup> | null = null;

// Letters and emails link to /portal/pay?ref=C000123 (and /portal/plan, …): open that page (after verifying)
// and fill in the reference.
const pages = ['pay', 'plan', 'promise', 'dispute', 'preferences'];
const linkedPage = /^\/portal\/([a-z]+)\/?$/.exec(window.location.pathname)?.[1];
const linkedReference = new URLSearchParams(window.location.search).get('ref') ?? '';
if (linkedPage !== undefined && pages.includes(linkedPage)) {
  window.history.replaceState(null, '', `/portal/#/${linkedPage}`);
}

/** A one-time link arrives as /portal/verify?token=… (or #token=…): exchange it, then drop it from the address bar. */
function startOnce(): Promise<Startup> {
  startup ??= (async (): Promise<Startup> => {
    portalApi.setCsrfToken(sessionStorage.getItem(csrfStorageKey));
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token') ?? new URLSearchParams(url.hash.replace(/^#\/?/, '')).get('token');
    if (token) {
      window.history.replaceState(null, '', '/portal/');
      try {
        const response = await portalApi.post<VerifyResponse>('/portal/api/verify', { token });
        if (typeof response.csrfToken === 'string') rememberCsrf(portalApi, response.csrfToken);
        return { verified: true, account: null, linkError: null };
      } catch (error) {
        return { verified: false, account: null, linkError: error };
      }
    }
    // The account itself tells whether the portal cookie is still good (and warms the cache).
    try {
      const account = await portalApi.get<PortalAccount>('/portal/api/account');
      return { verified: true, account, linkError: null };
    } catch {
      return { verified: false, account: null, linkError: null };
    }
  })();
  return startup;
}

export function PortalApp() {
  const queryClient = useQueryClient();
  const [verified, setVerified] = useState<boolean | null>(null);
  const [linkError, setLinkError] = useState<unknown>(null);
  const api = portalApi;

  useEffect(() => {
    let current = true;
    onUnauthorized = () => setVerified(false);
    void startOnce().then((result) => {
      if (!current) return;
      if (result.account !== null) queryClient.setQueryData(['portal-account'], result.account);
      setLinkError(result.linkError);
      setVerified(result.verified);
    });
    return () => { current = false; };
  }, [queryClient]);

  const signOut = async () => {
    try {
      await api.post('/portal/api/logout');
    } finally {
      rememberCsrf(api, null);
      queryClient.clear();
      setVerified(false);
      navigate('/');
    }
  };

  return (
    <>
      <header>
        <Paper radius={0} p="sm" withBorder>
          <Container size="sm">
            <Group justify="space-between">
              <Anchor href="#/" underline="never" c="inherit"><Text fw={700} size="lg">Your account</Text></Anchor>
              {verified && <Button variant="default" size="compact-sm" onClick={() => void signOut()}>Sign out</Button>}
            </Group>
          </Container>
        </Paper>
      </header>
      <Container size="sm" component="main" py="md" px="sm">
        {verified === null && <Center py="xl"><Loader aria-label="Loading" /></Center>}
        {verified === false && linkError !== null && (
          <Alert color="red" role="alert" title="This link did not sign you in" mb="md">
            {describeError(linkError)} You can still sign in with the details from your letter.
          </Alert>
        )}
        {verified === false && <VerifyForm api={api} onVerified={() => { queryClient.clear(); setVerified(true); }} />}
        {verified === true && <Verified api={api} />}
      </Container>
    </>
  );
}

function VerifyForm({ api, onVerified }: { api: ApiClient; onVerified: () => void }) {
  const [reference, setReference] = useState(linkedReference);
  const [lastName, setLastName] = useState('');
  const [postcode, setPostcode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await api.post<VerifyResponse>('/portal/api/verify', { reference: reference.trim(), lastName: lastName.trim(), postcode: postcode.trim() });
      if (typeof response.csrfToken === 'string') rememberCsrf(api, response.csrfToken);
      onVerified();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="verify-title">
        <Stack>
          <Title order={1} size="h2" id="verify-title">Check it is you</Title>
          <Text size="sm">Enter the reference from your letter, your last name and your postcode (ZIP code). If we sent you a link, open it instead: it signs you in directly.</Text>
          {error !== null && <Alert color="red" role="alert" title="We could not find your account">{describeError(error)}</Alert>}
          <TextInput label="Reference" required value={reference} onChange={(event) => setReference(event.currentTarget.value)} autoComplete="off" />
          <TextInput label="Last name" required value={lastName} onChange={(event) => setLastName(event.currentTarget.value)} autoComplete="family-name" />
          <TextInput label="Postcode or ZIP code" required value={postcode} onChange={(event) => setPostcode(event.currentTarget.value)} autoComplete="postal-code" />
          <Button type="submit" loading={busy} size="md">Continue</Button>
        </Stack>
      </form>
    </Paper>
  );
}

function Verified({ api }: { api: ApiClient }) {
  const path = useHashPath();
  const account = useQuery({ queryKey: ['portal-account'], queryFn: () => api.get<PortalAccount>('/portal/api/account') });
  return (
    <QueryView query={account} what="Your account">
      {(data) => {
        const props = { api, account: data };
        if (matchPath('/pay', path)) return <PayPage {...props} />;
        if (matchPath('/promise', path)) return <PromisePage {...props} />;
        if (matchPath('/plan', path)) return <PlanPage {...props} />;
        if (matchPath('/dispute', path)) return <DisputePage {...props} />;
        if (matchPath('/preferences', path)) return <PreferencesPage {...props} />;
        return <Overview {...props} />;
      }}
    </QueryView>
  );
}
