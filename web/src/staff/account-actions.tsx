import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, TextInput, Textarea, Paper, List, Title } from '@mantine/core';
import { useSession } from './session.tsx';
import { describeError } from '../shared/api.ts';
import { useIdempotencyKey } from '../shared/use-idempotency-key.ts';
import { formatMoney, parseAmountToMinor } from '../shared/money.ts';
import { PlanCalculator, addDays, todayIso, type PlanRequest } from '../shared/plan-calculator.tsx';
import { QueryView, itemsOf } from '../shared/ui.tsx';
import { disclosureText, type CallScript, type DebtorDetail, type Template } from './types.ts';

export type ActionKind = 'call' | 'promise' | 'plan' | 'message' | 'note' | 'callback' | 'escalate';

export const actionLabels: Record<ActionKind, string> = {
  call: 'Log call',
  promise: 'Promise',
  plan: 'Plan',
  message: 'Send template',
  note: 'Note',
  callback: 'Callback',
  escalate: 'Escalate',
};

const callOutcomes = [
  ['no_answer', 'No answer'], ['voicemail', 'Voicemail'], ['conversation', 'Conversation'], ['wrong_number', 'Wrong number'],
  ['promise', 'Promise to pay'], ['refused', 'Refused to pay'], ['dispute', 'Disputes the debt'],
] as const;

type Props = { kind: ActionKind; detail: DebtorDetail; onClose: () => void; onDone: (message: string) => void };

/** The main balance (largest amount owed) decides the default currency and amount of promises and plans. */
function mainBalance(detail: DebtorDetail): { currency: string; amountMinor: string } {
  let best = { currency: 'USD', amountMinor: '0' };
  for (const row of detail.balances) {
    const currency = typeof row.currency === 'string' ? row.currency : null;
    const amount = row.balanceMinor ?? row.totalMinor ?? row.amountMinor ?? row.receivableMinor;
    if (currency !== null && (typeof amount === 'string' || typeof amount === 'number') && BigInt(String(amount)) > BigInt(best.amountMinor)) {
      best = { currency, amountMinor: String(amount) };
    }
  }
  return best;
}

function useAction(detail: DebtorDetail, onDone: (message: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<string>) => run(),
    onSuccess: async (message) => {
      await queryClient.invalidateQueries({ queryKey: ['debtor', detail.debtor.id] });
      await queryClient.invalidateQueries({ queryKey: ['queue'] });
      onDone(message);
    },
  });
}

function ActionForm({ title, onClose, onSubmit, pending, error, submitLabel, children, submitDisabled = false, size = 'lg' }: {
  title: string; onClose: () => void; onSubmit: () => void; pending: boolean; error: unknown; submitLabel: string;
  children: ReactNode; submitDisabled?: boolean; size?: string;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          {children}
          {error !== null && error !== undefined && <Alert color="red" role="alert" title="Not saved">{describeError(error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={pending} disabled={submitDisabled}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ActionModal(props: Props) {
  switch (props.kind) {
    case 'call': return <LogCall {...props} />;
    case 'promise': return <RecordPromise {...props} />;
    case 'plan': return <BuildPlan {...props} />;
    case 'message': return <SendTemplate {...props} />;
    case 'note': return <AddNote {...props} />;
    case 'callback': return <ScheduleCallback {...props} />;
    case 'escalate': return <Escalate {...props} />;
  }
}

function AmountAndDate({ currency, amount, setAmount, dueOn, setDueOn }: { currency: string; amount: string; setAmount: (value: string) => void; dueOn: string; setDueOn: (value: string) => void }) {
  const parsed = parseAmountToMinor(amount, currency);
  return (
    <Group grow align="flex-start">
      <TextInput label={`Amount (${currency})`} required inputMode="decimal" value={amount} onChange={(event) => setAmount(event.currentTarget.value)} error={amount !== '' && parsed === null ? `Not an amount in ${currency}` : undefined} data-autofocus />
      <TextInput label="Due on" type="date" required value={dueOn} onChange={(event) => setDueOn(event.currentTarget.value)} />
    </Group>
  );
}

function LogCall({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const phones = detail.contactPoints.filter((point) => point.channel === 'phone' || point.channel === 'mobile' || point.channel === 'sms');
  const points = phones.length > 0 ? phones : detail.contactPoints;
  const [contactPointId, setContactPointId] = useState<string | null>(points[0]?.id ?? null);
  const [outcome, setOutcome] = useState<string>('conversation');
  const [note, setNote] = useState('');
  const main = mainBalance(detail);
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState(addDays(todayIso(), 7));
  const idempotencyKey = useIdempotencyKey([contactPointId, outcome, note, amount, dueOn]);
  const script = useQuery({
    queryKey: ['debtor', detail.debtor.id, 'call-script'],
    queryFn: () => api.get<CallScript>(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/call-script`),
  });
  const selected = points.find((point) => point.id === contactPointId);
  const submit = () => action.mutate(async () => {
    const promiseMinor = outcome === 'promise' ? parseAmountToMinor(amount, main.currency) : null;
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/calls`, {
      contactPointId,
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(outcome === 'promise' && promiseMinor !== null ? { promise: { amountMinor: promiseMinor, currency: main.currency, dueOn } } : {}),
    }, { idempotencyKey });
    return `Call logged: ${callOutcomes.find(([value]) => value === outcome)?.[1] ?? outcome}.`;
  });
  return (
    <ActionForm title="Log a call outcome" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Log call" size="xl">
      <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
        <Title order={3} size="h6" mb={4}>Call script</Title>
        <QueryView query={script} what="Call script">
          {(data) => (
            <>
              <Text size="sm" fw={600}>Say these disclosures:</Text>
              {data.disclosures.length === 0 ? <Text size="sm">None required.</Text> : <List size="sm">{data.disclosures.map((line, index) => <List.Item key={index}>{disclosureText(line)}</List.Item>)}</List>}
            </>
          )}
        </QueryView>
      </Paper>
      <Select
        label="Number called"
        data={points.map((point) => ({ value: point.id, label: `${point.channel}: ${point.value}` }))}
        value={contactPointId}
        onChange={setContactPointId}
        allowDeselect={false}
      />
      {selected?.canContactNow && selected.canContactNow.outcome !== 'allow' && (
        <Alert color="yellow" title="The gate does not allow a call to this number now">
          {selected.canContactNow.reasons.map((reason) => reason.message).join(' ')}
        </Alert>
      )}
      <Radio.Group label="Outcome" value={outcome} onChange={setOutcome} required>
        <Group gap="md" mt={4}>
          {callOutcomes.map(([value, label]) => <Radio key={value} value={value} label={label} />)}
        </Group>
      </Radio.Group>
      {outcome === 'promise' && <AmountAndDate currency={main.currency} amount={amount} setAmount={setAmount} dueOn={dueOn} setDueOn={setDueOn} />}
      <Textarea label="Note (optional)" value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} />
    </ActionForm>
  );
}

function RecordPromise({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const main = mainBalance(detail);
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState(addDays(todayIso(), 7));
  const [channel, setChannel] = useState<string | null>('call');
  const idempotencyKey = useIdempotencyKey([amount, dueOn, channel]);
  const amountMinor = parseAmountToMinor(amount, main.currency);
  const submit = () => action.mutate(async () => {
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/promises`, { amountMinor, currency: main.currency, dueOn, channel }, { idempotencyKey });
    return `Promise recorded: ${formatMoney(amountMinor, main.currency)} due ${dueOn}.`;
  });
  return (
    <ActionForm title="Record a promise to pay" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Record promise" submitDisabled={amountMinor === null || amountMinor === '0'}>
      <Text size="sm">Balance: {formatMoney(main.amountMinor, main.currency)}</Text>
      <AmountAndDate currency={main.currency} amount={amount} setAmount={setAmount} dueOn={dueOn} setDueOn={setDueOn} />
      <Select label="Made by" data={[{ value: 'call', label: 'Phone call' }, { value: 'email', label: 'Email' }, { value: 'sms', label: 'Text message' }, { value: 'letter', label: 'Letter' }, { value: 'in_person', label: 'In person' }, { value: 'other', label: 'Other' }]} value={channel} onChange={setChannel} allowDeselect={false} />
    </ActionForm>
  );
}

function BuildPlan({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const main = mainBalance(detail);
  const [request, setRequest] = useState<PlanRequest | null>(null);
  const idempotencyKey = useIdempotencyKey(request);
  const submit = () => action.mutate(async () => {
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/plans`, request, { idempotencyKey });
    return `Plan proposed: ${request?.installments} ${request?.frequency} installments.`;
  });
  return (
    <ActionForm title="Build a payment plan" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Propose plan" submitDisabled={request === null} size="xl">
      <Text size="sm">Balance: {formatMoney(main.amountMinor, main.currency)}. The schedule updates as you type.</Text>
      <PlanCalculator api={api} quotePath="/api/plans/quote" currency={main.currency} balanceMinor={main.amountMinor} onRequestChange={setRequest} />
    </ActionForm>
  );
}

type Preview = {
  channel: string; to: string | null; subject: string | null; text: string | null;
  decision?: { decision?: string; reasons?: Array<{ explanation?: string; message?: string; ruleId?: string }> } | null;
};

function SendTemplate({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const templates = useQuery({ queryKey: ['templates'], queryFn: async () => itemsOf<Template>(await api.get('/api/templates')) });
  const [choice, setChoice] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const chosen = templates.data?.find((template) => templateKey(template) === choice);
  const templateId = chosen ? chosen.template ?? chosen.id ?? null : null;
  const locale = chosen?.locale;
  // The same template on the same channel is one message: a double click or a retry sends it once.
  const idempotencyKey = useIdempotencyKey([templateId, locale, channel]);
  const debtorPath = `/api/debtors/${encodeURIComponent(detail.debtor.id)}`;
  const body = { templateId, ...(channel ? { channel } : {}), ...(locale ? { locale } : {}) };
  const preview = useMutation({ mutationFn: () => api.post<Preview>(`${debtorPath}/messages/preview`, body) });
  const submit = () => action.mutate(async () => {
    const sent = await api.post<{ status?: string }>(`${debtorPath}/messages`, body, { idempotencyKey });
    return sent.status === 'delayed' ? 'Message queued: the gate delays it until it may go out.' : 'Message queued to go out.';
  });
  const blocked = preview.isSuccess && preview.data.text === null;
  const channels = chosen?.channels ?? ['email', 'sms', 'letter'];
  return (
    <ActionForm title="Send a template" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Send" submitDisabled={!preview.isSuccess || blocked} size="xl">
      <QueryView query={templates} what="Templates">
        {(items) => (
          <Group grow align="flex-end">
            <Select
              label="Template"
              data={items.map((template) => ({ value: templateKey(template), label: `${template.name ?? template.template ?? template.id}${template.locale ? ` (${template.locale})` : ''}` }))}
              value={choice}
              onChange={(value) => { setChoice(value); setChannel(null); preview.reset(); }}
              searchable
              data-autofocus
            />
            <Select
              label="Channel"
              placeholder="Best available"
              data={channels.map((value) => ({ value, label: value === 'sms' ? 'Text message' : value.charAt(0).toUpperCase() + value.slice(1) }))}
              value={channel}
              onChange={(value) => { setChannel(value); preview.reset(); }}
              clearable
            />
            <Button variant="light" disabled={templateId === null} loading={preview.isPending} onClick={() => preview.mutate()}>Preview</Button>
          </Group>
        )}
      </QueryView>
      {preview.isError && <Alert color="red" role="alert" title="No preview">{describeError(preview.error)}</Alert>}
      {preview.isSuccess && (
        <Paper withBorder p="sm" aria-label="Preview">
          <Text size="xs" c="dimmed">{preview.data.channel}{preview.data.to ? ` to ${preview.data.to}` : ''}</Text>
          {blocked ? (
            <Alert color="red" title="The gate does not allow this message now">
              {(preview.data.decision?.reasons ?? []).map((reason) => reason.explanation ?? reason.message ?? reason.ruleId).join(' ')}
            </Alert>
          ) : (
            <>
              {preview.data.subject && <Text fw={600} size="sm">Subject: {preview.data.subject}</Text>}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{preview.data.text}</Text>
            </>
          )}
        </Paper>
      )}
      {!preview.isSuccess && <Text size="sm" c="dimmed">Preview the message before sending it.</Text>}
    </ActionForm>
  );
}

const templateKey = (template: Template) => `${template.template ?? template.id}|${template.locale ?? ''}`;

function AddNote({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const [text, setText] = useState('');
  const submit = () => action.mutate(async () => {
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/notes`, { text: text.trim() });
    return 'Note added.';
  });
  return (
    <ActionForm title="Add a note" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Add note" submitDisabled={text.trim() === ''} size="md">
      <Textarea label="Note" required autosize minRows={3} value={text} onChange={(event) => setText(event.currentTarget.value)} data-autofocus />
    </ActionForm>
  );
}

function ScheduleCallback({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const zone = detail.contactPoints.find((point) => point.timeZone)?.timeZone;
  const submit = () => action.mutate(async () => {
    const instant = new Date(at);
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/callbacks`, { at: instant.toISOString(), ...(note.trim() ? { note: note.trim() } : {}) });
    return `Callback scheduled for ${instant.toLocaleString()}.`;
  });
  return (
    <ActionForm title="Schedule a callback" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Schedule" submitDisabled={at === '' || Number.isNaN(new Date(at).getTime())} size="md">
      <TextInput label="When (your time)" type="datetime-local" required value={at} onChange={(event) => setAt(event.currentTarget.value)} data-autofocus
        description={zone ? debtorTimeOf(at, zone) : undefined} />
      <Textarea label="Note (optional)" value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} />
    </ActionForm>
  );
}

/** "That is Tue 09:30 for the debtor (America/Chicago)." for a datetime-local value in the specialist's zone. */
function debtorTimeOf(localValue: string, zone: string): string {
  const instant = new Date(localValue);
  if (localValue === '' || Number.isNaN(instant.getTime())) return `The debtor's zone is ${zone}.`;
  const text = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(instant);
  return `That is ${text} for the debtor (${zone}).`;
}

function Escalate({ detail, onClose, onDone }: Props) {
  const { api } = useSession();
  const action = useAction(detail, onDone);
  const [to, setTo] = useState<string | null>('supervisor');
  const [reason, setReason] = useState('');
  const submit = () => action.mutate(async () => {
    await api.post(`/api/debtors/${encodeURIComponent(detail.debtor.id)}/escalations`, { to, reason: reason.trim() });
    return `Escalated to ${to}.`;
  });
  return (
    <ActionForm title="Escalate" onClose={onClose} onSubmit={submit} pending={action.isPending} error={action.error} submitLabel="Escalate" submitDisabled={reason.trim() === ''} size="md">
      <Select label="To" data={[{ value: 'supervisor', label: 'Supervisor' }, { value: 'agency', label: 'Collection agency' }, { value: 'legal', label: 'Legal' }]} value={to} onChange={setTo} allowDeselect={false} />
      <Textarea label="Reason" required autosize minRows={3} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-autofocus />
    </ActionForm>
  );
}
