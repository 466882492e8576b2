-- Contact logs also record meetings and gifts (Ludus "activities", OTS "contact logs"). SQLite 3.15 cannot change a
-- CHECK constraint in place, so the table is rebuilt with its rows.
CREATE TABLE contact_log_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    staff_id TEXT REFERENCES staff_user(id),
    kind TEXT NOT NULL CHECK (kind IN ('in_person', 'meeting', 'phone', 'email', 'gift')),
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    outcome TEXT,
    subject TEXT NOT NULL,
    details TEXT,
    occurred_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
INSERT INTO contact_log_v3 (id, patron_id, staff_id, kind, direction, outcome, subject, details, occurred_at, created_at,
                            updated_at, deleted_at)
    SELECT id, patron_id, staff_id, kind, direction, outcome, subject, details, occurred_at, created_at, updated_at,
           deleted_at FROM contact_log;
DROP TABLE contact_log;
ALTER TABLE contact_log_v3 RENAME TO contact_log;
CREATE INDEX contact_log_patron ON contact_log(patron_id, occurred_at);
-- Until staff sign-in lands, entries made at a workstation may have no staff row (staff_id NULL above).
