-- Pulled rows whose parent has not arrived yet (docs/sync-protocol.md, "Rows that arrive before their parent"). The
-- server sends each row at its latest change, so a patron edited after their orders comes after those orders, perhaps
-- pages later. Such a row waits here, out of its table, and goes in with the page that brings its parent. Local only.
CREATE TABLE sync_held_row (
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL, -- the change's key object as JSON
    seq INTEGER NOT NULL,  -- its change sequence number on the server
    change TEXT NOT NULL,  -- the pulled change as JSON, applied as it came
    missing TEXT NOT NULL, -- what it waits for, e.g. "patron 0193…"
    held_at TEXT NOT NULL,
    PRIMARY KEY (table_name, row_key)
);
