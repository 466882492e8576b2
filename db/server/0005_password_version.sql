-- The version of each account's password: 1 when the account is made, one more each time its password is set
-- (a change by its owner, a reset by an admin). The staff directory carries it (docs/sync-protocol.md), so a
-- workstation drops an offline sign-in verifier made from an older password when it pulls.
ALTER TABLE staff ADD COLUMN password_version bigint NOT NULL DEFAULT 1 CHECK (password_version > 0);
