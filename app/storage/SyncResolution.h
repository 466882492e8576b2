#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace foyer::storage {

// Staff resolve operations the server refused (docs/sync-protocol.md, "Resolving a refused operation"). The server
// applied nothing of a refused operation, so a resolution that keeps the order (another seat, another pay type, a
// cancellation) sends it again as one new operation: begin(), inside the caller's write transaction and before its
// own writes, queues every row the refused operations inserted (as an insert of the row as it is when the transaction
// commits) and every column they changed in rows the server already had (as an update with today's value), so the
// transaction's operation (SyncOperationWriter) carries them with the resolution's own changes; and it records the
// resolution (action, staff, time) in sync_resolution, so the refused operations leave the list. All of it commits or
// none of it does, with the caller's transaction.
class SyncResolution
{
public:
    explicit SyncResolution(QSqlDatabase db);

    // action: "changed" or "cancelled". False (why in error) when an operation is not a refused one waiting for
    // staff, its rows cannot be read, or the capture bookkeeping cannot be written; the caller rolls back.
    bool begin(const QStringList& operationIds, const QString& action, const QString& staffId, QString* error);
    // The keys of the rows of a table the refused operations inserted (after begin()): what the server never had,
    // e.g. the payments and credit uses of a refused confirmation, which the resolution takes back and records anew.
    QList<QJsonObject> insertedKeys(const QString& table) const { return m_inserted.value(table); }

private:
    QSqlDatabase m_db;
    QHash<QString, QList<QJsonObject>> m_inserted;
};

} // namespace foyer::storage
