#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantMap>

namespace foyer::storage {

// Writes what every change leaves behind, inside the caller's transaction: the patron's history event and the audit
// row (whose text becomes the summary of the transaction's sync operation). The rows themselves reach the sync
// outbox through the capture triggers (SyncCapture), not through here. An entity "email" is a message for the server
// to send: it is written to email_request (recipient payload "to", "template", the payload as details), which syncs.
// A change and its traces commit or roll back together.
class ChangeLog
{
public:
    struct Change
    {
        QString entity; // table name, e.g. "patron"
        QString entityId;
        QString operation = QStringLiteral("upsert"); // or "delete"; informational since capture by triggers
        QVariantMap payload; // for entity "email": the message (to, template, fields); otherwise informational
        QString patronId;    // whose history shows it; empty: none
        QString historyKind; // e.g. "profile_created"
        QString summary;     // one line for staff, e.g. "Email ada@example.org added"
        QString actorId;     // the signed-in staff member; empty before sign-in exists
    };

    explicit ChangeLog(QSqlDatabase db);
    bool record(const Change& change, QString* error);

private:
    QSqlDatabase m_db;
    QSqlQuery m_history;
    QSqlQuery m_audit;
    QSqlQuery m_email;
};

} // namespace foyer::storage
