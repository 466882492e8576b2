-- Sync with foyer-server (docs/sync-protocol.md). Triggers on every synced table, generated in C++ from the tables'
-- columns (storage::SyncCapture, installed by the Migrator after each migration), record each row a transaction
-- inserts, updates or deletes in sync_row_change; storage::Transaction folds them into one sync_outbox operation
-- before it commits.

-- The rows the open transaction changed; empty between transactions.
CREATE TABLE sync_row_change (
    seq INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL, -- JSON object of the primary-key columns
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    new_row TEXT, -- JSON object of every column after the change (insert, update)
    old_row TEXT  -- JSON object of every column before it (update, delete)
);

-- The outbox rows of earlier versions are dropped, not converted: they carried a summary payload of a few fields
-- (not the rows), no version ever sent them (there was no sync client), and the rows they describe are in the
-- tables themselves. A database from before sync reaches the server by its first upload, not through these.
DROP TABLE sync_outbox;

-- One operation per committed local transaction, in the push format's shape (changes is its "changes" array).
CREATE TABLE sync_outbox (
    id TEXT PRIMARY KEY NOT NULL, -- UUIDv7, the operation id the server deduplicates on
    hlc TEXT NOT NULL, -- core::HybridLogicalClock text; operations are pushed in this order
    staff_id TEXT, -- the signed-in staff member (storage::SyncContext); NULL before sign-in
    summary TEXT NOT NULL,
    changes TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'refused')),
    reason TEXT, -- the server's reason for a refusal, for staff
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, -- why the last push failed (network, server), not a refusal
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX sync_outbox_status ON sync_outbox(status, hlc);

-- This workstation's sync bookkeeping: 'pull_cursor' (the server's change sequence), 'hlc' (the clock's last
-- value), 'local_node' (the clock's node before the workstation is registered).
CREATE TABLE sync_state (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Present (one row) while pulled changes are applied: the capture triggers skip, so a pulled row is not pushed back.
CREATE TABLE sync_applying (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1)
);

-- Emails the server sends (a member's set-your-password link, a notice to the membership manager): a synced row,
-- so the request travels in the operation that made it.
CREATE TABLE email_request (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    template TEXT NOT NULL,
    details TEXT NOT NULL, -- JSON object of the template's fields
    created_at TEXT NOT NULL
);
