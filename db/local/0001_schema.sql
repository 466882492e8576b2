-- Foyer local schema, version 1.
-- Ids are client-generated UUIDv7 text; money is integer minor units (cents); times are UTC ISO-8601 text.
-- Anything that syncs carries updated_at and deleted_at (a tombstone instead of a hard delete).
-- Dialect: SQLite 3.15.2 as embedded in SQLCipher 3.4.1 (no UPSERT, window functions, RETURNING, generated
-- columns; see docs/storage.md). No triggers: the migration runner splits scripts on ';'.

CREATE TABLE staff_user (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL CHECK (role IN ('box_office', 'development', 'manager', 'admin')),
    password_hash TEXT NOT NULL, -- Argon2id string from crypto_pwhash_str, never the password
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE household (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE patron (
    id TEXT PRIMARY KEY NOT NULL,
    patron_number INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
    title TEXT,
    first_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT,
    last_name TEXT NOT NULL DEFAULT '',
    suffix TEXT,
    preferred_name TEXT,
    nickname TEXT,
    pronouns TEXT,
    birthday TEXT,
    organisation TEXT,
    contact_owner_id TEXT REFERENCES staff_user(id),
    household_id TEXT REFERENCES household(id),
    email_subscription INTEGER NOT NULL DEFAULT 0,
    alumni_year INTEGER,
    preferred_contact_method TEXT,
    source TEXT NOT NULL DEFAULT 'box_office'
        CHECK (source IN ('donation', 'ticket_purchase', 'upload', 'box_office', 'online', 'portal')),
    original_email TEXT, -- the email the patron was created with; never changed
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX patron_last_name ON patron(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX patron_household ON patron(household_id);
CREATE INDEX patron_created ON patron(created_at);

CREATE TABLE patron_email (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    address TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0,
    is_original INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX patron_email_address ON patron_email(address COLLATE NOCASE);
CREATE INDEX patron_email_patron ON patron_email(patron_id);

CREATE TABLE patron_phone (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    kind TEXT NOT NULL CHECK (kind IN ('home', 'cell', 'work', 'other')),
    number TEXT NOT NULL,
    digits TEXT NOT NULL, -- the number's digits only, for search in any format
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX patron_phone_digits ON patron_phone(digits);
CREATE INDEX patron_phone_patron ON patron_phone(patron_id);

CREATE TABLE patron_address (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    region TEXT,
    postal_code TEXT,
    country TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX patron_address_patron ON patron_address(patron_id);

CREATE TABLE relationship (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    related_patron_id TEXT NOT NULL REFERENCES patron(id),
    type TEXT NOT NULL,         -- e.g. 'spouse', 'employer'
    reciprocal_type TEXT NOT NULL, -- as seen from the related patron, e.g. 'spouse', 'employee'
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (patron_id <> related_patron_id)
);
CREATE INDEX relationship_patron ON relationship(patron_id);
CREATE INDEX relationship_related ON relationship(related_patron_id);

CREATE TABLE tag (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE patron_tag (
    patron_id TEXT NOT NULL REFERENCES patron(id),
    tag_id TEXT NOT NULL REFERENCES tag(id),
    created_at TEXT NOT NULL,
    deleted_at TEXT,
    PRIMARY KEY (patron_id, tag_id)
);

CREATE TABLE note (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    author_id TEXT NOT NULL REFERENCES staff_user(id),
    body TEXT NOT NULL,
    pop_up INTEGER NOT NULL DEFAULT 0, -- shown whenever staff open the patron or start an order
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX note_patron ON note(patron_id, created_at);

CREATE TABLE accessibility_note (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    need TEXT NOT NULL,
    details TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX accessibility_note_patron ON accessibility_note(patron_id);

CREATE TABLE hall (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE seat (
    id TEXT PRIMARY KEY NOT NULL,
    hall_id TEXT NOT NULL REFERENCES hall(id),
    section TEXT NOT NULL,
    row_label TEXT NOT NULL,
    seat_number TEXT NOT NULL,
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    member_only INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (hall_id, section, row_label, seat_number)
);

CREATE TABLE show (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    season TEXT,
    category TEXT NOT NULL DEFAULT 'ticket' CHECK (category IN ('ticket', 'collection', 'class')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE performance (
    id TEXT PRIMARY KEY NOT NULL,
    show_id TEXT NOT NULL REFERENCES show(id),
    hall_id TEXT NOT NULL REFERENCES hall(id),
    starts_at TEXT NOT NULL,
    public_sale_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX performance_show ON performance(show_id, starts_at);

CREATE TABLE price_type (
    id TEXT PRIMARY KEY NOT NULL,
    show_id TEXT NOT NULL REFERENCES show(id),
    name TEXT NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE benefit_level (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    recurring INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE membership (
    id TEXT PRIMARY KEY NOT NULL,
    membership_number TEXT NOT NULL UNIQUE,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    benefit_level_id TEXT NOT NULL REFERENCES benefit_level(id),
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    renewed_by_id TEXT REFERENCES membership(id),
    member_email TEXT,
    password_hash TEXT, -- Argon2id, for order-time member authentication
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX membership_patron ON membership(patron_id);

CREATE TABLE membership_credit (
    id TEXT PRIMARY KEY NOT NULL,
    membership_id TEXT NOT NULL REFERENCES membership(id),
    show_id TEXT REFERENCES show(id), -- NULL: credits for the whole season
    season TEXT,
    seats INTEGER NOT NULL CHECK (seats >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX membership_credit_membership ON membership_credit(membership_id);

CREATE TABLE "order" (
    id TEXT PRIMARY KEY NOT NULL,
    confirmation_number TEXT NOT NULL UNIQUE, -- workstation prefix + local counter
    patron_id TEXT REFERENCES patron(id),
    channel TEXT NOT NULL CHECK (channel IN ('box_office', 'phone', 'online')),
    category TEXT NOT NULL CHECK (category IN ('ticket', 'collection', 'donation', 'pass', 'pass_renewal', 'invoice',
                                               'transfer', 'gift_card', 'class_registration')),
    internal_status TEXT NOT NULL DEFAULT 'open',
    confirmed_at TEXT,
    staff_id TEXT REFERENCES staff_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX order_patron ON "order"(patron_id, created_at);

CREATE TABLE order_line (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES "order"(id),
    performance_id TEXT REFERENCES performance(id),
    seat_id TEXT REFERENCES seat(id),
    price_type_id TEXT REFERENCES price_type(id),
    description TEXT,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    pay_type TEXT NOT NULL CHECK (pay_type IN ('credit_card', 'cash', 'check', 'gift_card', 'membership')),
    membership_number TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'refunded', 'exchanged', 'void')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX order_line_order ON order_line(order_id);
CREATE INDEX order_line_performance_seat ON order_line(performance_id, seat_id);

CREATE TABLE payment (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES "order"(id),
    pay_type TEXT NOT NULL,
    amount_minor INTEGER NOT NULL, -- negative for refunds
    processor_token TEXT, -- the processor's token; never a card number
    card_last_four TEXT CHECK (card_last_four IS NULL OR length(card_last_four) = 4),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX payment_order ON payment(order_id);

CREATE TABLE fund (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE recurring_donation (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    fund_id TEXT REFERENCES fund(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
    term_months INTEGER, -- NULL: until cancelled
    starts_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'cancelled', 'completed')),
    cancel_reason TEXT,
    processor_token TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX recurring_donation_patron ON recurring_donation(patron_id);

CREATE TABLE donation (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    order_id TEXT REFERENCES "order"(id),
    fund_id TEXT REFERENCES fund(id),
    recurring_donation_id TEXT REFERENCES recurring_donation(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    status TEXT NOT NULL, -- Posted, Pending, Pledged, Negotiation/Review or a venue's own
    probability_percent INTEGER CHECK (probability_percent IS NULL OR probability_percent BETWEEN 0 AND 100),
    received_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX donation_patron ON donation(patron_id, created_at);

CREATE TABLE contact_log (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT NOT NULL REFERENCES patron(id),
    staff_id TEXT NOT NULL REFERENCES staff_user(id),
    kind TEXT NOT NULL CHECK (kind IN ('in_person', 'phone', 'email')),
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    outcome TEXT,
    subject TEXT NOT NULL,
    details TEXT,
    occurred_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX contact_log_patron ON contact_log(patron_id, occurred_at);

CREATE TABLE activity (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT REFERENCES patron(id),
    assigned_to_id TEXT REFERENCES staff_user(id),
    title TEXT NOT NULL,
    details TEXT,
    due_at TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX activity_patron ON activity(patron_id);

CREATE TABLE history_event (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT REFERENCES patron(id),
    actor_id TEXT REFERENCES staff_user(id),
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX history_event_patron ON history_event(patron_id, occurred_at);

CREATE TABLE mailing_list (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE mailing_list_subscription (
    patron_id TEXT NOT NULL REFERENCES patron(id),
    mailing_list_id TEXT NOT NULL REFERENCES mailing_list(id),
    subscribed_at TEXT NOT NULL,
    unsubscribed_at TEXT,
    PRIMARY KEY (patron_id, mailing_list_id)
);

CREATE TABLE form_submission (
    id TEXT PRIMARY KEY NOT NULL,
    patron_id TEXT REFERENCES patron(id),
    form_name TEXT NOT NULL,
    answers TEXT NOT NULL, -- key/value text as submitted
    submitted_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX form_submission_patron ON form_submission(patron_id);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT REFERENCES staff_user(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details TEXT,
    occurred_at TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Changes waiting to go to the central server, written in the same transaction as the change itself.
CREATE TABLE sync_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX sync_outbox_pending ON sync_outbox(sent_at, created_at);

CREATE TABLE workstation_setting (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
