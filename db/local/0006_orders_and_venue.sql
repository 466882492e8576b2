-- The order editor and the venue it sells: which shows a benefit level covers, membership seat credits recorded
-- as used, presale windows and member-only areas, discount codes, and one active line per seat and performance.

CREATE TABLE benefit_level_show (
    benefit_level_id TEXT NOT NULL REFERENCES benefit_level(id),
    show_id TEXT NOT NULL REFERENCES show(id),
    PRIMARY KEY (benefit_level_id, show_id)
);

-- A membership seat confirmed in an order; its order line's status says whether it still counts.
CREATE TABLE membership_seat_use (
    id TEXT PRIMARY KEY NOT NULL,
    membership_id TEXT NOT NULL REFERENCES membership(id),
    order_line_id TEXT NOT NULL UNIQUE REFERENCES order_line(id),
    show_id TEXT NOT NULL REFERENCES show(id),
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX membership_seat_use_membership ON membership_seat_use(membership_id, show_id);

CREATE TABLE presale_window (
    id TEXT PRIMARY KEY NOT NULL,
    performance_id TEXT NOT NULL REFERENCES performance(id),
    benefit_level_id TEXT NOT NULL REFERENCES benefit_level(id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX presale_window_performance ON presale_window(performance_id);

-- A section of a hall only members of a level may buy (seat.member_only marks its seats for the map).
CREATE TABLE member_area (
    id TEXT PRIMARY KEY NOT NULL,
    hall_id TEXT NOT NULL REFERENCES hall(id),
    section TEXT NOT NULL,
    benefit_level_id TEXT NOT NULL REFERENCES benefit_level(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE discount_code (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('automatic', 'limited_use')),
    benefit_level_id TEXT REFERENCES benefit_level(id),
    percent_off INTEGER CHECK (percent_off IS NULL OR percent_off BETWEEN 0 AND 100),
    uses_per_member INTEGER CHECK (uses_per_member IS NULL OR uses_per_member > 0),
    season TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

-- A seat is sold or held by at most one active line per performance, whichever workstation tries.
CREATE UNIQUE INDEX order_line_seat_taken ON order_line(performance_id, seat_id)
    WHERE seat_id IS NOT NULL AND status = 'active' AND deleted_at IS NULL;
CREATE INDEX membership_member_email ON membership(member_email COLLATE NOCASE);
