-- The role the app runs as (DESIGN.md, data rules): INSERT and SELECT only on the ledger and the audit
-- log, so even a bug or an injected statement in the app cannot rewrite history.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recoup_app') THEN
    CREATE ROLE recoup_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created at the same moment by another migrating process
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO recoup_app', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO recoup_app', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO recoup_app', current_schema());
  REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entry, audit_event FROM recoup_app;
END $$;
