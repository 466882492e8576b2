#include "SyncResolution.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "SqlText.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncCapture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// json_object(...) of the columns, as the capture triggers write a row.
QString jsonOf(const QStringList& columns)
{
    QStringList args;
    for (const QString& column : columns)
        args << quotedLiteral(column) << quotedIdentifier(column);
    return QStringLiteral("json_object(") + args.join(QStringLiteral(", ")) + u')';
}

// One row a refused operation touched, in the order the operations touched them (parents first).
struct TouchedRow
{
    QString table;
    QJsonObject key;
    bool inserted = false; // the server never had it
    QSet<QString> changed; // the columns the refused operations set on a row the server had
};

} // namespace

SyncResolution::SyncResolution(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool SyncResolution::begin(const QStringList& operationIds, const QString& action, const QString& staffId,
                           QString* error)
{
    if (operationIds.isEmpty())
        return fail(error, QStringLiteral("There is no refused operation to resolve"));
    m_inserted.clear();
    // The refused operations in clock order: a row one inserted and a later one changed is still an insert.
    QList<TouchedRow> rows;
    QHash<QString, qsizetype> index;
    QString readError;
    const QSet<QString> wanted(operationIds.cbegin(), operationIds.cend());
    QSet<QString> found;
    QList<QString> changesTexts;
    if (!readRows(m_db,
                  QStringLiteral("SELECT id, changes FROM sync_outbox WHERE status = 'refused' AND id NOT IN (SELECT "
                                 "operation_id FROM sync_resolution) ORDER BY hlc"),
                  {}, error, [&](const QSqlQuery& q) {
                      if (!wanted.contains(q.value(0).toString()))
                          return;
                      found.insert(q.value(0).toString());
                      changesTexts.append(q.value(1).toString());
                  }))
        return false;
    for (const QString& id : operationIds)
        if (!found.contains(id))
            return fail(error, QStringLiteral("Operation %1 is not a refused operation waiting for staff").arg(id));
    for (const QString& text : std::as_const(changesTexts)) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (!document.isArray())
            return fail(error, QStringLiteral("A refused operation in the outbox is not readable JSON"));
        for (const QJsonValue& value : document.array()) {
            const QJsonObject change = value.toObject();
            const QString table = change.value(QStringLiteral("table")).toString();
            const QJsonObject key = change.value(QStringLiteral("key")).toObject();
            const QString op = change.value(QStringLiteral("op")).toString();
            if (!SyncCapture::isSynced(table) || key.isEmpty())
                return fail(error,
                            QStringLiteral("A refused operation names a table Foyer does not sync: %1").arg(table));
            const QString id = table + u'\x1f' + compact(key);
            auto it = index.constFind(id);
            if (it == index.constEnd()) {
                it = index.insert(id, rows.size());
                rows.append({table, key, op == QLatin1String("insert"), {}});
            }
            TouchedRow& row = rows[*it];
            if (op == QLatin1String("update") && !row.inserted) {
                const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
                for (auto f = fields.constBegin(); f != fields.constEnd(); ++f)
                    row.changed.insert(f.key());
            }
        }
    }

    QSqlQuery capture(m_db);
    if (!prepareQuery(capture,
                      QStringLiteral("INSERT INTO sync_row_change (table_name, row_key, op, new_row, old_row) VALUES "
                                     "(?, ?, ?, ?, ?)"),
                      error))
        return false;
    QHash<QString, QStringList> columnsOf;
    for (const TouchedRow& row : std::as_const(rows)) {
        if (!columnsOf.contains(row.table)) {
            const QStringList columns = SyncCapture::columns(m_db, row.table, error);
            if (columns.isEmpty())
                return false;
            columnsOf.insert(row.table, columns);
        }
        const QStringList& columns = columnsOf[row.table];
        QStringList conditions;
        QVariantList values;
        for (auto it = row.key.constBegin(); it != row.key.constEnd(); ++it) {
            if (!columns.contains(it.key()))
                return fail(error, QStringLiteral("A refused operation names a column Foyer does not know: %1.%2")
                                       .arg(row.table, it.key()));
            conditions << quotedIdentifier(it.key()) + QStringLiteral(" = ?");
            values << it.value().toVariant();
        }
        QString current;
        bool exists = false;
        if (!readRows(m_db,
                      QStringLiteral("SELECT ") + jsonOf(columns) + QStringLiteral(" FROM ") +
                          quotedIdentifier(row.table) + QStringLiteral(" WHERE ") +
                          conditions.join(QStringLiteral(" AND ")),
                      values, error, [&](const QSqlQuery& q) {
                          exists = true;
                          current = q.value(0).toString();
                      }))
            return false;
        if (row.inserted)
            m_inserted[row.table].append(row.key);
        if (!exists)
            continue; // gone here too (the server never had it, or will send its own state)
        if (row.inserted) {
            // First touch an insert: SyncOperationWriter sends the row as it is at commit, whatever the caller does.
            if (!runBound(capture, {row.table, compact(row.key), QStringLiteral("insert"), current, QVariant()}, error))
                return false;
        } else if (!row.changed.isEmpty()) {
            // An update whose "before" lacks the refused columns: they are sent with today's values.
            QJsonObject before = QJsonDocument::fromJson(current.toUtf8()).object();
            for (const QString& column : row.changed)
                before.remove(column);
            if (!runBound(capture, {row.table, compact(row.key), QStringLiteral("update"), current, compact(before)},
                          error))
                return false;
        }
    }

    QSqlQuery resolve(m_db);
    if (!prepareQuery(resolve,
                      QStringLiteral("INSERT INTO sync_resolution (operation_id, action, staff_id, resolved_at) "
                                     "VALUES (?, ?, ?, ?)"),
                      error))
        return false;
    const QString now = nowUtcText();
    for (const QString& id : operationIds)
        if (!runBound(resolve, {id, action, textOrNull(staffId), now}, error))
            return false;
    return true;
}

} // namespace foyer::storage
