-- foyer-server schema, version 2: the single-use links the server mails (a member's set-your-password link, a
-- monthly gift's management link), and what the mail sender was doing when it last touched each email request.

-- Only the BLAKE2b hash of a link's token is kept; the token itself exists only in the email. The tokens of one
-- purpose and entity are one family: redeeming any of them uses them all.
CREATE TABLE link_token (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    venue_id text NOT NULL REFERENCES venue(id),
    purpose text NOT NULL CHECK (purpose IN ('member_set_password', 'recurring_donation')),
    entity_id text NOT NULL, -- the membership's id, or the recurring donation's
    email_request_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX link_token_entity ON link_token (venue_id, purpose, entity_id);

-- Server-only state of the SMTP exchange of an email request. 'sending' is committed before the exchange starts, and
-- replaced in the transaction that writes the result back: a row still 'sending' when the venue's sender starts a
-- round is one whose outcome nobody knows (the process or its database connection died during the exchange).
CREATE TABLE mail_delivery (
    venue_id text NOT NULL REFERENCES venue(id),
    email_request_id text NOT NULL,
    state text NOT NULL CHECK (state IN ('sending', 'done')),
    attempt_started_at timestamptz NOT NULL,
    unknown_outcomes integer NOT NULL DEFAULT 0 CHECK (unknown_outcomes >= 0),
    PRIMARY KEY (venue_id, email_request_id)
);
CREATE INDEX mail_delivery_sending ON mail_delivery (venue_id) WHERE state = 'sending';
