#include "SyncOutbox.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncOperationWriter.h"
#include "Transaction.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace foyer::storage {

SyncOutbox::SyncOutbox(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QJsonArray> SyncOutbox::pending(int limit, QString* error)
{
    QJsonArray out;
    QString badRow;
    if (!readRows(m_db,
                  QStringLiteral("SELECT id, hlc, staff_id, summary, changes FROM sync_outbox WHERE status = 'pending' "
                                 "ORDER BY hlc LIMIT ?"),
                  {limit}, error, [&](const QSqlQuery& q) {
                      const QJsonDocument changes = QJsonDocument::fromJson(q.value(4).toString().toUtf8());
                      if (!changes.isArray() && badRow.isEmpty())
                          badRow = q.value(0).toString();
                      out.append(QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                                             {QStringLiteral("hlc"), q.value(1).toString()},
                                             {QStringLiteral("staff_id"), q.value(2).isNull()
                                                                              ? QJsonValue(QJsonValue::Null)
                                                                              : QJsonValue(q.value(2).toString())},
                                             {QStringLiteral("summary"), q.value(3).toString()},
                                             {QStringLiteral("changes"), changes.array()}});
                  }))
        return std::nullopt;
    if (!badRow.isEmpty()) {
        fail(error, QStringLiteral("Operation %1 in the outbox is not readable JSON").arg(badRow));
        return std::nullopt;
    }
    return out;
}

bool SyncOutbox::acknowledge(const QJsonObject& reply, QString* error)
{
    if (!reply.value(QStringLiteral("results")).isArray())
        return fail(error, QStringLiteral("The push reply has no results"));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery sent(m_db), refused(m_db);
    if (!prepareQuery(sent,
                      QStringLiteral("UPDATE sync_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                                     "last_error = NULL WHERE id = ?"),
                      error) ||
        !prepareQuery(refused,
                      QStringLiteral("UPDATE sync_outbox SET status = 'refused', reason = ?, sent_at = ?, attempts = "
                                     "attempts + 1, last_error = NULL WHERE id = ?"),
                      error))
        return false;
    const QString now = nowUtcText();
    for (const QJsonValue& value : reply.value(QStringLiteral("results")).toArray()) {
        const QJsonObject result = value.toObject();
        const QString id = result.value(QStringLiteral("id")).toString();
        const QString status = result.value(QStringLiteral("status")).toString();
        QSqlQuery* query = nullptr;
        if (status == QLatin1String("applied") || status == QLatin1String("duplicate")) {
            query = &sent;
            if (!runBound(sent, {now, id}, error))
                return false;
        } else if (status == QLatin1String("refused")) {
            query = &refused;
            if (!runBound(refused, {result.value(QStringLiteral("reason")).toString(), now, id}, error))
                return false;
        } else {
            return fail(error, QStringLiteral("The push reply has status \"%1\" for operation %2").arg(status, id));
        }
        if (query->numRowsAffected() != 1)
            return fail(error, QStringLiteral("The push reply names operation %1, which this workstation does not "
                                              "have")
                                   .arg(id));
    }
    const QString serverClock = reply.value(QStringLiteral("server_hlc")).toString();
    if (!serverClock.isEmpty() && !SyncOperationWriter::observeClock(m_db, serverClock, error))
        return false;
    return txn.finish(true);
}

bool SyncOutbox::recordFailure(const QStringList& operationIds, const QString& failure, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    if (!prepareQuery(q,
                      QStringLiteral("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND "
                                     "status = 'pending'"),
                      error))
        return false;
    for (const QString& id : operationIds)
        if (!runBound(q, {failure, id}, error))
            return false;
    return txn.finish(true);
}

std::optional<QList<SyncOutbox::Refused>> SyncOutbox::refused(int limit, QString* error)
{
    QList<Refused> out;
    if (!readRows(m_db,
                  QStringLiteral("SELECT id, hlc, summary, coalesce(reason, ''), created_at FROM sync_outbox WHERE "
                                 "status = 'refused' ORDER BY hlc DESC LIMIT ?"),
                  {limit}, error, [&](const QSqlQuery& q) {
                      out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                  q.value(3).toString(), q.value(4).toString()});
                  }))
        return std::nullopt;
    return out;
}

qint64 SyncOutbox::pendingCount(QString* error)
{
    qint64 count = -1;
    if (!readRows(m_db, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'"), {}, error,
                  [&](const QSqlQuery& q) { count = q.value(0).toLongLong(); }))
        return -1;
    return count;
}

} // namespace foyer::storage
