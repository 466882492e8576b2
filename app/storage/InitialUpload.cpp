#include "InitialUpload.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "SqlText.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncCapture.h"
#include "SyncOperationWriter.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace foyer::storage {

namespace {

const QString StateName = QStringLiteral("initial_upload");
const QString BoundaryName = QStringLiteral("initial_upload_boundary");

// A key value as the covered set keeps it: text as it is, a number as its integer digits.
QString keyPart(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    }
    return value.toString();
}

// The covered set's text of a key object: its values in column-name order, joined by U+001F.
QString keyText(const QJsonObject& key)
{
    QStringList parts;
    for (auto it = key.constBegin(); it != key.constEnd(); ++it) // QJsonObject iterates its keys sorted
        parts << keyPart(it.value());
    return parts.join(u'\x1f');
}

bool exec(QSqlDatabase db, const QString& sql, const QVariantList& values, QString* error)
{
    QSqlQuery q(db);
    return prepareQuery(q, sql, error) && runBound(q, values, error);
}

bool stateValue(QSqlDatabase db, const QString& name, QString* value, QString* error)
{
    value->clear();
    return readRows(db, QStringLiteral("SELECT value FROM sync_state WHERE name = ?"), {name}, error,
                    [&](const QSqlQuery& q) { *value = q.value(0).toString(); });
}

bool setState(QSqlDatabase db, const QString& name, const QString& value, QString* error)
{
    return exec(db, QStringLiteral("INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)"), {name, value},
                error);
}

} // namespace

struct InitialUpload::TableShape
{
    QString name;
    QStringList columns;
    QString fieldsExpr;  // json_object of every column of r, as the capture triggers write a row
    QString keyJsonExpr; // json_object of the key columns of r
    QString keyTextExpr; // the covered set's text of r's key
    bool hasRowid = true;
    // Columns referencing this same table, and the column each references.
    QList<std::pair<QString, QString>> selfReferences;
};

InitialUpload::InitialUpload(QSqlDatabase db)
    : m_db(std::move(db))
{
}

InitialUpload::~InitialUpload()
{
    if (m_coveredBuilt) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("DROP TABLE IF EXISTS temp.sync_upload_covered"));
    }
}

QStringList InitialUpload::tableOrder(QSqlDatabase db, QString* error)
{
    QString readError;
    const QStringList tables = SyncCapture::syncedTables(db, &readError);
    if (!readError.isEmpty()) {
        fail(error, readError);
        return {};
    }
    const QSet<QString> synced(tables.cbegin(), tables.cend());
    QMap<QString, QSet<QString>> parents;
    for (const QString& table : tables) {
        QSet<QString>& of = parents[table];
        // PRAGMA foreign_key_list: id, seq, table, from, to, ...
        if (!readRows(db, QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quotedIdentifier(table)), {}, error,
                      [&](const QSqlQuery& q) {
                          const QString parent = q.value(2).toString();
                          if (parent != table && synced.contains(parent))
                              of.insert(parent);
                      }))
            return {};
    }
    // Kahn's order, by name among the tables that are ready; a cycle (none in the schema today) goes last, by name.
    QStringList order;
    QSet<QString> placed;
    while (order.size() < tables.size()) {
        bool progressed = false;
        for (const QString& table : tables) {
            if (placed.contains(table))
                continue;
            const QSet<QString>& of = parents.value(table);
            if (std::all_of(of.cbegin(), of.cend(), [&](const QString& p) { return placed.contains(p); })) {
                order << table;
                placed.insert(table);
                progressed = true;
            }
        }
        if (!progressed) {
            for (const QString& table : tables)
                if (!placed.contains(table)) {
                    order << table;
                    placed.insert(table);
                }
        }
    }
    return order;
}

bool InitialUpload::done(bool* isDone, QString* error)
{
    *isDone = false;
    QString state;
    if (!stateValue(m_db, StateName, &state, error))
        return false;
    if (state == QLatin1String("done")) {
        *isDone = true;
        return true;
    }
    if (!state.isEmpty())
        return true; // started: resume
    QString cursor;
    if (!stateValue(m_db, QStringLiteral("pull_cursor"), &cursor, error))
        return false;
    *isDone = cursor.toLongLong() > 0;
    return true;
}

bool InitialUpload::buildCovered(QString* error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS sync_upload_covered (table_name TEXT NOT NULL, "
                               "row_key TEXT NOT NULL, PRIMARY KEY (table_name, row_key)) WITHOUT ROWID")) ||
        !q.exec(QStringLiteral("DELETE FROM temp.sync_upload_covered")))
        return fail(error, q.lastError().text());
    m_coveredBuilt = true;
    // Every row some operation inserts, whatever the operation's status: an insert sent (or refused) is never sent
    // again. Updates do not count: the server refuses an update of a row it does not have.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery insert(m_db);
    if (!prepareQuery(insert,
                      QStringLiteral("INSERT OR IGNORE INTO temp.sync_upload_covered (table_name, row_key) VALUES "
                                     "(?, ?)"),
                      error))
        return false;
    QSqlQuery ops(m_db);
    ops.setForwardOnly(true);
    if (!ops.exec(QStringLiteral("SELECT changes FROM sync_outbox")))
        return fail(error, ops.lastError().text());
    bool ok = true;
    while (ok && ops.next()) {
        const QJsonArray changes = QJsonDocument::fromJson(ops.value(0).toString().toUtf8()).array();
        for (const QJsonValue& value : changes) {
            const QJsonObject change = value.toObject();
            if (change.value(QStringLiteral("op")).toString() != QLatin1String("insert"))
                continue;
            ok = runBound(insert,
                          {change.value(QStringLiteral("table")).toString(),
                           keyText(change.value(QStringLiteral("key")).toObject())},
                          error);
            if (!ok)
                break;
        }
    }
    if (ok && ops.lastError().isValid())
        ok = fail(error, ops.lastError().text());
    ops.finish();
    return txn.finish(ok) && ok;
}

bool InitialUpload::shapeOf(const QString& table, TableShape* shape, QString* error)
{
    shape->name = table;
    shape->columns = SyncCapture::columns(m_db, table, error);
    QStringList key = SyncCapture::primaryKey(m_db, table, error);
    if (shape->columns.isEmpty() || key.isEmpty())
        return false;
    QStringList fields, keyJson, keyText;
    for (const QString& column : std::as_const(shape->columns))
        fields << quotedLiteral(column) << QStringLiteral("r.") + quotedIdentifier(column);
    for (const QString& column : std::as_const(key))
        keyJson << quotedLiteral(column) << QStringLiteral("r.") + quotedIdentifier(column);
    std::sort(key.begin(), key.end());
    for (const QString& column : std::as_const(key))
        keyText << QStringLiteral("CAST(r.%1 AS TEXT)").arg(quotedIdentifier(column));
    shape->fieldsExpr = QStringLiteral("json_object(") + fields.join(QStringLiteral(", ")) + u')';
    shape->keyJsonExpr = QStringLiteral("json_object(") + keyJson.join(QStringLiteral(", ")) + u')';
    shape->keyTextExpr = keyText.join(QStringLiteral(" || char(31) || "));
    bool ok = readRows(m_db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"), {table},
                       error, [&](const QSqlQuery& q) {
                           shape->hasRowid =
                               !q.value(0).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
                       });
    return ok &&
           readRows(m_db, QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quotedIdentifier(table)), {}, error,
                    [&](const QSqlQuery& q) {
                        // A reference without a column list names the primary key.
                        if (q.value(2).toString() == table)
                            shape->selfReferences.append(
                                {q.value(3).toString(), q.value(4).toString().isEmpty()
                                                            ? SyncCapture::primaryKey(m_db, table, nullptr).value(0)
                                                            : q.value(4).toString()});
                    });
}

qint64 InitialUpload::uncovered(const TableShape& shape, QString* error)
{
    qint64 count = -1;
    if (!readRows(m_db,
                  QStringLiteral("SELECT count(*) FROM %1 AS r WHERE NOT EXISTS (SELECT 1 FROM "
                                 "temp.sync_upload_covered c WHERE c.table_name = ? AND c.row_key = %2)")
                      .arg(quotedIdentifier(shape.name), shape.keyTextExpr),
                  {shape.name}, error, [&](const QSqlQuery& q) { count = q.value(0).toLongLong(); }))
        return -1;
    return count;
}

qint64 InitialUpload::pendingRows(QString* error)
{
    bool isDone = false;
    if (!done(&isDone, error))
        return -1;
    if (isDone)
        return 0;
    if (!buildCovered(error))
        return -1;
    const QStringList tables = tableOrder(m_db, error);
    if (tables.isEmpty())
        return error && !error->isEmpty() ? -1 : 0;
    qint64 total = 0;
    for (const QString& table : tables) {
        TableShape shape;
        if (!shapeOf(table, &shape, error))
            return -1;
        const qint64 rows = uncovered(shape, error);
        if (rows < 0)
            return -1;
        total += rows;
    }
    return total;
}

bool InitialUpload::uploadPass(const TableShape& shape, bool parentsFirst, const QString& staffId, qint64* written,
                               qint64* done, qint64 total, const Progress& progress, bool* stopped, QString* error)
{
    *written = 0;
    QString where = QStringLiteral("NOT EXISTS (SELECT 1 FROM temp.sync_upload_covered c WHERE c.table_name = %1 AND "
                                   "c.row_key = %2)")
                        .arg(quotedLiteral(shape.name), shape.keyTextExpr);
    if (parentsFirst)
        for (const auto& [column, referenced] : shape.selfReferences)
            // The row it names is sent already, is itself, or does not exist here (nothing to wait for).
            where += QStringLiteral(" AND (r.%1 IS NULL OR r.%1 = r.%2 OR EXISTS (SELECT 1 FROM "
                                    "temp.sync_upload_covered s WHERE s.table_name = %3 AND s.row_key = CAST(r.%1 AS "
                                    "TEXT)) OR NOT EXISTS (SELECT 1 FROM %4 AS p WHERE p.%2 = r.%1))")
                         .arg(quotedIdentifier(column), quotedIdentifier(referenced), quotedLiteral(shape.name),
                              quotedIdentifier(shape.name));
    const QString sql = QStringLiteral("SELECT %1, %2, %3, %4 FROM %5 AS r WHERE %6 %7 LIMIT %8")
                            .arg(shape.hasRowid ? QStringLiteral("r.rowid") : QStringLiteral("0"), shape.fieldsExpr,
                                 shape.keyJsonExpr, shape.keyTextExpr, quotedIdentifier(shape.name),
                                 shape.hasRowid ? where + QStringLiteral(" AND r.rowid > ?") : where,
                                 shape.hasRowid ? QStringLiteral("ORDER BY r.rowid") : QString())
                            .arg(RowsPerOperation);
    qint64 lastRowid = 0;
    for (;;) {
        Transaction txn(m_db, error);
        if (!txn.isOpen())
            return false;
        QString changes = QStringLiteral("[");
        QStringList keys;
        qint64 rows = 0;
        QVariantList values;
        if (shape.hasRowid)
            values << lastRowid;
        if (!readRows(m_db, sql, values, error, [&](const QSqlQuery& q) {
                lastRowid = q.value(0).toLongLong();
                const QString key =
                    QString::fromUtf8(QJsonDocument(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object())
                                          .toJson(QJsonDocument::Compact));
                if (rows > 0)
                    changes.append(u',');
                changes.append(QStringLiteral("{\"table\":") +
                               QString::fromUtf8(QJsonDocument(QJsonArray{shape.name}).toJson(QJsonDocument::Compact))
                                   .mid(1)
                                   .chopped(1) +
                               QStringLiteral(",\"key\":") + key + QStringLiteral(",\"op\":\"insert\",\"fields\":") +
                               q.value(1).toString() + u'}');
                keys << q.value(3).toString();
                ++rows;
            }))
            return false;
        if (rows == 0)
            return txn.finish(true);
        changes.append(u']');
        const QString hlc = SyncOperationWriter::nextClock(m_db, error);
        if (hlc.isEmpty())
            return false;
        const QString summary = QStringLiteral("Upload from before sync: %1 %2 row%3")
                                    .arg(rows)
                                    .arg(shape.name, rows == 1 ? QString() : QStringLiteral("s"));
        bool ok = exec(m_db,
                       QStringLiteral("INSERT INTO sync_outbox (id, hlc, staff_id, summary, changes, status, "
                                      "created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"),
                       {core::UuidV7::generateText(), hlc, staffId, summary, changes, nowUtcText()}, error);
        QSqlQuery cover(m_db);
        ok = ok && prepareQuery(cover,
                                QStringLiteral("INSERT OR IGNORE INTO temp.sync_upload_covered (table_name, "
                                               "row_key) VALUES (?, ?)"),
                                error);
        for (qsizetype i = 0; ok && i < keys.size(); ++i)
            ok = runBound(cover, {shape.name, keys.at(i)}, error);
        if (!txn.finish(ok))
            return false;
        *written += rows;
        *done += rows;
        if (progress && !progress(*done, total)) {
            *stopped = true;
            return fail(error, QStringLiteral("The upload was stopped; it resumes where it stopped"));
        }
    }
}

bool InitialUpload::restampAndFinish(QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QString boundary;
    if (!stateValue(m_db, BoundaryName, &boundary, error))
        return false;
    QStringList ids;
    if (!boundary.isEmpty() &&
        !readRows(m_db, QStringLiteral("SELECT id FROM sync_outbox WHERE status = 'pending' AND hlc < ? ORDER BY hlc"),
                  {boundary}, error, [&](const QSqlQuery& q) { ids << q.value(0).toString(); }))
        return false;
    bool ok = true;
    QSqlQuery update(m_db);
    ok = prepareQuery(update, QStringLiteral("UPDATE sync_outbox SET hlc = ? WHERE id = ?"), error);
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        const QString hlc = SyncOperationWriter::nextClock(m_db, error);
        ok = !hlc.isEmpty() && runBound(update, {hlc, ids.at(i)}, error);
    }
    ok = ok && setState(m_db, StateName, QStringLiteral("done"), error) &&
         exec(m_db, QStringLiteral("DELETE FROM sync_state WHERE name = ?"), {BoundaryName}, error);
    return txn.finish(ok) && ok;
}

bool InitialUpload::run(const QString& staffId, const Progress& progress, bool* stopped, QString* error)
{
    *stopped = false;
    if (staffId.isEmpty())
        return fail(error, QStringLiteral("No staff member to attribute the upload to"));
    bool isDone = false;
    if (!done(&isDone, error))
        return false;
    if (isDone) {
        Transaction txn(m_db, error);
        return txn.isOpen() && txn.finish(setState(m_db, StateName, QStringLiteral("done"), error));
    }
    {
        // The boundary: operations before it were written before the upload began.
        Transaction txn(m_db, error);
        if (!txn.isOpen())
            return false;
        QString state;
        bool ok = stateValue(m_db, StateName, &state, error);
        if (ok && state.isEmpty()) {
            const QString boundary = SyncOperationWriter::nextClock(m_db, error);
            ok = !boundary.isEmpty() && setState(m_db, BoundaryName, boundary, error) &&
                 setState(m_db, StateName, QStringLiteral("started"), error);
        }
        if (!txn.finish(ok) || !ok)
            return false;
    }
    const qint64 total = pendingRows(error);
    if (total < 0)
        return false;
    const QStringList tables = tableOrder(m_db, error);
    if (tables.isEmpty() && error && !error->isEmpty())
        return false;
    qint64 done = 0;
    for (const QString& table : tables) {
        TableShape shape;
        if (!shapeOf(table, &shape, error))
            return false;
        qint64 written = 0;
        if (!shape.selfReferences.isEmpty()) {
            // Rows whose referenced row is sent, pass by pass; what a cycle leaves goes in one last pass.
            do {
                if (!uploadPass(shape, true, staffId, &written, &done, total, progress, stopped, error))
                    return false;
            } while (written > 0);
        }
        if (!uploadPass(shape, false, staffId, &written, &done, total, progress, stopped, error))
            return false;
    }
    return restampAndFinish(error);
}

} // namespace foyer::storage
