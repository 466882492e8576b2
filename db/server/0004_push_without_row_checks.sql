-- foyer-server schema, version 4: the tables a push writes in bulk lose their foreign keys.
--
-- row_state, applied_operation and audit_log are written only by the push, in one transaction that first checks the
-- session's venue and that the workstation is registered to it; every other id in their rows comes from the same
-- batch. PostgreSQL checked each foreign key once per written row (a planned lookup per row), which was about 40% of
-- the database's time in a push. Venues, workstations and operations are never deleted, so nothing can dangle.
ALTER TABLE row_state DROP CONSTRAINT row_state_venue_id_fkey;
ALTER TABLE applied_operation DROP CONSTRAINT applied_operation_workstation_id_fkey;
ALTER TABLE applied_operation DROP CONSTRAINT applied_operation_venue_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_venue_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_operation_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_workstation_id_fkey;
