-- What the venue's server writes back into an email request once it has tried to send it (docs/sync-protocol.md,
-- "Email"): pulled like any other change, shown on the contact log. A missing status means queued.
ALTER TABLE email_request ADD COLUMN status TEXT;
ALTER TABLE email_request ADD COLUMN attempts INTEGER;
ALTER TABLE email_request ADD COLUMN last_error TEXT;
ALTER TABLE email_request ADD COLUMN sent_at TEXT;
ALTER TABLE email_request ADD COLUMN next_attempt_at TEXT;

-- A refused operation staff resolved in the sync panel (its rows the server never took were taken back here), so
-- the panel lists only what still needs attention. Local: the server never had the operation.
CREATE TABLE sync_resolution (
    operation_id TEXT PRIMARY KEY NOT NULL REFERENCES sync_outbox(id),
    action TEXT NOT NULL CHECK (action IN ('discarded')),
    staff_id TEXT,
    resolved_at TEXT NOT NULL
);
