-- The order's life after confirmation: change requests on closed orders, and who refunded, exchanged or voided
-- what and why (the payment rows carry the money; negative for refunds).
CREATE TABLE change_request (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES "order"(id),
    what_should_change TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL, -- the patron or whoever asked, as staff wrote it
    staff_id TEXT REFERENCES staff_user(id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'declined')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX change_request_order ON change_request(order_id);

CREATE TABLE order_event (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES "order"(id),
    kind TEXT NOT NULL CHECK (kind IN ('refund', 'exchange', 'void')),
    order_line_id TEXT REFERENCES order_line(id),
    amount_minor INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    staff_id TEXT REFERENCES staff_user(id),
    occurred_at TEXT NOT NULL
);
CREATE INDEX order_event_order ON order_event(order_id);
