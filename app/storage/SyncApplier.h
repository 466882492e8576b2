#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace foyer::storage {

// Applies a page of GET /v1/pull (docs/sync-protocol.md) to the local database: in one transaction, with capture off
// (a row in sync_applying), the page's staff directory upserted into staff_user, each row upserted with the columns the
// server sent or deleted, the touched patrons' search keys rebuilt, the clock moved past server_hlc and the cursor set
// to "next". Anything wrong (an unknown table or column, a constraint, a seat this workstation already sold) rolls the
// whole page back, cursor included. Foreign keys are checked at commit (PRAGMA defer_foreign_keys), so a page may hold
// a child before its parent.
class SyncApplier
{
public:
    explicit SyncApplier(QSqlDatabase db);

    bool apply(const QJsonObject& page, QString* error);
    // The server change sequence applied up to (0 before the first pull); -1 when it cannot be read.
    qint64 cursor(QString* error);

    bool applyChange(const QJsonObject& change, QStringList* touchedPatrons, QString* error);
    bool tableColumns(const QString& table, QStringList* columns, QString* error);
    QString seatClash(const QJsonObject& row);

    QSqlDatabase m_db;
    QHash<QString, QStringList> m_columns;
};

} // namespace foyer::storage
