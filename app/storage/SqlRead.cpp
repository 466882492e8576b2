#include "SqlRead.h"

#include "StorageFailure.h"

#include <QCoreApplication>
#include <QSqlError>

namespace foyer::storage {

namespace {

bool readFailed(const QSqlQuery& query, const QString& what, QString* error)
{
    const QSqlError sqlError = query.lastError();
    const QString reason = sqlError.isValid()
                               ? sqlError.text()
                               : QCoreApplication::translate("foyer::storage::SqlRead", "the statement did not run");
    return fail(error, QCoreApplication::translate("foyer::storage::SqlRead", "Cannot read %1: %2").arg(what, reason));
}

} // namespace

bool prepareRead(QSqlQuery& query, const QString& sql, const QString& what, QString* error)
{
    return query.prepare(sql) || readFailed(query, what, error);
}

bool readRows(QSqlQuery& query, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error)
{
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return readFailed(query, what, error);
    while (query.next())
        onRow(query);
    // next() is false at the end and on a failed step alike; only the error tells them apart (read it before finish()
    // clears it).
    if (query.lastError().isValid())
        return readFailed(query, what, error);
    query.finish();
    return true;
}

bool readRows(QSqlQuery& query, const QString& sql, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error)
{
    return prepareRead(query, sql, what, error) && readRows(query, values, what, onRow, error);
}

} // namespace foyer::storage
