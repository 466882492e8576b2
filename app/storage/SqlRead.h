#pragma once

#include "StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace foyer::storage {

// Runs a SELECT and hands each row to `row`. False, with the driver's message in error, when the statement is
// refused (prepare, bind or first step) or a later step fails: a failed read is an error, never an empty result.
template <typename RowFn> bool readRows(QSqlQuery& query, QString* error, RowFn&& row)
{
    if (!query.exec())
        return fail(error, query.lastError().text());
    while (query.next())
        row(query);
    if (query.lastError().isValid())
        return fail(error, query.lastError().text());
    return true;
}

// Runs a prepared query and steps to its first row: *found says whether there is one. False, with the driver's
// message, when the statement is refused, so "no such row" and "could not be read" never look the same.
inline bool readFirst(QSqlQuery& query, bool* found, QString* error)
{
    *found = false;
    if (!query.exec())
        return fail(error, query.lastError().text());
    *found = query.next();
    if (!*found && query.lastError().isValid())
        return fail(error, query.lastError().text());
    return true;
}

// Prepares `sql` as a forward-only query, binds `values` in order and reads every row.
template <typename RowFn>
bool readRows(const QSqlDatabase& db, const QString& sql, const QVariantList& values, QString* error, RowFn&& row)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(error, query.lastError().text());
    for (const QVariant& value : values)
        query.addBindValue(value);
    return readRows(query, error, std::forward<RowFn>(row));
}

} // namespace foyer::storage
