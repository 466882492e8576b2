#include "SqlRead.h"

#include "StorageFailure.h"

#include <QCoreApplication>
#include <QSqlError>

namespace foyer::storage {

namespace {

// "Cannot read <what>: <reason>", from the driver's own reason.
bool readFailed(const QString& what, const QString& reason, QString* error)
{
    const QString why =
        reason.isEmpty() ? QCoreApplication::translate("foyer::storage::SqlRead", "the statement did not run") : reason;
    return fail(error, QCoreApplication::translate("foyer::storage::SqlRead", "Cannot read %1: %2").arg(what, why));
}

} // namespace

bool prepareRead(QSqlQuery& query, const QString& sql, const QString& what, QString* error)
{
    QString reason;
    return prepareQuery(query, sql, &reason) || readFailed(what, reason, error);
}

bool readRows(QSqlQuery& query, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error)
{
    for (const QVariant& value : values)
        query.addBindValue(value);
    QString reason;
    if (!readRows(query, &reason, onRow))
        return readFailed(what, reason, error);
    query.finish();
    return true;
}

bool readRows(QSqlQuery& query, const QString& sql, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error)
{
    return prepareRead(query, sql, what, error) && readRows(query, values, what, onRow, error);
}

} // namespace foyer::storage
