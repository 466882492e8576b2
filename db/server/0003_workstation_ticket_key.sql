-- foyer-server schema, version 3: each workstation's own ticket key, certified by the venue's key so tickets it
-- signs offline verify with the venue's public key (docs/sync-protocol.md, "Ticket QR codes"), and revocation.

-- The workstation's Ed25519 public key as last certified, and when that certificate expires.
ALTER TABLE workstation ADD COLUMN ticket_public_key bytea CHECK (length(ticket_public_key) = 32);
ALTER TABLE workstation ADD COLUMN ticket_certificate_expires_at timestamptz;
-- A revoked workstation's certificates are refused (verify-ticket, GET /v1/ticket-key's revoked_workstations) and
-- it gets no new one.
ALTER TABLE workstation ADD COLUMN revoked_at timestamptz;
CREATE INDEX workstation_revoked ON workstation (venue_id) WHERE revoked_at IS NOT NULL;
