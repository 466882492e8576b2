-- The box office day sheet: which workstation and staff member took each payment (so a drawer's expected cash adds
-- up from its own payments, refunds included), and the cash staff count in each drawer at close.
ALTER TABLE payment ADD COLUMN staff_id TEXT REFERENCES staff_user(id);
ALTER TABLE payment ADD COLUMN workstation TEXT;
UPDATE payment SET
    workstation = (SELECT substr(o.confirmation_number, 1, instr(o.confirmation_number, '-') - 1)
                   FROM "order" o WHERE o.id = payment.order_id),
    staff_id = (SELECT o.staff_id FROM "order" o WHERE o.id = payment.order_id);
ALTER TABLE order_event ADD COLUMN workstation TEXT;
UPDATE order_event SET workstation = (SELECT substr(o.confirmation_number, 1, instr(o.confirmation_number, '-') - 1)
                                      FROM "order" o WHERE o.id = order_event.order_id);
CREATE INDEX payment_created ON payment(created_at);
CREATE INDEX order_event_occurred ON order_event(occurred_at);

CREATE TABLE cash_count (
    id TEXT PRIMARY KEY NOT NULL,
    business_date TEXT NOT NULL, -- the venue's local day, yyyy-MM-dd
    workstation TEXT NOT NULL,
    drawer TEXT NOT NULL,
    float_minor INTEGER NOT NULL CHECK (float_minor >= 0), -- cash put in the drawer when it opened
    counted_minor INTEGER NOT NULL CHECK (counted_minor >= 0),
    note TEXT,
    staff_id TEXT REFERENCES staff_user(id),
    counted_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
-- A recount replaces the drawer's count for that day; the change log keeps the earlier figure.
CREATE UNIQUE INDEX cash_count_drawer ON cash_count(business_date, workstation, drawer) WHERE deleted_at IS NULL;
