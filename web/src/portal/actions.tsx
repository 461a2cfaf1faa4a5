import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Checkbox, Code, Paper, Stack, Switch, Text, TextInput, Textarea, Title, List } from '@mantine/core';
import { describeError, type ApiClient } from '../shared/api.ts';
import { useIdempotencyKey } from '../shared/use-idempotency-key.ts';
import { formatMoney, minorToDecimal, parseAmountToMinor } from '../shared/money.ts';
import { PlanCalculator, addDays, todayIso, type PlanRequest } from '../shared/plan-calculator.tsx';
import { QueryView, formatInstant } from '../shared/ui.tsx';
import { mainBalance, type PortalAccount } from './overview.tsx';

type PageProps = { api: ApiClient; account: PortalAccount };

function PageFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="md">
      <Anchor href="#/" size="sm">← Back to your account</Anchor>
      <Title order={1} size="h2">{title}</Title>
      {children}
    </Stack>
  );
}

function useRefreshAccount() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['portal-account'] });
}

export function PayPage({ api, account }: PageProps) {
  const main = mainBalance(account);
  const refresh = useRefreshAccount();
  const [amount, setAmount] = useState(minorToDecimal(main.amountMinor, main.currency));
  // Pressing Pay twice, or retrying after a network error, pays once; another amount is another payment.
  const [cardNumber, setCardNumber] = useState('4242 4242 4242 4242');
  const idempotencyKey = useIdempotencyKey([amount, cardNumber]);
  const amountMinor = parseAmountToMinor(amount, main.currency);
  const cardValid = /^[\d ]{12,23}$/.test(cardNumber.trim());
  const pay = useMutation({
    mutationFn: () => api.post<Record<string, unknown>>('/portal/api/payments', {
      amountMinor, currency: main.currency, method: { kind: 'card', cardNumber: cardNumber.trim() },
    }, { idempotencyKey }),
    onSuccess: () => refresh(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pay.mutate();
  };
  if (pay.isSuccess) {
    return (
      <PageFrame title="Thank you">
        <Alert color="green" role="status" title="Payment received">
          We received {formatMoney(amountMinor, main.currency)}.
          {typeof pay.data.providerReference === 'string' ? ` Your receipt reference is ${pay.data.providerReference}.` : ''}
        </Alert>
      </PageFrame>
    );
  }
  return (
    <PageFrame title="Pay now">
      <Text>You owe {formatMoney(main.amountMinor, main.currency)}. You can pay all of it or part of it.</Text>
      <form onSubmit={submit} aria-label="Payment">
        <Stack>
          <TextInput label={`Amount (${main.currency})`} inputMode="decimal" required value={amount} onChange={(event) => setAmount(event.currentTarget.value)}
            error={amount !== '' && amountMinor === null ? `Not an amount in ${main.currency}` : undefined} />
          <TextInput label="Card number" inputMode="numeric" autoComplete="cc-number" required value={cardNumber} onChange={(event) => setCardNumber(event.currentTarget.value)}
            error={cardNumber !== '' && !cardValid ? 'Digits only, 12 to 19 of them' : undefined}
            description="This setup uses the built-in test payment provider: no card is charged (4000 0000 0000 0002 is declined)." />
          {pay.isError && <Alert color="red" role="alert" title="Payment not taken">{describeError(pay.error)}</Alert>}
          <Button type="submit" size="md" loading={pay.isPending} disabled={amountMinor === null || amountMinor === '0' || !cardValid}>Pay {amountMinor ? formatMoney(amountMinor, main.currency) : ''}</Button>
        </Stack>
      </form>
    </PageFrame>
  );
}

export function PromisePage({ api, account }: PageProps) {
  const main = mainBalance(account);
  const refresh = useRefreshAccount();
  const [amount, setAmount] = useState(minorToDecimal(main.amountMinor, main.currency));
  const [dueOn, setDueOn] = useState(addDays(todayIso(), 7));
  const amountMinor = parseAmountToMinor(amount, main.currency);
  const promise = useMutation({
    mutationFn: () => api.post('/portal/api/promises', { amountMinor, currency: main.currency, dueOn }),
    onSuccess: () => refresh(),
  });
  if (promise.isSuccess) {
    return (
      <PageFrame title="Promise recorded">
        <Alert color="green" role="status" title="Thank you">We expect {formatMoney(amountMinor, main.currency)} by {dueOn}.</Alert>
      </PageFrame>
    );
  }
  return (
    <PageFrame title="Promise to pay">
      <form onSubmit={(event) => { event.preventDefault(); promise.mutate(); }} aria-label="Promise to pay">
        <Stack>
          <TextInput label={`Amount (${main.currency})`} inputMode="decimal" required value={amount} onChange={(event) => setAmount(event.currentTarget.value)}
            error={amount !== '' && amountMinor === null ? `Not an amount in ${main.currency}` : undefined} />
          <TextInput label="I will pay by" type="date" required value={dueOn} onChange={(event) => setDueOn(event.currentTarget.value)} />
          {promise.isError && <Alert color="red" role="alert" title="Not recorded">{describeError(promise.error)}</Alert>}
          <Button type="submit" size="md" loading={promise.isPending} disabled={amountMinor === null || amountMinor === '0'}>Record my promise</Button>
        </Stack>
      </form>
    </PageFrame>
  );
}

type ProposedAgreement = { agreementId: string; documentSha256: string; text: string; plan: { planId: string; status: string } & Record<string, unknown> };
type Signature = { signatureId?: string; agreementId: string; signerName: string; signedAt: string; ip: string; userAgent: string; documentSha256: string };

export function PlanPage({ api, account }: PageProps) {
  const main = mainBalance(account);
  const refresh = useRefreshAccount();
  const [request, setRequest] = useState<PlanRequest | null>(null);
  const [fullName, setFullName] = useState('');
  const [agree, setAgree] = useState(false);
  // Proposing the same plan twice (a double tap, a retry) is one proposal.
  const idempotencyKey = useIdempotencyKey(request);
  const propose = useMutation({
    mutationFn: () => api.post<ProposedAgreement>('/portal/api/plans', request, { idempotencyKey }),
  });
  const agreement = propose.data;
  const sign = useMutation({
    mutationFn: () => api.post<Signature>(`/portal/api/plans/${encodeURIComponent(agreement!.agreementId)}/sign`, { fullName: fullName.trim(), agree: true }),
    onSuccess: () => refresh(),
  });
  const signature = sign.data;

  if (signature) {
    return (
      <PageFrame title="Your plan is signed">
        <Alert color="green" role="status" title="Agreement signed">
          <Text size="sm">Signed by {signature.signerName} on {formatInstant(signature.signedAt)} from {signature.ip}.</Text>
          <Text size="sm">Document fingerprint (SHA-256): <Code style={{ wordBreak: 'break-all' }} data-testid="document-sha256">{signature.documentSha256}</Code></Text>
        </Alert>
      </PageFrame>
    );
  }

  if (agreement) {
    return (
      <PageFrame title="Sign your payment plan">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">The agreement</Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="agreement-text">{agreement.text}</Text>
          <Text size="xs" c="dimmed" mt="xs">Document fingerprint (SHA-256): <Code style={{ wordBreak: 'break-all' }}>{agreement.documentSha256}</Code></Text>
        </Paper>
        <form onSubmit={(event) => { event.preventDefault(); sign.mutate(); }} aria-label="Sign the agreement">
          <Stack>
            <TextInput label="Your full name (your electronic signature)" required value={fullName} onChange={(event) => setFullName(event.currentTarget.value)} autoComplete="name" />
            <Checkbox label="I agree to this payment plan and sign it electronically." checked={agree} onChange={(event) => setAgree(event.currentTarget.checked)} />
            {sign.isError && <Alert color="red" role="alert" title="Not signed">{describeError(sign.error)}</Alert>}
            <Button type="submit" size="md" loading={sign.isPending} disabled={!agree || fullName.trim() === ''}>Sign the agreement</Button>
          </Stack>
        </form>
      </PageFrame>
    );
  }

  return (
    <PageFrame title="Set up a payment plan">
      <Text>Choose how many payments and how often. The schedule updates as you change it; plans outside our policy are refused with the reason.</Text>
      <form onSubmit={(event) => { event.preventDefault(); propose.mutate(); }} aria-label="Payment plan">
        <Stack>
          <PlanCalculator api={api} quotePath="/portal/api/plans/quote" currency={main.currency} balanceMinor={main.amountMinor} amountEditable={false} onRequestChange={setRequest} />
          {propose.isError && <Alert color="red" role="alert" title="This plan is not possible">{describeError(propose.error)}</Alert>}
          <Button type="submit" size="md" loading={propose.isPending} disabled={request === null}>Continue to the agreement</Button>
        </Stack>
      </form>
    </PageFrame>
  );
}

export function DisputePage({ api }: PageProps) {
  const refresh = useRefreshAccount();
  const [text, setText] = useState('');
  const tooShort = text.trim().length < 10;
  const dispute = useMutation({ mutationFn: () => api.post<Record<string, unknown>>('/portal/api/disputes', { text: text.trim() }), onSuccess: () => refresh() });
  if (dispute.isSuccess) {
    return (
      <PageFrame title="Dispute received">
        <Alert color="green" role="status" title="We have your dispute">
          We have paused collection on this debt while we look into it, and we will reply in writing.
        </Alert>
      </PageFrame>
    );
  }
  return (
    <PageFrame title="Dispute this debt">
      <Text>Tell us in your own words what is wrong: not your debt, the amount is wrong, already paid… We pause collection while we look into it.</Text>
      <form onSubmit={(event) => { event.preventDefault(); dispute.mutate(); }} aria-label="Dispute">
        <Stack>
          <Textarea label="Your dispute" description="At least 10 characters." required autosize minRows={5} value={text} onChange={(event) => setText(event.currentTarget.value)} />
          {dispute.isError && <Alert color="red" role="alert" title="Not sent">{describeError(dispute.error)}</Alert>}
          <Button type="submit" size="md" loading={dispute.isPending} disabled={tooShort}>Send my dispute</Button>
        </Stack>
      </form>
    </PageFrame>
  );
}

type Preferences = { channels: Record<string, { optOut: boolean }>; preferredTimes: string[] };
const channelNames: Record<string, string> = { email: 'Email', sms: 'Text messages', phone: 'Phone calls', letter: 'Letters' };

export function PreferencesPage({ api }: PageProps) {
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: ['portal-preferences'], queryFn: () => api.get<Preferences>('/portal/api/preferences') });
  return (
    <PageFrame title="Contact preferences">
      <QueryView query={preferences} what="Contact preferences">
        {(data) => <PreferencesForm api={api} initial={data} onSaved={(saved) => queryClient.setQueryData(['portal-preferences'], saved)} />}
      </QueryView>
    </PageFrame>
  );
}

function PreferencesForm({ api, initial, onSaved }: { api: ApiClient; initial: Preferences; onSaved: (saved: Preferences) => void }) {
  const [channels, setChannels] = useState(initial.channels);
  const [preferredTimes, setPreferredTimes] = useState(initial.preferredTimes.join('\n'));
  const save = useMutation({
    mutationFn: () => api.put<Preferences>('/portal/api/preferences', {
      channels, preferredTimes: preferredTimes.split('\n').map((line) => line.trim()).filter(Boolean),
    }),
    onSuccess: (saved) => { if (saved && typeof saved === 'object' && 'channels' in saved) onSaved(saved); },
  });
  return (
    <form onSubmit={(event) => { event.preventDefault(); save.mutate(); }} aria-label="Contact preferences">
      <Stack>
        <Text size="sm">Turn a channel off and we will not contact you that way (we may still need to send some legally required letters).</Text>
        <List listStyleType="none" spacing="sm">
          {Object.entries(channels).map(([channel, setting]) => (
            <List.Item key={channel}>
              <Switch
                label={`${channelNames[channel] ?? channel}: ${setting.optOut ? 'off' : 'on'}`}
                checked={!setting.optOut}
                onChange={(event) => {
                  const optOut = !event.currentTarget.checked;
                  setChannels((current) => ({ ...current, [channel]: { ...current[channel], optOut } }));
                }}
              />
            </List.Item>
          ))}
        </List>
        <Textarea label="Best times to reach you (optional, one per line)" placeholder="e.g. weekdays after 6 pm" autosize minRows={2} value={preferredTimes} onChange={(event) => setPreferredTimes(event.currentTarget.value)} />
        {save.isError && <Alert color="red" role="alert" title="Not saved">{describeError(save.error)}</Alert>}
        {save.isSuccess && <Alert color="green" role="status">Saved.</Alert>}
        <Button type="submit" size="md" loading={save.isPending}>Save preferences</Button>
      </Stack>
    </form>
  );
}
