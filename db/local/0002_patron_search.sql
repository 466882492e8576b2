-- Patron search as staff type: normalized keys (name words, email addresses and their parts, phone digits, patron
-- number), each pointing at its patron, in one B-tree. A prefix is one range scan, `key >= 'smi' AND key < 'smj'`,
-- for every kind of query (FTS4 prefix queries measured 130-300 ms on 1,000,000 patrons; this stays under 1 ms).
-- Derived data: rebuilt from the patron's rows on every change, never synced.
CREATE TABLE patron_search_key (
    key TEXT NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    kind INTEGER NOT NULL, -- core::SearchText::KeyKind
    PRIMARY KEY (key, patron_id, kind)
) WITHOUT ROWID;
CREATE INDEX patron_search_key_patron ON patron_search_key(patron_id, key);

-- The patrons this workstation opened lately, for the list shown with an empty search. Local, never synced.
CREATE TABLE patron_recent (
    patron_id TEXT PRIMARY KEY NOT NULL REFERENCES patron(id),
    opened_at TEXT NOT NULL
);
CREATE INDEX patron_recent_opened ON patron_recent(opened_at);
