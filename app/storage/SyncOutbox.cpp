#include "SyncOutbox.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncOperationWriter.h"
#include "Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSqlDriver>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

// Table and column names come from this workstation's own outbox, but are checked before they go into SQL anyway.
bool isSafeName(const QString& name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (QChar c : name)
        if (!(c.isLetterOrNumber() || c == u'_') || c.unicode() > 127)
            return false;
    return true;
}

} // namespace

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
    QList<QJsonArray> changes;
    if (!readRows(m_db,
                  QStringLiteral("SELECT id, hlc, summary, coalesce(reason, ''), created_at, changes FROM sync_outbox "
                                 "WHERE status = 'refused' AND id NOT IN (SELECT operation_id FROM sync_resolution) "
                                 "ORDER BY hlc DESC LIMIT ?"),
                  {limit}, error, [&](const QSqlQuery& q) {
                      out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                  q.value(3).toString(), q.value(4).toString(), QString()});
                      changes.append(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array());
                  }))
        return std::nullopt;
    for (qsizetype i = 0; i < out.size(); ++i)
        if (!orderOf(changes.at(i), &out[i].orderId, error))
            return std::nullopt;
    return out;
}

bool SyncOutbox::orderOf(const QJsonArray& changes, QString* orderId, QString* error)
{
    orderId->clear();
    QString lineId;
    for (const QJsonValue& value : changes) {
        const QJsonObject change = value.toObject();
        const QString table = change.value(QStringLiteral("table")).toString();
        const QJsonObject key = change.value(QStringLiteral("key")).toObject();
        const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
        if (table == QLatin1String("order")) {
            *orderId = key.value(QStringLiteral("id")).toString();
            return true;
        }
        if ((table == QLatin1String("order_line") || table == QLatin1String("payment") ||
             table == QLatin1String("order_event")) &&
            fields.contains(QStringLiteral("order_id"))) {
            *orderId = fields.value(QStringLiteral("order_id")).toString();
            return true;
        }
        if (table == QLatin1String("order_line") && lineId.isEmpty())
            lineId = key.value(QStringLiteral("id")).toString();
        if (table == QLatin1String("membership_seat_use") && lineId.isEmpty())
            lineId = fields.value(QStringLiteral("order_line_id")).toString();
    }
    if (lineId.isEmpty())
        return true;
    return readRows(m_db, QStringLiteral("SELECT order_id FROM order_line WHERE id = ?"), {lineId}, error,
                    [&](const QSqlQuery& q) { *orderId = q.value(0).toString(); });
}

std::optional<QHash<QString, SyncOutbox::Attention>> SyncOutbox::ordersNeedingAttention(QString* error)
{
    struct Row
    {
        QString id;
        QString reason;
        QJsonArray changes;
    };
    QList<Row> rows;
    if (!readRows(m_db,
                  QStringLiteral("SELECT id, coalesce(reason, ''), changes FROM sync_outbox WHERE status = 'refused' "
                                 "AND id NOT IN (SELECT operation_id FROM sync_resolution) ORDER BY hlc"),
                  {}, error, [&](const QSqlQuery& q) {
                      rows.append({q.value(0).toString(), q.value(1).toString(),
                                   QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array()});
                  }))
        return std::nullopt;
    QHash<QString, Attention> out;
    for (const Row& row : std::as_const(rows)) {
        QString orderId;
        if (!orderOf(row.changes, &orderId, error))
            return std::nullopt;
        if (orderId.isEmpty())
            continue;
        Attention& attention = out[orderId];
        if (attention.operationIds.isEmpty()) {
            attention.orderId = orderId;
            attention.reason = row.reason;
        }
        attention.operationIds.append(row.id);
    }
    return out;
}

std::optional<SyncOutbox::Attention> SyncOutbox::attentionFor(const QString& orderId, QString* error)
{
    const std::optional<QHash<QString, Attention>> all = ordersNeedingAttention(error);
    if (!all)
        return std::nullopt;
    Attention none;
    none.orderId = orderId;
    return all->value(orderId, none);
}

bool SyncOutbox::discardRefused(const QString& operationId, const QString& staffId, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QString changesText;
    bool found = false;
    if (!readRows(m_db,
                  QStringLiteral("SELECT changes FROM sync_outbox WHERE id = ? AND status = 'refused' AND id NOT IN "
                                 "(SELECT operation_id FROM sync_resolution)"),
                  {operationId}, error, [&](const QSqlQuery& q) {
                      found = true;
                      changesText = q.value(0).toString();
                  }))
        return false;
    if (!found)
        return fail(error,
                    QStringLiteral("Operation %1 is not a refused operation waiting for staff").arg(operationId));
    const QJsonArray changes = QJsonDocument::fromJson(changesText.toUtf8()).array();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON")) ||
        !q.exec(QStringLiteral("INSERT INTO sync_applying (id) VALUES (1)")))
        return fail(error, q.lastError().text());
    const QSqlDriver* driver = m_db.driver();
    for (qsizetype i = changes.size() - 1; i >= 0; --i) {
        const QJsonObject change = changes.at(i).toObject();
        if (change.value(QStringLiteral("op")).toString() != QLatin1String("insert"))
            continue;
        const QString table = change.value(QStringLiteral("table")).toString();
        if (!isSafeName(table))
            return fail(error,
                        QStringLiteral("The refused operation names a table Foyer does not know: %1").arg(table));
        const QJsonObject key = change.value(QStringLiteral("key")).toObject();
        QStringList conditions;
        QVariantList values;
        for (auto it = key.begin(); it != key.end(); ++it) {
            if (!isSafeName(it.key()))
                return fail(
                    error,
                    QStringLiteral("The refused operation names a column Foyer does not know: %1").arg(it.key()));
            conditions << driver->escapeIdentifier(it.key(), QSqlDriver::FieldName) + QStringLiteral(" = ?");
            values << it.value().toVariant();
        }
        if (conditions.isEmpty())
            return fail(error, QStringLiteral("The refused operation has a row without a key in %1").arg(table));
        QSqlQuery remove(m_db);
        if (!prepareQuery(remove,
                          QStringLiteral("DELETE FROM ") + driver->escapeIdentifier(table, QSqlDriver::TableName) +
                              QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND ")),
                          error) ||
            !runBound(remove, values, error))
            return false;
        // What this workstation derived from a patron it made (search keys, the recent list) goes with it.
        if (table == QLatin1String("patron") && key.contains(QStringLiteral("id"))) {
            const QVariant patronId = key.value(QStringLiteral("id")).toVariant();
            for (const QString& derived : {QStringLiteral("DELETE FROM patron_search_key WHERE patron_id = ?"),
                                           QStringLiteral("DELETE FROM patron_recent WHERE patron_id = ?")}) {
                QSqlQuery forget(m_db);
                if (!prepareQuery(forget, derived, error) || !runBound(forget, {patronId}, error))
                    return false;
            }
        }
    }
    if (!q.exec(QStringLiteral("DELETE FROM sync_applying")))
        return fail(error, q.lastError().text());
    QSqlQuery resolve(m_db);
    if (!prepareQuery(resolve,
                      QStringLiteral("INSERT INTO sync_resolution (operation_id, action, staff_id, resolved_at) "
                                     "VALUES (?, 'discarded', ?, ?)"),
                      error) ||
        !runBound(resolve, {operationId, staffId.isEmpty() ? QVariant() : QVariant(staffId), nowUtcText()}, error))
        return false;
    return txn.finish(true);
}

qint64 SyncOutbox::refusedCount(QString* error)
{
    qint64 count = -1;
    if (!readRows(m_db,
                  QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'refused' AND id NOT IN (SELECT "
                                 "operation_id FROM sync_resolution)"),
                  {}, error, [&](const QSqlQuery& q) { count = q.value(0).toLongLong(); }))
        return -1;
    return count;
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
