-- The server's password version (docs/sync-protocol.md, the staff directory's "password_version") that a local
-- offline sign-in verifier was made for. A pulled directory with a later version (the password was changed or reset
-- on the server), or one that says the account is disabled, drops the verifier: that account signs in online once
-- before it can sign in offline again. NULL: a verifier made before versions existed, or a local account never
-- registered; the first directory that carries a version drops such a verifier too (except the accounts this
-- workstation itself uploaded at registration, whose verifier is the server's).
ALTER TABLE staff_user ADD COLUMN password_version INTEGER;
