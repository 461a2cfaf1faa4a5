-- Negotiation and money in (issue #5): the creditor's negotiation policy, promises to pay, payment plans
-- and their installments, settlements, bank imports with each line's match, and NACHA debit files.
-- Written for PostgreSQL 15 and PGlite alike; tenant_id leads every key.

-- What a specialist may agree to, per creditor and role. Four layers, the most specific winning field by
-- field (a NULL field inherits): ('*', '*') the tenant's defaults, ('*', role), (creditor, '*'),
-- (creditor, role). Built-in defaults apply where no layer says anything (src/domain/negotiation/negotiation-policy.ts).
CREATE TABLE negotiation_policy (
  tenant_id                      text NOT NULL REFERENCES tenant (tenant_id),
  creditor_id                    text NOT NULL DEFAULT '*',
  role                           text NOT NULL DEFAULT '*',
  currency                       char(3),
  minimum_installment_minor      bigint CHECK (minimum_installment_minor >= 0),
  maximum_term_months            integer CHECK (maximum_term_months >= 1),
  minimum_down_payment_percent   text,
  maximum_apr_percent            text,
  -- Settlement authority: the largest discount off the balance this role may grant without approval.
  settlement_max_discount_percent text,
  -- The longest a settlement paid by a short plan may run.
  settlement_max_installments    integer CHECK (settlement_max_installments >= 1),
  promise_grace_days             integer CHECK (promise_grace_days >= 0),
  plan_grace_days                integer CHECK (plan_grace_days >= 0),
  missed_installments_to_break   integer CHECK (missed_installments_to_break >= 1),
  -- Charged when a payment comes back (NACHA return) with one of these reason codes; 0 or NULL: no fee.
  returned_payment_fee_minor     bigint CHECK (returned_payment_fee_minor >= 0),
  returned_payment_fee_codes     text[],
  updated_at                     timestamptz NOT NULL DEFAULT now(),
  updated_by                     text,
  PRIMARY KEY (tenant_id, creditor_id, role)
);

-- A debtor's promise to pay an amount by a date. Its status is decided from posted payments:
-- pending until the grace after the date ends, then kept, partially_kept or broken.
CREATE TABLE promise_to_pay (
  tenant_id      text NOT NULL,
  id             text NOT NULL,
  debtor_id      text NOT NULL,
  account_id     text NOT NULL,
  amount_minor   bigint NOT NULL CHECK (amount_minor > 0),
  currency       char(3) NOT NULL,
  -- Payments received from made_on to promised_on + grace_days count towards the promise.
  made_on        date NOT NULL,
  promised_on    date NOT NULL CHECK (promised_on >= made_on),
  grace_days     integer NOT NULL CHECK (grace_days >= 0),
  channel        text NOT NULL CHECK (channel IN ('call', 'email', 'sms', 'letter', 'portal', 'in_person', 'other')),
  taken_by       text NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'kept', 'partially_kept', 'broken', 'cancelled')),
  paid_minor     bigint NOT NULL DEFAULT 0,
  resolved_on    date,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id)
);
CREATE INDEX promise_to_pay_debtor ON promise_to_pay (tenant_id, debtor_id);
CREATE INDEX promise_to_pay_pending ON promise_to_pay (tenant_id, promised_on) WHERE status = 'pending';
CREATE INDEX promise_to_pay_taken_by ON promise_to_pay (tenant_id, taken_by);

-- A payment plan: the schedule as agreed (kept whole in `schedule`, and row by row in plan_installment),
-- its state, and the authorization to debit the debtor's bank account when there is one.
CREATE TABLE payment_plan (
  tenant_id            text NOT NULL,
  id                   text NOT NULL,
  debtor_id            text NOT NULL,
  account_id           text NOT NULL,
  creditor_id          text NOT NULL,
  currency             char(3) NOT NULL,
  principal_minor      bigint NOT NULL CHECK (principal_minor > 0),
  down_payment_minor   bigint NOT NULL DEFAULT 0 CHECK (down_payment_minor >= 0),
  frequency            text NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
  installment_count    integer NOT NULL CHECK (installment_count >= 1),
  start_date           date NOT NULL,
  interest_method      text NOT NULL CHECK (interest_method IN ('none', 'simple', 'amortized')),
  apr_percent          text NOT NULL DEFAULT '0',
  schedule             jsonb NOT NULL,
  status               text NOT NULL CHECK (status IN ('proposed', 'active', 'completed', 'broken', 'cancelled')),
  grace_days           integer NOT NULL CHECK (grace_days >= 0),
  missed_installments_to_break integer NOT NULL CHECK (missed_installments_to_break >= 1),
  proposed_by          text NOT NULL,
  proposed_role        text NOT NULL,
  accepted_on          date,
  activated_by         text,
  completed_on         date,
  broken_on            date,
  settlement_id        text,
  -- {"routingNumber","accountNumber","accountType":"checking"|"savings","secCode":"PPD"|"WEB","authorizedAt","name"}
  debit_authorization  jsonb,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id)
);
CREATE INDEX payment_plan_account ON payment_plan (tenant_id, account_id);
CREATE INDEX payment_plan_debtor ON payment_plan (tenant_id, debtor_id);

-- Installment 0 is the down payment. Status and paid amount are the last evaluation's (recoup plan evaluate).
CREATE TABLE plan_installment (
  tenant_id        text NOT NULL,
  plan_id          text NOT NULL,
  number           integer NOT NULL CHECK (number >= 0),
  due_date         date NOT NULL,
  amount_minor     bigint NOT NULL CHECK (amount_minor > 0),
  interest_minor   bigint NOT NULL DEFAULT 0,
  principal_minor  bigint NOT NULL DEFAULT 0,
  remaining_minor  bigint NOT NULL DEFAULT 0,
  status           text NOT NULL DEFAULT 'upcoming' CHECK (status IN ('upcoming', 'due', 'partially_paid', 'paid', 'missed')),
  paid_minor       bigint NOT NULL DEFAULT 0,
  paid_on          date,
  paid_late        boolean NOT NULL DEFAULT false,
  -- A payment for it came back (NACHA return): it counts as missed from that day.
  returned_on      date,
  PRIMARY KEY (tenant_id, plan_id, number),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES payment_plan (tenant_id, id)
);
CREATE INDEX plan_installment_due ON plan_installment (tenant_id, due_date);

-- A settlement: the creditor accepts less than the balance, paid at once (lump_sum, by due_date) or by a
-- short plan (plan_id). Above the proposer's authority it waits for a supervisor's approval. When it is
-- paid, the rest of the balance is written off through ledger write_off entries.
CREATE TABLE settlement (
  tenant_id              text NOT NULL,
  id                     text NOT NULL,
  debtor_id              text NOT NULL,
  account_id             text NOT NULL,
  creditor_id            text NOT NULL,
  currency               char(3) NOT NULL,
  balance_minor          bigint NOT NULL CHECK (balance_minor > 0),
  settlement_amount_minor bigint NOT NULL CHECK (settlement_amount_minor > 0),
  discount_percent       text NOT NULL,
  form                   text NOT NULL CHECK (form IN ('lump_sum', 'short_plan')),
  due_date               date NOT NULL,
  plan_id                text,
  status                 text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'completed', 'broken', 'rejected', 'cancelled')),
  proposed_by            text NOT NULL,
  proposed_role          text NOT NULL,
  authority_percent      text NOT NULL,
  approved_by            text,
  approved_at            timestamptz,
  accepted_on            date,
  completed_on           date,
  written_off_minor      bigint,
  grace_days             integer NOT NULL DEFAULT 0,
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id)
);
CREATE INDEX settlement_account ON settlement (tenant_id, account_id);

-- Bank files read by `recoup bank import`.
CREATE TABLE bank_import (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  format       text NOT NULL CHECK (format IN ('nacha', 'camt053', 'csv')),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  summary      jsonb NOT NULL,
  imported_by  text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- One line of a bank file and what became of it. `line_identity` is the same for the same bank movement
-- in a re-imported file, so a line is applied once. Lines left 'unmatched' or 'suggested' and not yet
-- resolved are the queue for a person (`recoup bank unmatched`).
CREATE TABLE bank_line (
  tenant_id          text NOT NULL,
  id                 text NOT NULL,
  import_id          text NOT NULL,
  line_identity      text NOT NULL,
  transaction_id     text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('credit', 'debit', 'return', 'notification_of_change')),
  amount_minor       bigint NOT NULL,
  currency           char(3) NOT NULL,
  booking_date       date,
  counterparty_name  text,
  remittance_text    text,
  bank_reference     text,
  status             text NOT NULL CHECK (status IN ('matched', 'suggested', 'unmatched', 'ignored', 'returned')),
  strategy           text,
  confidence         numeric(4, 3),
  reasons            jsonb NOT NULL DEFAULT '[]',
  allocations        jsonb NOT NULL DEFAULT '[]',
  debtor_id          text,
  payment_ids        text[] NOT NULL DEFAULT '{}',
  resolved_at        timestamptz,
  resolved_by        text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, line_identity),
  FOREIGN KEY (tenant_id, import_id) REFERENCES bank_import (tenant_id, id)
);
CREATE INDEX bank_line_queue ON bank_line (tenant_id, created_at) WHERE status IN ('unmatched', 'suggested') AND resolved_at IS NULL;

-- NACHA debit files generated for plan installments, and each entry's trace number: a return names the
-- entry by it, which leads to the payment to reverse and the installment it paid.
CREATE TABLE nacha_debit_batch (
  tenant_id          text NOT NULL,
  id                 text NOT NULL,
  effective_date     date NOT NULL,
  file_name          text NOT NULL,
  file_sha256        text NOT NULL,
  file_text          text NOT NULL,
  entry_count        integer NOT NULL,
  total_debit_minor  bigint NOT NULL,
  entry_hash         bigint NOT NULL,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE nacha_debit_entry (
  tenant_id           text NOT NULL,
  trace_number        text NOT NULL,
  batch_id            text NOT NULL,
  plan_id             text NOT NULL,
  installment_number  integer NOT NULL,
  debtor_id           text NOT NULL,
  amount_minor        bigint NOT NULL CHECK (amount_minor > 0),
  currency            char(3) NOT NULL,
  payment_id          text NOT NULL,
  PRIMARY KEY (tenant_id, trace_number),
  UNIQUE (tenant_id, plan_id, installment_number),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES nacha_debit_batch (tenant_id, id)
);
CREATE INDEX nacha_debit_entry_payment ON nacha_debit_entry (tenant_id, payment_id);

-- Finding a debtor's payments in a date window (promise and plan evaluation).
CREATE INDEX payment_debtor_received ON payment (tenant_id, debtor_id, received_on);

-- A debit file, once generated, is what was sent to the bank: history, never edited.
CREATE TRIGGER nacha_debit_batch_append_only BEFORE UPDATE OR DELETE ON nacha_debit_batch
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER nacha_debit_entry_append_only BEFORE UPDATE OR DELETE ON nacha_debit_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON negotiation_policy, promise_to_pay, payment_plan, plan_installment, settlement,
  bank_import, bank_line TO recoup_app;
GRANT SELECT, INSERT ON nacha_debit_batch, nacha_debit_entry TO recoup_app;
