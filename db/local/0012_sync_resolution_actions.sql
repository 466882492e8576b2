-- Staff resolve a refused order in the sync panel in three ways (docs/sync-protocol.md, "Resolving a refused
-- operation"): 'discarded' (its rows taken back here, nothing sent), 'changed' (another seat or pay type: the order
-- sent again, as it now is, in a new operation) and 'cancelled' (voided here and sent again so). The CHECK of
-- migration 11 allowed only 'discarded'; SQLite cannot alter a CHECK, so the table is made again.
CREATE TABLE sync_resolution_new (
    operation_id TEXT PRIMARY KEY NOT NULL REFERENCES sync_outbox(id),
    action TEXT NOT NULL CHECK (action IN ('discarded', 'changed', 'cancelled')),
    staff_id TEXT,
    resolved_at TEXT NOT NULL
);
INSERT INTO sync_resolution_new (operation_id, action, staff_id, resolved_at)
    SELECT operation_id, action, staff_id, resolved_at FROM sync_resolution;
DROP TABLE sync_resolution;
ALTER TABLE sync_resolution_new RENAME TO sync_resolution;
