#pragma once

#include <QSqlDatabase>
#include <QString>

namespace foyer::storage {

// The one way storage runs a write transaction: begun (BEGIN IMMEDIATE, through the driver) on construction,
// committed by finish(true), rolled back by finish(false) or when it goes out of scope unfinished. A change and its
// history and audit rows share one. Every check a write depends on is read inside it. Before COMMIT, the rows the
// capture triggers recorded become one sync_outbox operation (SyncOperationWriter), in the same transaction.
class Transaction
{
public:
    Transaction(QSqlDatabase db, QString* error);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isOpen() const { return m_open; }
    // Commits when ok (reporting a failed commit in error), otherwise rolls back; returns whether it committed.
    bool finish(bool ok);

private:
    QSqlDatabase m_db;
    QString* m_error;
    bool m_open = false;
};

} // namespace foyer::storage
