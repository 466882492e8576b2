#include "SyncApplier.h"

#include "SqlText.h"
#include "StaffDirectoryCache.h"

#include "Clock.h"

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
#include <QMap>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace foyer::storage {

namespace {

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
    // A patron's tags are search keys too (core::SearchText::KeyKind::Tag).
    return table == QLatin1String("patron") || table == QLatin1String("patron_email") ||
           table == QLatin1String("patron_phone") || table == QLatin1String("patron_tag");
}

// Enough for every table and column set a server sends; more means unusual pages, which then pay a prepare again.
constexpr std::size_t MaxStatements = 256;

// A pulled row's identity among the page's rows and in sync_held_row: its table and its key object as JSON.
QString keyText(const QJsonObject& change)
{
    return QString::fromUtf8(
        QJsonDocument(change.value(QStringLiteral("key")).toObject()).toJson(QJsonDocument::Compact));
}

QString heldId(const QJsonObject& change)
{
    return change.value(QStringLiteral("table")).toString() + u'\x1f' + keyText(change);
}

} // namespace

SyncApplier::SyncApplier(QSqlDatabase db)
    : m_db(std::move(db))
{
}

SyncApplier::~SyncApplier() = default;

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

const SyncApplier::Table* SyncApplier::table(const QString& name, QString* error)
{
    if (auto found = m_tables.constFind(name); found != m_tables.constEnd())
        return &*found;
    Table table;
    QString readError;
    table.columns = SyncCapture::columns(m_db, name, &readError);
    if (table.columns.isEmpty()) {
        fail(error, QStringLiteral("The pulled change names table %1, which this workstation does not have").arg(name));
        return nullptr;
    }
    QString keyError;
    table.keyColumns = SyncCapture::primaryKey(m_db, name, &keyError);
    if (table.keyColumns.isEmpty()) {
        fail(error, keyError);
        return nullptr;
    }
    table.known = QSet<QString>(table.columns.cbegin(), table.columns.cend());
    for (const QString& k : std::as_const(table.keyColumns))
        table.where += (table.where.isEmpty() ? QString() : QStringLiteral(" AND ")) + quotedIdentifier(k) +
                       QStringLiteral(" = ?");
    return &*m_tables.insert(name, table);
}

QSqlQuery* SyncApplier::statement(const QString& key, const std::function<QString()>& makeSql, QString* error)
{
    if (auto found = m_statements.find(key); found != m_statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!prepareQuery(*query, makeSql(), error))
        return nullptr;
    return m_statements.emplace(key, std::move(query)).first->second.get();
}

QString SyncApplier::seatClash(const QJsonObject& row)
{
    QString label;
    readRows(m_db,
             QStringLiteral("SELECT s.section || ' ' || s.row_label || s.seat_number, sh.title, p.starts_at FROM seat "
                            "s, performance p JOIN show sh ON sh.id = p.show_id WHERE s.id = ? AND p.id = ?"),
             {row.value(QStringLiteral("seat_id")).toString(), row.value(QStringLiteral("performance_id")).toString()},
             nullptr, [&](const QSqlQuery& q) {
                 // The performance as staff know it: its time at the venue, not the stored UTC text.
                 const QDateTime startsAt =
                     core::Clock::atVenue(QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs));
                 label = QStringLiteral("%1 for %2 on %3")
                             .arg(q.value(0).toString(), q.value(1).toString(),
                                  startsAt.isValid() ? startsAt.toString(QStringLiteral("ddd d MMM yyyy HH:mm"))
                                                     : q.value(2).toString());
             });
    if (label.isEmpty())
        label = QStringLiteral("seat %1 for performance %2")
                    .arg(row.value(QStringLiteral("seat_id")).toString(),
                         row.value(QStringLiteral("performance_id")).toString());
    return QStringLiteral("Another window sold %1, which an order on this workstation holds (its push was "
                          "refused, or is still waiting). Resolve that order, then sync again.")
        .arg(label);
}

bool SyncApplier::applyChange(const QJsonObject& change, QStringList* touchedPatrons, QString* error, bool* inserted)
{
    if (inserted)
        *inserted = false;
    const QString tableName = change.value(QStringLiteral("table")).toString();
    if (!acceptsPulledRows(tableName))
        return fail(error, QStringLiteral("The pulled change names table \"%1\", which is not synced").arg(tableName));
    const Table* table = this->table(tableName, error);
    if (!table)
        return false;
    const QJsonObject key = change.value(QStringLiteral("key")).toObject();
    const QJsonObject row = change.value(QStringLiteral("row")).toObject();
    const bool deleted = change.value(QStringLiteral("deleted")).toBool();
    QVariantList keyValues;
    keyValues.reserve(table->keyColumns.size());
    for (const QString& k : table->keyColumns) {
        QJsonValue v = key.value(k);
        if (v.isUndefined())
            v = row.value(k);
        if (v.isUndefined() || v.isNull())
            return fail(error, QStringLiteral("The pulled %1 change has no key column %2").arg(tableName, k));
        keyValues.append(sqlValue(v));
    }
    auto bindAll = [](QSqlQuery* query, const QVariantList& first, const QVariantList& second = {}) {
        int i = 0;
        for (const QVariant& v : first)
            query->bindValue(i++, v);
        for (const QVariant& v : second)
            query->bindValue(i++, v);
    };
    if (touchesPatronKeys(tableName)) {
        if (tableName == QLatin1String("patron")) {
            touchedPatrons->append(keyValues.constFirst().toString());
        } else {
            if (row.contains(QStringLiteral("patron_id")))
                touchedPatrons->append(row.value(QStringLiteral("patron_id")).toString());
            // The row's patron as stored, too: a contact moved or deleted changes that patron's keys.
            QSqlQuery* stored = statement(
                QStringLiteral("stored-patron:") + tableName,
                [&] {
                    return QStringLiteral("SELECT patron_id FROM %1 WHERE %2")
                        .arg(quotedIdentifier(tableName), table->where);
                },
                error);
            if (!stored)
                return false;
            bindAll(stored, keyValues);
            const bool read =
                readRows(*stored, error, [&](const QSqlQuery& r) { touchedPatrons->append(r.value(0).toString()); });
            stored->finish();
            if (!read)
                return false;
        }
    }
    if (deleted) {
        if (tableName == QLatin1String("patron")) {
            QSqlQuery* keys = statement(
                QStringLiteral("delete-keys"),
                [] { return QStringLiteral("DELETE FROM patron_search_key WHERE patron_id = ?"); }, error);
            if (!keys)
                return false;
            keys->bindValue(0, keyValues.constFirst());
            if (!keys->exec())
                return fail(error, keys->lastError().text());
        }
        QSqlQuery* remove = statement(
            QStringLiteral("delete:") + tableName,
            [&] { return QStringLiteral("DELETE FROM %1 WHERE %2").arg(quotedIdentifier(tableName), table->where); },
            error);
        if (!remove)
            return false;
        bindAll(remove, keyValues);
        return remove->exec() || fail(error, remove->lastError().text());
    }
    QStringList unknown, names;
    QVariantList values;
    names.reserve(row.size());
    values.reserve(row.size());
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (!table->known.contains(it.key())) {
            unknown.append(it.key());
            continue;
        }
        names.append(it.key());
        values.append(sqlValue(it.value()));
    }
    if (!unknown.isEmpty())
        return fail(error, QStringLiteral("The pulled %1 row has columns this workstation does not know: %2 (update "
                                          "Foyer)")
                               .arg(tableName, unknown.join(QStringLiteral(", "))));
    if (names.isEmpty())
        return fail(error, QStringLiteral("The pulled %1 change has no row").arg(tableName));
    auto failed = [&](const QSqlQuery& query) {
        const QString text = query.lastError().text();
        if (tableName == QLatin1String("order_line") && text.contains(QLatin1String("UNIQUE")) &&
            text.contains(QLatin1String("seat_id")))
            return fail(error, seatClash(row));
        return fail(error, QStringLiteral("Cannot apply the pulled %1 row: %2").arg(tableName, text));
    };
    // Column names are the table's own (checked above), so the list names the column set unambiguously.
    const QString columnSet = tableName + u':' + names.join(u',');
    QSqlQuery* update = statement(
        QStringLiteral("update:") + columnSet,
        [&] {
            QStringList sets;
            for (const QString& name : std::as_const(names))
                sets.append(quotedIdentifier(name) + QStringLiteral(" = ?"));
            return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                .arg(quotedIdentifier(tableName), sets.join(u','), table->where);
        },
        error);
    if (!update)
        return false;
    bindAll(update, values, keyValues);
    if (!update->exec())
        return failed(*update);
    if (update->numRowsAffected() > 0)
        return true;
    QSqlQuery* insert = statement(
        QStringLiteral("insert:") + columnSet,
        [&] {
            QStringList marks, quotedNames;
            for (const QString& name : std::as_const(names)) {
                marks.append(QStringLiteral("?"));
                quotedNames.append(quotedIdentifier(name));
            }
            return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                .arg(quotedIdentifier(tableName), quotedNames.join(u','), marks.join(u','));
        },
        error);
    if (!insert)
        return false;
    bindAll(insert, values);
    if (!insert->exec())
        return failed(*insert);
    if (inserted)
        *inserted = true;
    return true;
}

bool SyncApplier::rebuildSearchKeys(const QStringList& touched, QString* error)
{
    if (touched.isEmpty())
        return true;
    if (!m_patrons)
        m_patrons = std::make_unique<PatronRepository>(m_db);
    QStringList ids = touched;
    ids.removeAll(QString());
    return m_patrons->rebuildSearchKeys(ids, error);
}

const QList<SyncApplier::ForeignKey>* SyncApplier::foreignKeys(const QString& table, QString* error)
{
    if (auto found = m_foreignKeys.constFind(table); found != m_foreignKeys.constEnd())
        return &*found;
    QMap<int, ForeignKey> byId;
    // PRAGMA foreign_key_list: id, seq, table, from, to, ...; one row per column of each key.
    if (!readRows(m_db, QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quotedIdentifier(table)), {}, error,
                  [&](const QSqlQuery& q) {
                      ForeignKey& key = byId[q.value(0).toInt()];
                      key.parent = q.value(2).toString();
                      key.from.append(q.value(3).toString());
                      key.to.append(q.value(4).toString());
                  }))
        return nullptr;
    QList<ForeignKey> keys = byId.values();
    for (ForeignKey& key : keys) {
        if (std::all_of(key.to.cbegin(), key.to.cend(), [](const QString& c) { return c.isEmpty(); })) {
            key.to = SyncCapture::primaryKey(m_db, key.parent, error);
            if (key.to.size() != key.from.size())
                return fail(error, QStringLiteral("Cannot read the key of table %1").arg(key.parent)), nullptr;
        }
    }
    return &*m_foreignKeys.insert(table, keys);
}

QString SyncApplier::missingParent(const QString& table, const QJsonObject& row, QString* error)
{
    const QList<ForeignKey>* keys = foreignKeys(table, error);
    if (!keys)
        return QString();
    for (const ForeignKey& key : *keys) {
        QVariantList values;
        for (const QString& column : key.from) {
            const QJsonValue v = row.value(column);
            if (v.isNull() || v.isUndefined())
                break; // a key with a null column names no parent
            values.append(sqlValue(v));
        }
        if (values.size() != key.from.size())
            continue;
        QSqlQuery* present = statement(
            QStringLiteral("parent:") + key.parent + u':' + key.to.join(u','),
            [&] {
                QStringList where;
                for (const QString& column : key.to)
                    where.append(quotedIdentifier(column) + QStringLiteral(" = ?"));
                return QStringLiteral("SELECT 1 FROM %1 WHERE %2")
                    .arg(quotedIdentifier(key.parent), where.join(QStringLiteral(" AND ")));
            },
            error);
        if (!present)
            return QString();
        for (qsizetype i = 0; i < values.size(); ++i)
            present->bindValue(int(i), values.at(i));
        bool found = false;
        const bool read = readFirst(*present, &found, error);
        present->finish();
        if (!read)
            return QString();
        if (!found) {
            QStringList named;
            for (const QVariant& v : std::as_const(values))
                named.append(v.toString());
            return key.parent + u' ' + named.join(u',');
        }
    }
    return QStringLiteral("");
}

bool SyncApplier::retryHeld(QHash<QString, QJsonObject>* written, QStringList* touched, QString* error)
{
    QList<QJsonObject> held;
    if (!readRows(
            m_db, QStringLiteral("SELECT change FROM sync_held_row ORDER BY seq"), {}, error,
            [&](const QSqlQuery& q) { held.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object()); }))
        return false;
    if (held.isEmpty())
        return true;
    QSqlQuery clear(m_db);
    if (!clear.exec(QStringLiteral("DELETE FROM sync_held_row")))
        return fail(error, clear.lastError().text());
    for (const QJsonObject& change : std::as_const(held)) {
        bool inserted = false;
        if (!applyChange(change, touched, error, &inserted))
            return false;
        if (inserted)
            written->insert(heldId(change), change);
    }
    return true;
}

bool SyncApplier::holdOrphans(const QHash<QString, QJsonObject>& written, QString* error)
{
    // Holding a row can leave its own children here without their parent: go round until nothing more is held.
    QSet<QString> held;
    for (bool again = true; again;) {
        again = false;
        for (auto it = written.cbegin(); it != written.cend(); ++it) {
            if (held.contains(it.key()))
                continue;
            const QJsonObject& change = it.value();
            const QString tableName = change.value(QStringLiteral("table")).toString();
            const QString missing = missingParent(tableName, change.value(QStringLiteral("row")).toObject(), error);
            if (missing.isNull())
                return false;
            if (missing.isEmpty())
                continue;
            const Table* table = this->table(tableName, error);
            if (!table)
                return false;
            const QJsonObject key = change.value(QStringLiteral("key")).toObject();
            const QJsonObject row = change.value(QStringLiteral("row")).toObject();
            QSqlQuery* remove = statement(
                QStringLiteral("delete:") + tableName,
                [&] {
                    return QStringLiteral("DELETE FROM %1 WHERE %2").arg(quotedIdentifier(tableName), table->where);
                },
                error);
            if (!remove)
                return false;
            int i = 0;
            for (const QString& k : table->keyColumns)
                remove->bindValue(i++, sqlValue(key.contains(k) ? key.value(k) : row.value(k)));
            if (!remove->exec())
                return fail(error, remove->lastError().text());
            QSqlQuery hold(m_db);
            if (!prepareQuery(hold,
                              QStringLiteral("INSERT OR REPLACE INTO sync_held_row (table_name, row_key, seq, change, "
                                             "missing, held_at) VALUES (?, ?, ?, ?, ?, ?)"),
                              error) ||
                !runBound(hold,
                          {tableName, keyText(change), qint64(change.value(QStringLiteral("seq")).toDouble()),
                           QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact)), missing,
                           nowUtcText()},
                          error))
                return false;
            held.insert(it.key());
            again = true;
        }
    }
    return true;
}

bool SyncApplier::apply(const QJsonObject& page, QString* error)
{
    if (!page.value(QStringLiteral("changes")).isArray() || !page.value(QStringLiteral("next")).isDouble())
        return fail(error, QStringLiteral("The pull page has no changes or no next cursor"));
    const qint64 next = qint64(page.value(QStringLiteral("next")).toDouble());
    if (m_statements.size() > MaxStatements)
        m_statements.clear();
    // SQLite's own foreign-key checks are off for the page (a pragma that only takes effect outside a transaction):
    // a row already here may be changed to name a parent that a later page brings, and a commit refused for that
    // would stop every later pull. New rows without their parent are held back instead (holdOrphans).
    QSqlQuery pragma(m_db);
    if (!pragma.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return fail(error, pragma.lastError().text());
    const auto restore = qScopeGuard([&] { pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON")); });
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
    // Rows held back by earlier pages first: this page's changes are newer.
    QHash<QString, QJsonObject> written;
    if (!retryHeld(&written, &touched, error))
        return false;
    for (const QJsonValue& value : page.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject change = value.toObject();
        bool inserted = false;
        if (!applyChange(change, &touched, error, &inserted))
            return false;
        // Only rows new here are checked for their parents: holding one back cannot strand rows of earlier pages.
        const QString id = heldId(change);
        if (inserted)
            written.insert(id, change);
        else if (change.value(QStringLiteral("deleted")).toBool())
            written.remove(id);
        else if (written.contains(id))
            written.insert(id, change); // inserted earlier in this page, changed again since
    }
    if (!holdOrphans(written, error))
        return false;
    if (!rebuildSearchKeys(touched, error))
        return false;
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
