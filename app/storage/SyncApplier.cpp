#include "SyncApplier.h"

#include "StaffDirectoryCache.h"

#include "PatronRepository.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncCapture.h"
#include "SyncOperationWriter.h"
#include "Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>

namespace foyer::storage {

namespace {

QString quoted(const QString& identifier)
{
    QString text = identifier;
    return u'"' + text.replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QVariant sqlValue(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QVariant();
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
            return qint64(d);
        return d;
    }
    case QJsonValue::String:
        return value.toString();
    default: // arrays and objects are stored as their JSON text
        return QString::fromUtf8(
            QJsonDocument(value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                .toJson(QJsonDocument::Compact));
    }
}

// Tables that take pulled rows although this workstation does not push them: the server's staff accounts.
bool acceptsPulledRows(const QString& table)
{
    return SyncCapture::isSynced(table) || table == QLatin1String("staff_user");
}

bool touchesPatronKeys(const QString& table)
{
    return table == QLatin1String("patron") || table == QLatin1String("patron_email") ||
           table == QLatin1String("patron_phone");
}

} // namespace

SyncApplier::SyncApplier(QSqlDatabase db)
    : m_db(std::move(db))
{
}

qint64 SyncApplier::cursor(QString* error)
{
    qint64 value = 0;
    bool ok = true;
    if (!readRows(m_db, QStringLiteral("SELECT value FROM sync_state WHERE name = 'pull_cursor'"), {}, error,
                  [&](const QSqlQuery& q) { value = q.value(0).toString().toLongLong(&ok); }))
        return -1;
    if (!ok) {
        fail(error, QStringLiteral("The stored pull cursor is not a number"));
        return -1;
    }
    return value;
}

bool SyncApplier::tableColumns(const QString& table, QStringList* columns, QString* error)
{
    if (auto found = m_columns.constFind(table); found != m_columns.constEnd()) {
        *columns = *found;
        return true;
    }
    QString readError;
    *columns = SyncCapture::columns(m_db, table, &readError);
    if (columns->isEmpty())
        return fail(
            error, QStringLiteral("The pulled change names table %1, which this workstation does not have").arg(table));
    m_columns.insert(table, *columns);
    return true;
}

QString SyncApplier::seatClash(const QJsonObject& row)
{
    QString label;
    readRows(m_db,
             QStringLiteral("SELECT s.section || ' ' || s.row_label || s.seat_number, sh.title, p.starts_at FROM seat "
                            "s, performance p JOIN show sh ON sh.id = p.show_id WHERE s.id = ? AND p.id = ?"),
             {row.value(QStringLiteral("seat_id")).toString(), row.value(QStringLiteral("performance_id")).toString()},
             nullptr, [&](const QSqlQuery& q) {
                 label = QStringLiteral("%1 for %2 at %3")
                             .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
             });
    if (label.isEmpty())
        label = QStringLiteral("seat %1 for performance %2")
                    .arg(row.value(QStringLiteral("seat_id")).toString(),
                         row.value(QStringLiteral("performance_id")).toString());
    return QStringLiteral("Pulled order line %1 sells %2, which an order on this workstation holds (is its push "
                          "refused?). Resolve that order, then sync again.")
        .arg(row.value(QStringLiteral("id")).toString(), label);
}

bool SyncApplier::applyChange(const QJsonObject& change, QStringList* touchedPatrons, QString* error)
{
    const QString table = change.value(QStringLiteral("table")).toString();
    if (!acceptsPulledRows(table))
        return fail(error, QStringLiteral("The pulled change names table \"%1\", which is not synced").arg(table));
    QStringList columns;
    if (!tableColumns(table, &columns, error))
        return false;
    QString keyError;
    const QStringList keyColumns = SyncCapture::primaryKey(m_db, table, &keyError);
    if (keyColumns.isEmpty())
        return fail(error, keyError);
    const QJsonObject key = change.value(QStringLiteral("key")).toObject();
    const QJsonObject row = change.value(QStringLiteral("row")).toObject();
    const bool deleted = change.value(QStringLiteral("deleted")).toBool();
    QString where;
    QVariantList keyValues;
    for (const QString& k : keyColumns) {
        QJsonValue v = key.value(k);
        if (v.isUndefined())
            v = row.value(k);
        if (v.isUndefined() || v.isNull())
            return fail(error, QStringLiteral("The pulled %1 change has no key column %2").arg(table, k));
        where += (where.isEmpty() ? QString() : QStringLiteral(" AND ")) + quoted(k) + QStringLiteral(" = ?");
        keyValues.append(sqlValue(v));
    }
    QSqlQuery q(m_db);
    if (touchesPatronKeys(table)) {
        if (table == QLatin1String("patron")) {
            touchedPatrons->append(keyValues.constFirst().toString());
        } else {
            if (row.contains(QStringLiteral("patron_id")))
                touchedPatrons->append(row.value(QStringLiteral("patron_id")).toString());
            // The row's patron as stored, too: a contact moved or deleted changes that patron's keys.
            if (!readRows(m_db, QStringLiteral("SELECT patron_id FROM %1 WHERE %2").arg(quoted(table), where),
                          keyValues, error, [&](const QSqlQuery& r) { touchedPatrons->append(r.value(0).toString()); }))
                return false;
        }
    }
    if (deleted) {
        if (table == QLatin1String("patron")) {
            QSqlQuery keys(m_db);
            if (!prepareQuery(keys, QStringLiteral("DELETE FROM patron_search_key WHERE patron_id = ?"), error) ||
                !runBound(keys, {keyValues.constFirst()}, error))
                return false;
        }
        return prepareQuery(q, QStringLiteral("DELETE FROM %1 WHERE %2").arg(quoted(table), where), error) &&
               runBound(q, keyValues, error);
    }
    QStringList unknown, names;
    QVariantList values;
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (!columns.contains(it.key())) {
            unknown.append(it.key());
            continue;
        }
        names.append(it.key());
        values.append(sqlValue(it.value()));
    }
    if (!unknown.isEmpty())
        return fail(error, QStringLiteral("The pulled %1 row has columns this workstation does not know: %2 (update "
                                          "Foyer)")
                               .arg(table, unknown.join(QStringLiteral(", "))));
    if (names.isEmpty())
        return fail(error, QStringLiteral("The pulled %1 change has no row").arg(table));
    auto failed = [&](const QSqlQuery& query) {
        const QString text = query.lastError().text();
        if (table == QLatin1String("order_line") && text.contains(QLatin1String("UNIQUE")) &&
            text.contains(QLatin1String("seat_id")))
            return fail(error, seatClash(row));
        return fail(error, QStringLiteral("Cannot apply the pulled %1 row: %2").arg(table, text));
    };
    QStringList sets;
    for (const QString& name : names)
        sets.append(quoted(name) + QStringLiteral(" = ?"));
    if (!prepareQuery(q, QStringLiteral("UPDATE %1 SET %2 WHERE %3").arg(quoted(table), sets.join(u','), where), error))
        return false;
    for (const QVariant& v : values + keyValues)
        q.addBindValue(v);
    if (!q.exec())
        return failed(q);
    if (q.numRowsAffected() > 0)
        return true;
    QStringList marks;
    for (qsizetype i = 0; i < names.size(); ++i)
        marks.append(QStringLiteral("?"));
    QStringList quotedNames;
    for (const QString& name : names)
        quotedNames.append(quoted(name));
    if (!prepareQuery(q,
                      QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                          .arg(quoted(table), quotedNames.join(u','), marks.join(u',')),
                      error))
        return false;
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec() || failed(q);
}

bool SyncApplier::apply(const QJsonObject& page, QString* error)
{
    if (!page.value(QStringLiteral("changes")).isArray() || !page.value(QStringLiteral("next")).isDouble())
        return fail(error, QStringLiteral("The pull page has no changes or no next cursor"));
    const qint64 next = qint64(page.value(QStringLiteral("next")).toDouble());
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON")) ||
        !q.exec(QStringLiteral("INSERT INTO sync_applying (id) VALUES (1)")))
        return fail(error, q.lastError().text());
    // The venue's accounts first, so pulled rows naming any of them (notes, history, orders) keep their keys.
    if (!StaffDirectoryCache(m_db).applyWithin(page.value(QStringLiteral("staff")).toArray(), error))
        return false;
    QStringList touched;
    for (const QJsonValue& value : page.value(QStringLiteral("changes")).toArray())
        if (!applyChange(value.toObject(), &touched, error))
            return false;
    PatronRepository patrons(m_db);
    QSet<QString> done;
    for (const QString& patronId : std::as_const(touched)) {
        if (patronId.isEmpty() || done.contains(patronId))
            continue;
        done.insert(patronId);
        int present = 0;
        if (!readRows(m_db, QStringLiteral("SELECT count(*) FROM patron WHERE id = ?"), {patronId}, error,
                      [&](const QSqlQuery& r) { present = r.value(0).toInt(); }))
            return false;
        if (present && !patrons.rebuildSearchKeys(patronId, error))
            return false;
    }
    if (!q.exec(QStringLiteral("DELETE FROM sync_applying")))
        return fail(error, q.lastError().text());
    const QString serverClock = page.value(QStringLiteral("server_hlc")).toString();
    if (!serverClock.isEmpty() && !SyncOperationWriter::observeClock(m_db, serverClock, error))
        return false;
    if (!prepareQuery(q, QStringLiteral("INSERT OR REPLACE INTO sync_state (name, value) VALUES ('pull_cursor', ?)"),
                      error) ||
        !runBound(q, {QString::number(next)}, error))
        return false;
    return txn.finish(true);
}

} // namespace foyer::storage
