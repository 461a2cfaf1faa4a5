-- The book of receivables: tenants, creditors, debtors, contact points, accounts, invoices,
-- the append-only double-entry ledger, payments, idempotency keys, imports and the audit log.
-- Written for PostgreSQL 15 and PGlite alike. Every table carries tenant_id and it leads every key,
-- so PostgreSQL/Citus can distribute by tenant.

CREATE TABLE tenant (
  tenant_id        text PRIMARY KEY,
  name             text NOT NULL,
  default_currency char(3) NOT NULL DEFAULT 'USD',
  time_zone        text NOT NULL DEFAULT 'UTC',
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Whose debt it is. For first-party collections the tenant itself is the creditor (kind = 'first_party').
CREATE TABLE creditor (
  tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
  id          text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('first_party', 'client', 'debt_buyer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE debtor (
  tenant_id      text NOT NULL REFERENCES tenant (tenant_id),
  id             text NOT NULL,
  external_ref   text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('person', 'business')),
  -- The law differs: FDCPA/Reg F protect consumer debts only.
  debt_purpose   text NOT NULL CHECK (debt_purpose IN ('consumer', 'commercial')),
  name           text NOT NULL,
  country        text,
  region         text,
  stated_time_zone text,
  attributes     jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, external_ref)
);

CREATE TABLE contact_point (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  type             text NOT NULL CHECK (type IN ('postal', 'phone', 'email')),
  value            text NOT NULL,               -- E.164 number, email address, or one-line address
  postal_address   jsonb,                       -- {line1, line2, city, region, postalCode, country}
  phone_line_type  text CHECK (phone_line_type IN ('mobile', 'landline', 'voip', 'unknown')),
  source           text NOT NULL,               -- import, debtor_stated, skip_trace, portal, specialist
  verified         boolean NOT NULL DEFAULT false,
  consent          jsonb NOT NULL DEFAULT '{}', -- e.g. {"tcpa_prior_express": {"given_at": …, "source": …}}
  opted_out_at     timestamptz,
  opt_out_scope    text,                        -- call, sms, email, all
  candidate_time_zones text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX contact_point_debtor ON contact_point (tenant_id, debtor_id);

-- A creditor's claim on a debtor.
CREATE TABLE account (
  tenant_id     text NOT NULL,
  id            text NOT NULL,
  creditor_id   text NOT NULL,
  debtor_id     text NOT NULL,
  external_ref  text NOT NULL,
  currency      char(3) NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, creditor_id, external_ref, currency),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX account_debtor ON account (tenant_id, debtor_id);

-- Invoice facts. The amount owed is never stored here: it is the sum of the invoice's ledger entries.
CREATE TABLE invoice (
  tenant_id       text NOT NULL,
  id              text NOT NULL,
  creditor_id     text NOT NULL,
  account_id      text NOT NULL,
  debtor_id       text NOT NULL,
  invoice_number  text NOT NULL,
  issue_date      date NOT NULL,
  due_date        date NOT NULL,
  currency        char(3) NOT NULL,
  -- The face amount as invoiced (latest known). A fact about the invoice, not a balance: the ledger's
  -- charge and adjustment entries carry the money, and an import that changes this posts the difference.
  amount_minor    bigint NOT NULL CHECK (amount_minor >= 0),
  disputed        boolean NOT NULL DEFAULT false,
  attributes      jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, creditor_id, invoice_number),
  FOREIGN KEY (tenant_id, account_id) REFERENCES account (tenant_id, id)
);
CREATE INDEX invoice_account ON invoice (tenant_id, account_id);
CREATE INDEX invoice_debtor ON invoice (tenant_id, debtor_id);

CREATE TABLE payment (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  account_id       text,
  amount_minor     bigint NOT NULL CHECK (amount_minor > 0),
  currency         char(3) NOT NULL,
  received_on      date NOT NULL,
  method           text NOT NULL,
  reference        text,
  source           text NOT NULL,   -- api, cli, import, bank
  -- A payment read from an import's settled-date column settles one invoice; a later import that
  -- changes that date reverses it and posts a new one.
  settles_invoice_id text,
  status           text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'reversed')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX payment_debtor ON payment (tenant_id, debtor_id);
CREATE UNIQUE INDEX payment_settles_invoice ON payment (tenant_id, settles_invoice_id) WHERE status = 'posted' AND settles_invoice_id IS NOT NULL;

-- The ledger: append-only, double-entry. Each row is one transfer of amount_minor from the credit
-- ledger account to the debit ledger account (TigerBeetle's transfer shape), so every row balances by
-- construction and no money can appear or vanish. Corrections are reversal rows, never edits.
-- Ledger accounts: receivable (what the debtor owes, per invoice), revenue, interest_income, fee_income,
-- cash, credit_balance (money held for the debtor), sales_returns, adjustments, bad_debt.
CREATE TABLE ledger_entry (
  tenant_id          text NOT NULL,
  id                 text NOT NULL,
  seq                bigint GENERATED ALWAYS AS IDENTITY,
  kind               text NOT NULL CHECK (kind IN ('charge', 'interest', 'fee', 'payment', 'credit_note', 'adjustment', 'write_off', 'reversal')),
  debit_account      text NOT NULL,
  credit_account     text NOT NULL,
  amount_minor       bigint NOT NULL CHECK (amount_minor > 0),
  currency           char(3) NOT NULL,
  debtor_id          text NOT NULL,
  account_id         text NOT NULL,
  invoice_id         text,
  payment_id         text,
  -- Which part of the receivable the entry moves, so payments can be allocated fees → interest →
  -- principal (or any order a policy says). NULL when the entry does not touch the receivable.
  component          text CHECK (component IN ('principal', 'interest', 'fee')),
  reverses_entry_id  text,
  effective_date     date NOT NULL,           -- the business date the entry counts from (aging, KPIs)
  occurred_at        timestamptz NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  source             text NOT NULL,
  reason             text,
  CHECK (debit_account <> credit_account),
  CHECK (debit_account IN ('receivable', 'revenue', 'interest_income', 'fee_income', 'cash', 'credit_balance', 'sales_returns', 'adjustments', 'bad_debt')),
  CHECK (credit_account IN ('receivable', 'revenue', 'interest_income', 'fee_income', 'cash', 'credit_balance', 'sales_returns', 'adjustments', 'bad_debt')),
  CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
  CHECK ((component IS NOT NULL) = ('receivable' IN (debit_account, credit_account))),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ledger_entry_invoice ON ledger_entry (tenant_id, invoice_id, effective_date);
CREATE INDEX ledger_entry_account ON ledger_entry (tenant_id, account_id);
CREATE INDEX ledger_entry_debtor ON ledger_entry (tenant_id, debtor_id);
CREATE UNIQUE INDEX ledger_entry_reversed_once ON ledger_entry (tenant_id, reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;

-- Same key + same input returns the first result; same key + other input is refused.
CREATE TABLE idempotency_key (
  tenant_id     text NOT NULL,
  scope         text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, scope, key)
);

CREATE TABLE import_batch (
  tenant_id       text NOT NULL,
  id              text NOT NULL,
  kind            text NOT NULL,
  file_name       text NOT NULL,
  file_sha256     text NOT NULL,
  mapping         jsonb NOT NULL,
  status          text NOT NULL CHECK (status IN ('imported', 'unchanged', 'dry_run', 'rejected')),
  summary         jsonb NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE import_reject (
  tenant_id    text NOT NULL,
  import_id    text NOT NULL,
  line_number  integer NOT NULL,
  column_name  text NOT NULL DEFAULT '',
  code         text NOT NULL,
  message      text NOT NULL,
  PRIMARY KEY (tenant_id, import_id, line_number, code, column_name),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_batch (tenant_id, id)
);

-- The audit log: one row per change, hash-chained per tenant. hash = sha256 of the previous hash and
-- this row's canonical content; `recoup audit verify` recomputes the chain and names the first bad row.
CREATE TABLE audit_event (
  tenant_id     text NOT NULL,
  seq           bigint NOT NULL,
  id            text NOT NULL,
  type          text NOT NULL,
  actor         text NOT NULL,
  subject_type  text,
  subject_id    text,
  occurred_at   timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL,
  payload       jsonb NOT NULL,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, id)
);
-- The chain head, kept beside the log so that removing the newest rows is detected too.
CREATE TABLE audit_chain_head (
  tenant_id  text PRIMARY KEY,
  seq        bigint NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_event_subject ON audit_event (tenant_id, subject_type, subject_id);

-- Balances are projections: the sum of ledger entries, never a stored, editable number.
CREATE VIEW invoice_balance AS
SELECT i.tenant_id, i.id AS invoice_id, i.account_id, i.debtor_id, i.currency,
       COALESCE(SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor
                         WHEN e.credit_account = 'receivable' THEN -e.amount_minor END), 0)::bigint AS balance_minor
FROM invoice i
LEFT JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
GROUP BY i.tenant_id, i.id, i.account_id, i.debtor_id, i.currency;

-- Receivable per account and debtor, plus money held for the debtor (credit_balance, a liability).
CREATE VIEW account_balance AS
SELECT e.tenant_id, e.account_id, e.debtor_id, e.currency,
       SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor
                WHEN e.credit_account = 'receivable' THEN -e.amount_minor ELSE 0 END)::bigint AS receivable_minor,
       SUM(CASE WHEN e.credit_account = 'credit_balance' THEN e.amount_minor
                WHEN e.debit_account = 'credit_balance' THEN -e.amount_minor ELSE 0 END)::bigint AS credit_balance_minor
FROM ledger_entry e
GROUP BY e.tenant_id, e.account_id, e.debtor_id, e.currency;

CREATE VIEW debtor_balance AS
SELECT tenant_id, debtor_id, currency,
       SUM(receivable_minor)::bigint AS receivable_minor,
       SUM(credit_balance_minor)::bigint AS credit_balance_minor
FROM account_balance
GROUP BY tenant_id, debtor_id, currency;

-- History is append-only, whoever connects: the guard refuses UPDATE and DELETE on the ledger and the
-- audit log even for a superuser (who would have to disable the trigger, which the hash chain exposes).
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused (post a reversing entry instead)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
