#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantMap>

namespace foyer::storage {

// Writes what every change leaves behind, inside the caller's transaction: the patron's history event, the audit
// row, and the sync outbox entry. A change and its traces commit or roll back together.
class ChangeLog
{
public:
    struct Change
    {
        QString entity; // table name, e.g. "patron"
        QString entityId;
        QString operation = QStringLiteral("upsert"); // or "delete"
        QVariantMap payload;                          // the synced fields, as JSON in the outbox
        QString patronId;                             // whose history shows it; empty: none
        QString historyKind;                          // e.g. "profile_created"
        QString summary;                              // one line for staff, e.g. "Email ada@example.org added"
        QString actorId;                              // the signed-in staff member; empty before sign-in exists
    };

    explicit ChangeLog(QSqlDatabase db);
    bool record(const Change& change, QString* error);

private:
    QSqlDatabase m_db;
    QSqlQuery m_history;
    QSqlQuery m_audit;
    QSqlQuery m_outbox;
};

} // namespace foyer::storage
