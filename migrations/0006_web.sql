-- The web app (issue #6): users, sessions, API tokens, the specialist's notes, callbacks, escalations and
-- assignments, the work queue snapshot, the debtor portal's links and sessions, electronic signatures and
-- contact preferences, and the index behind a debtor's timeline. See docs/api.md.
-- Secrets (session cookies, API tokens, portal links) are stored as sha256 hashes only: a copy of the
-- database does not let anyone sign in. A secret is looked up before its tenant is known, so the hash is
-- the key of those tables (unique across tenants; tenant_id is still on every row and every query).

-- People who sign in. Email is unique across tenants: login is by email and password alone.
CREATE TABLE app_user (
  tenant_id       text NOT NULL REFERENCES tenant (tenant_id),
  id              text NOT NULL,
  email           text NOT NULL,
  name            text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'supervisor', 'specialist', 'auditor')),
  password_hash   text NOT NULL,                 -- argon2id PHC string
  failed_logins   integer NOT NULL DEFAULT 0,    -- consecutive failures since the last success
  locked_until    timestamptz,                   -- set after too many failures (lockout)
  last_login_at   timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE web_session (
  token_hash    text PRIMARY KEY,
  tenant_id     text NOT NULL,
  user_id       text NOT NULL,
  csrf_token    text NOT NULL,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);
CREATE INDEX web_session_user ON web_session (tenant_id, user_id);

-- Tokens for integrations (`Authorization: Bearer rct_…`), acting as their user with that user's role.
CREATE TABLE api_token (
  tenant_id     text NOT NULL,
  id            text NOT NULL,
  user_id       text NOT NULL,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);

-- Which specialist works a debtor. One owner per debtor; reassigning replaces the row (the audit log keeps history).
CREATE TABLE debtor_assignment (
  tenant_id    text NOT NULL,
  debtor_id    text NOT NULL,
  user_id      text NOT NULL,
  assigned_by  text NOT NULL,
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, debtor_id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);
CREATE INDEX debtor_assignment_user ON debtor_assignment (tenant_id, user_id);

-- The work queue: a snapshot per debtor of what the priority is computed from, and the priority with its
-- reasons (src/domain/workbench/score-priority.ts). Refreshed per business day, and per debtor after a change.
CREATE TABLE work_queue_item (
  tenant_id         text NOT NULL,
  debtor_id         text NOT NULL,
  currency          char(3) NOT NULL,
  balance_minor     bigint NOT NULL,
  oldest_due_on     date,
  days_past_due     integer NOT NULL,
  promise_due_on    date,
  broken_promises   integer NOT NULL DEFAULT 0,
  priority          integer NOT NULL,
  priority_reasons  jsonb NOT NULL,
  next_action_at    timestamptz,             -- a scheduled callback
  -- The assignee, copied from debtor_assignment (kept in step by the assignment use case), so that "my
  -- queue" is one index range read in priority order, however large the book.
  assigned_to       text,
  business_date     date NOT NULL,
  PRIMARY KEY (tenant_id, debtor_id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX work_queue_item_priority ON work_queue_item (tenant_id, priority DESC, debtor_id DESC);
CREATE INDEX work_queue_item_assignee ON work_queue_item (tenant_id, assigned_to, priority DESC, debtor_id DESC);

-- A specialist's notes on a debtor: append-only, like every record of what was said.
CREATE TABLE debtor_note (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  debtor_id   text NOT NULL,
  author      text NOT NULL,
  text        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX debtor_note_debtor ON debtor_note (tenant_id, debtor_id, created_at);
CREATE TRIGGER debtor_note_append_only BEFORE UPDATE OR DELETE ON debtor_note
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

CREATE TABLE debtor_callback (
  tenant_id         text NOT NULL,
  id                text NOT NULL,
  debtor_id         text NOT NULL,
  contact_point_id  text,
  due_at            timestamptz NOT NULL,
  assigned_to       text NOT NULL,
  note              text,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX debtor_callback_debtor ON debtor_callback (tenant_id, debtor_id);
CREATE INDEX debtor_callback_due ON debtor_callback (tenant_id, assigned_to, due_at) WHERE status = 'open';

CREATE TABLE debtor_escalation (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  debtor_id    text NOT NULL,
  escalate_to  text NOT NULL CHECK (escalate_to IN ('supervisor', 'agency', 'legal')),
  reason       text NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'closed')),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX debtor_escalation_debtor ON debtor_escalation (tenant_id, debtor_id);

-- One-time links into the portal (sent in a letter or email); used once, then spent.
CREATE TABLE portal_link (
  token_hash  text PRIMARY KEY,
  tenant_id   text NOT NULL,
  debtor_id   text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);

CREATE TABLE portal_session (
  token_hash   text PRIMARY KEY,
  tenant_id    text NOT NULL,
  debtor_id    text NOT NULL,
  verified_by  text NOT NULL CHECK (verified_by IN ('link', 'reference')),
  csrf_token   text NOT NULL,
  ip           text,
  user_agent   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);

-- Failed identity checks at the portal, per reference: too many and the reference is locked for a while.
CREATE TABLE portal_verify_failure (
  tenant_id     text NOT NULL,
  reference     text NOT NULL,
  failures      integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, reference)
);

-- A document a debtor agreed to (a payment plan), exactly as shown, and its hash.
CREATE TABLE agreement_document (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('payment_plan')),
  plan_id          text,
  terms            jsonb NOT NULL,
  text             text NOT NULL,
  sha256           text NOT NULL,
  status           text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'signed', 'withdrawn')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX agreement_document_debtor ON agreement_document (tenant_id, debtor_id);

-- Electronic signatures (E-SIGN/UETA evidence): who, when, from where, and the hash of what was signed.
CREATE TABLE e_signature (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  debtor_id        text NOT NULL,
  document_id      text NOT NULL,
  signer_name      text NOT NULL,
  signed_at        timestamptz NOT NULL,
  ip               text NOT NULL,
  user_agent       text NOT NULL,
  document_sha256  text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, document_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES agreement_document (tenant_id, id)
);
CREATE TRIGGER e_signature_append_only BEFORE UPDATE OR DELETE ON e_signature
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- What the debtor said about how to reach them (opt-outs themselves are contact_opt_out rows, migration 0005).
CREATE TABLE contact_preference (
  tenant_id        text NOT NULL,
  debtor_id        text NOT NULL,
  preferred_times  jsonb NOT NULL DEFAULT '[]',
  preferred_channel text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, debtor_id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);

-- A debtor's timeline: audit events whose payload names the debtor, newest first.
CREATE INDEX audit_event_debtor ON audit_event (tenant_id, (payload->>'debtorId'), seq);

GRANT SELECT, INSERT, UPDATE, DELETE ON app_user, web_session, api_token, debtor_assignment, work_queue_item, debtor_callback,
  debtor_escalation, portal_link, portal_session, portal_verify_failure, agreement_document, contact_preference TO recoup_app;
GRANT SELECT, INSERT ON debtor_note, e_signature TO recoup_app;
