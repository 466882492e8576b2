#include "ChangeLog.h"

#include "StoredTime.h"
#include "UuidV7.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace foyer::storage {

ChangeLog::ChangeLog(QSqlDatabase db)
    : m_db(std::move(db))
    , m_history(m_db)
    , m_audit(m_db)
    , m_email(m_db)
{
    m_history.prepare(QStringLiteral("INSERT INTO history_event (id, patron_id, actor_id, kind, summary, occurred_at, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    m_audit.prepare(QStringLiteral("INSERT INTO audit_log (id, actor_id, action, entity, entity_id, details, "
                                   "occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    m_email.prepare(QStringLiteral("INSERT INTO email_request (id, recipient, template, details, created_at) VALUES "
                                   "(?, ?, ?, ?, ?)"));
}

bool ChangeLog::record(const Change& change, QString* error)
{
    const QString now = nowUtcText();
    const QVariant actor = change.actorId.isEmpty() ? QVariant() : QVariant(change.actorId);
    const QString payload =
        QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(change.payload)).toJson(QJsonDocument::Compact));
    auto fail = [error](const QSqlQuery& query) {
        if (error)
            *error = query.lastError().text();
        return false;
    };
    if (!change.patronId.isEmpty()) {
        m_history.bindValue(0, core::UuidV7::generateText());
        m_history.bindValue(1, change.patronId);
        m_history.bindValue(2, actor);
        m_history.bindValue(3, change.historyKind);
        m_history.bindValue(4, change.summary);
        m_history.bindValue(5, now);
        m_history.bindValue(6, now);
        if (!m_history.exec())
            return fail(m_history);
    }
    m_audit.bindValue(0, core::UuidV7::generateText());
    m_audit.bindValue(1, actor);
    m_audit.bindValue(2, change.historyKind);
    m_audit.bindValue(3, change.entity);
    m_audit.bindValue(4, change.entityId);
    m_audit.bindValue(5, change.summary);
    m_audit.bindValue(6, now);
    if (!m_audit.exec())
        return fail(m_audit);
    if (change.entity != QLatin1String("email"))
        return true; // the capture triggers have recorded the rows themselves
    m_email.bindValue(0, change.entityId.isEmpty() ? core::UuidV7::generateText() : change.entityId);
    m_email.bindValue(1, change.payload.value(QStringLiteral("to")).toString());
    // A staff member's own email (a contact log) names no template: the server sends its subject and body as written.
    const QString emailTemplate = change.payload.value(QStringLiteral("template")).toString();
    m_email.bindValue(2, emailTemplate.isEmpty() ? QStringLiteral("contact_log") : emailTemplate);
    m_email.bindValue(3, payload);
    m_email.bindValue(4, now);
    if (!m_email.exec())
        return fail(m_email);
    return true;
}

} // namespace foyer::storage
