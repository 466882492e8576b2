-- foyer-server schema, version 1 (PostgreSQL 15). The venue's system of record: staff who sign in, their sessions,
-- registered workstations and their patron-number blocks, every operation ever pushed (idempotency), and the
-- current state of every synced row as JSON with a clock per field. Times are timestamptz (UTC).

CREATE TABLE venue (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) > 0),
    next_prefix integer NOT NULL DEFAULT 0 CHECK (next_prefix >= 0),
    next_patron_number bigint NOT NULL DEFAULT 10001 CHECK (next_patron_number > 0),
    ticket_public_key bytea NOT NULL CHECK (length(ticket_public_key) = 32),
    ticket_secret_key bytea NOT NULL CHECK (length(ticket_secret_key) = 64),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
    id text PRIMARY KEY,
    venue_id text NOT NULL REFERENCES venue(id),
    username text NOT NULL CHECK (length(username) > 0),
    display_name text NOT NULL,
    email text,
    role text NOT NULL CHECK (role IN ('box_office', 'development', 'manager', 'admin')),
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until timestamptz,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_username ON staff (venue_id, lower(username));
CREATE INDEX staff_username_any ON staff (lower(username));

-- Only the BLAKE2b hash of a token is kept; the token itself exists only on the workstation.
CREATE TABLE staff_session (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    staff_id text NOT NULL REFERENCES staff(id),
    venue_id text NOT NULL REFERENCES venue(id),
    workstation_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX staff_session_staff ON staff_session (staff_id);

CREATE TABLE workstation (
    id text PRIMARY KEY,
    venue_id text NOT NULL REFERENCES venue(id),
    database_id text NOT NULL UNIQUE CHECK (length(database_id) > 0),
    prefix text NOT NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (venue_id, prefix)
);

CREATE TABLE patron_number_block (
    venue_id text NOT NULL REFERENCES venue(id),
    workstation_id text NOT NULL REFERENCES workstation(id),
    first_number bigint NOT NULL,
    last_number bigint NOT NULL,
    handed_out_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (venue_id, first_number),
    CHECK (last_number >= first_number)
);
CREATE INDEX patron_number_block_workstation ON patron_number_block (workstation_id, first_number);

-- Every operation id ever pushed, with the result it first had: a resend is answered from here.
CREATE TABLE applied_operation (
    id text PRIMARY KEY,
    workstation_id text NOT NULL REFERENCES workstation(id),
    venue_id text NOT NULL REFERENCES venue(id),
    staff_id text,
    hlc text NOT NULL,
    status text NOT NULL CHECK (status IN ('applied', 'refused')),
    reason text,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE change_seq;

-- The current state of every synced row: all its columns (data), the clock of the write that set each one
-- (field_clock; "$row" is the clock of the insert or delete that last set whether the row exists), and the change
-- sequence number of its last change.
CREATE TABLE row_state (
    venue_id text NOT NULL REFERENCES venue(id),
    table_name text NOT NULL CHECK (table_name ~ '^[a-z_][a-z0-9_]*$'),
    row_key text NOT NULL,
    key jsonb NOT NULL,
    data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    field_clock jsonb NOT NULL CHECK (jsonb_typeof(field_clock) = 'object'),
    deleted boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL,
    PRIMARY KEY (venue_id, table_name, row_key)
);
CREATE INDEX row_state_seq ON row_state (venue_id, seq);

-- The invariants every workstation's sales must keep, whichever sells first.
CREATE UNIQUE INDEX row_state_seat_taken ON row_state (venue_id, (data->>'performance_id'), (data->>'seat_id'))
    WHERE table_name = 'order_line' AND NOT deleted AND data->>'status' = 'active' AND data->>'deleted_at' IS NULL
      AND data->>'seat_id' IS NOT NULL;
CREATE UNIQUE INDEX row_state_confirmation_number ON row_state (venue_id, (data->>'confirmation_number'))
    WHERE table_name = 'order' AND NOT deleted;
CREATE UNIQUE INDEX row_state_patron_number ON row_state (venue_id, (data->>'patron_number'))
    WHERE table_name = 'patron' AND NOT deleted;
CREATE INDEX row_state_membership ON row_state (venue_id, table_name, (data->>'membership_id'))
    WHERE table_name IN ('membership_seat_use', 'membership_credit');
CREATE INDEX row_state_seat_use_line ON row_state (venue_id, (data->>'order_line_id'))
    WHERE table_name = 'membership_seat_use';
CREATE INDEX row_state_line_discount ON row_state (venue_id, (data->>'discount_id'))
    WHERE table_name = 'order_line';
CREATE INDEX row_state_order_patron ON row_state (venue_id, (data->>'patron_id'))
    WHERE table_name = 'order';

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    venue_id text NOT NULL REFERENCES venue(id),
    operation_id text NOT NULL REFERENCES applied_operation(id),
    staff_id text,
    workstation_id text NOT NULL REFERENCES workstation(id),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    summary text NOT NULL
);
CREATE INDEX audit_log_venue ON audit_log (venue_id, occurred_at);
