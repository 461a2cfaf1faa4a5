-- Outreach (issue #4): strategies, enrolments, the outbox, contact attempts and their delivery events, call
-- tasks, and the debtor facts the compliance gate needs that the book did not yet keep (disputes, cease,
-- bankruptcy, attorney, deceased, per-channel opt-outs, validation notices). See docs/outreach.md.

-- A strategy version as loaded from strategies/*.yaml: the source text and its validated definition.
CREATE TABLE outreach_strategy (
  tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
  id          text NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  name        text NOT NULL,
  definition  jsonb NOT NULL,
  source_text text NOT NULL,
  sha256      text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id, version)
);

-- Which strategy (and which arm of a champion/challenger split) an account follows, and how far it got.
CREATE TABLE strategy_enrolment (
  tenant_id        text NOT NULL,
  account_id       text NOT NULL,
  debtor_id        text NOT NULL,
  strategy_id      text NOT NULL,
  strategy_version integer NOT NULL,
  arm              text NOT NULL CHECK (arm IN ('champion', 'challenger')),
  entered_on       date NOT NULL,
  -- Steps already acted on (queued, skipped or blocked), by step id: a step is never queued twice.
  steps_done       text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exited')),
  exit_reason      text,
  exited_on        date,
  last_evaluated_on date,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, account_id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id),
  FOREIGN KEY (tenant_id, strategy_id, strategy_version) REFERENCES outreach_strategy (tenant_id, id, version)
);
CREATE INDEX strategy_enrolment_debtor ON strategy_enrolment (tenant_id, debtor_id);

-- Intended contacts, written in the same transaction as the strategy decision. The idempotency key is
-- deterministic (debtor, strategy step, business date), so a decision taken twice queues one message.
CREATE TABLE outreach_outbox (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  idempotency_key  text NOT NULL,
  debtor_id        text NOT NULL,
  account_ids      text[] NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'call_task')),
  template         text NOT NULL,
  locale           text NOT NULL DEFAULT 'en',
  contact_point_id text,
  to_address       text,
  strategy_id      text,
  strategy_version integer,
  step_id          text,
  arm              text,
  business_date    date NOT NULL,
  -- The notice's variables (itemized balance, due dates, links) as decided, amounts as strings of minor units.
  variables        jsonb NOT NULL DEFAULT '{}',
  required_disclosures text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'blocked', 'failed', 'cancelled')),
  not_before       timestamptz NOT NULL,
  tries            integer NOT NULL DEFAULT 0,
  claimed_by       text,
  claimed_until    timestamptz,
  message_id       text NOT NULL,
  last_reason      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX outreach_outbox_due ON outreach_outbox (not_before) WHERE status IN ('queued', 'sending');
CREATE INDEX outreach_outbox_debtor ON outreach_outbox (tenant_id, debtor_id);
CREATE INDEX outreach_outbox_message ON outreach_outbox (message_id);

-- One row per try at delivering an outbox message (or a manual contact). 'sending' is written and committed
-- before the provider is called; reconciliation settles rows left 'sending' by a crash (docs/outreach.md).
CREATE TABLE contact_attempt (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  outbox_id        text,
  debtor_id        text NOT NULL,
  account_ids      text[] NOT NULL DEFAULT '{}',
  channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'call', 'voicemail', 'portal')),
  direction        text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
  contact_point_id text,
  to_address       text,
  template         text,
  message_id       text,
  provider_id      text,
  status           text NOT NULL CHECK (status IN ('sending', 'sent', 'delivered', 'failed', 'bounced', 'returned', 'blocked', 'rescheduled', 'completed')),
  -- The gate history's outcome vocabulary (compliance-facts.ts historyOutcomes) once known.
  outcome          text,
  reason_ids       text[] NOT NULL DEFAULT '{}',
  detail           jsonb NOT NULL DEFAULT '{}',
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contact_attempt_debtor ON contact_attempt (tenant_id, debtor_id, started_at);
CREATE INDEX contact_attempt_outbox ON contact_attempt (tenant_id, outbox_id);
CREATE INDEX contact_attempt_provider ON contact_attempt (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX contact_attempt_message ON contact_attempt (message_id) WHERE message_id IS NOT NULL;

-- What providers told us about an attempt afterwards (delivery receipts, bounces, returned mail). Append-only.
CREATE TABLE delivery_event (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  attempt_id  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('delivered', 'bounced', 'failed', 'returned', 'status')),
  occurred_at timestamptz NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, attempt_id) REFERENCES contact_attempt (tenant_id, id)
);
CREATE INDEX delivery_event_attempt ON delivery_event (tenant_id, attempt_id);
CREATE TRIGGER delivery_event_append_only BEFORE UPDATE OR DELETE ON delivery_event
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- A call a specialist should make: lands in the work queue; the outcome becomes a contact attempt.
CREATE TABLE call_task (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  outbox_id        text,
  debtor_id        text NOT NULL,
  account_ids      text[] NOT NULL DEFAULT '{}',
  contact_point_id text,
  phone            text,
  due_on           date NOT NULL,
  not_before       timestamptz NOT NULL,
  assigned_to      text,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  outcome          text,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, outbox_id)
);
CREATE INDEX call_task_open ON call_task (tenant_id, status, due_on);

-- Feedback on a contact point: a bounce, a failed SMS or a returned letter makes it unusable for outreach.
ALTER TABLE contact_point ADD COLUMN unusable_at timestamptz;
ALTER TABLE contact_point ADD COLUMN unusable_reason text;

-- Disputes and original-creditor requests (REGF-DISPUTE-PAUSE): written by specialists, the portal or
-- inbound-message handling. Scope: the debtor, an account, or one invoice.
CREATE TABLE debtor_dispute (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  account_id       text,
  invoice_id       text,
  kind             text NOT NULL DEFAULT 'dispute' CHECK (kind IN ('dispute', 'original_creditor_request')),
  written          boolean NOT NULL DEFAULT true,
  medium           text,
  submitted_at     timestamptz NOT NULL,
  received_at      timestamptz,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'withdrawn')),
  response_sent_at timestamptz,
  resolved_at      timestamptz,
  source           text NOT NULL,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX debtor_dispute_debtor ON debtor_dispute (tenant_id, debtor_id);

-- Hard-stop facts about a debtor: cease (1006.6(c)), bankruptcy, attorney representation, deceased.
-- `details` carries the kind's fields (chapter, case status; attorney name and address; date of death).
CREATE TABLE debtor_compliance_flag (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  debtor_id    text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('cease', 'refusal_to_pay', 'bankruptcy', 'attorney', 'deceased')),
  -- NULL: every account of the debtor.
  account_ids  text[],
  effective_at timestamptz NOT NULL,
  ended_at     timestamptz,
  details      jsonb NOT NULL DEFAULT '{}',
  source       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX debtor_compliance_flag_debtor ON debtor_compliance_flag (tenant_id, debtor_id);

-- Opt-outs per medium, for one contact point or medium-wide (contact_point_id NULL). Revoking sets revoked_at.
CREATE TABLE contact_opt_out (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  contact_point_id text,
  medium           text NOT NULL CHECK (medium IN ('call', 'sms', 'email', 'letter', 'all_electronic', 'all')),
  effective_at     timestamptz NOT NULL,
  revoked_at       timestamptz,
  raw_text         text,
  source           text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX contact_opt_out_debtor ON contact_opt_out (tenant_id, debtor_id);

-- Validation information per account (REGF-VAL-*): the initial communication and the notice.
CREATE TABLE account_validation (
  tenant_id                text NOT NULL,
  account_id               text NOT NULL,
  debtor_id                text NOT NULL,
  initial_communication_at timestamptz,
  notice_sent_at           timestamptz,
  notice_delivered_at      timestamptz,
  end_date                 date,
  attempt_id               text,
  PRIMARY KEY (tenant_id, account_id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id)
);
CREATE INDEX account_validation_debtor ON account_validation (tenant_id, debtor_id);

-- Reasons outreach was blocked, per account (shown on the account; the audit log has the same with debtorId).
CREATE TABLE outreach_block (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  debtor_id   text NOT NULL,
  account_ids text[] NOT NULL,
  outbox_id   text,
  stage       text NOT NULL CHECK (stage IN ('queue', 'send')),
  channel     text NOT NULL,
  decision    text NOT NULL,
  reason_ids  text[] NOT NULL,
  explanation text NOT NULL,
  business_date date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outreach_block_debtor ON outreach_block (tenant_id, debtor_id);
CREATE TRIGGER outreach_block_append_only BEFORE UPDATE OR DELETE ON outreach_block
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_strategy, strategy_enrolment, outreach_outbox, contact_attempt, call_task,
  debtor_dispute, debtor_compliance_flag, contact_opt_out, account_validation TO recoup_app;
GRANT SELECT, INSERT ON delivery_event, outreach_block TO recoup_app;
