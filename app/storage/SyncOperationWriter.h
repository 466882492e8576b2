#pragma once

#include <QSqlDatabase>
#include <QString>

namespace foyer::storage {

// Turns the rows a transaction changed (sync_row_change, written by the capture triggers) into one sync_outbox
// operation, inside that transaction, just before it commits (storage::Transaction calls it). Several changes of
// one row become one: insert then updates is an insert of the final row; updates are the columns whose value
// differs between the row before and after; insert then delete is nothing; a row whose key changed is a delete of
// the old key and an insert of the new. Changes keep the order the rows were first touched in (parents first).
// The operation is stamped with the next hybrid logical clock value (state in sync_state 'hlc'; node: the
// registered workstation id, else this database's own id), the staff member of SyncContext, and the summary of
// the first audit row the transaction wrote (else "<n> rows changed").
class SyncOperationWriter
{
public:
    // No captured rows (or a schema from before sync): nothing written, true.
    static bool fold(QSqlDatabase db, QString* error);
    // The clock's node: workstation_setting 'workstation_id', else sync_state 'local_node' (created once from the
    // database file's id, or a new UUIDv7 for a database that has none); caller's transaction.
    static QString node(QSqlDatabase db, QString* error);
    // The next clock value (persisted in sync_state); caller's transaction.
    static QString nextClock(QSqlDatabase db, QString* error);
    // Moves this workstation's clock past a clock received from the server; caller's transaction.
    static bool observeClock(QSqlDatabase db, const QString& remote, QString* error);
};

} // namespace foyer::storage
