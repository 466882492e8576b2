#pragma once

#include "StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>
#include <functional>

namespace foyer::storage {

// Reads that report their failure: a statement the driver refuses, a locked database or a row that cannot be fetched
// is an error naming what was being read, never an empty result (which a caller would take for "nothing there").
//
// Prepares sql; false with "Cannot read <what>: <reason>" in error.
bool prepareRead(QSqlQuery& query, const QString& sql, const QString& what, QString* error);
// Binds values, runs the prepared read and hands each row to onRow; false (and why in error) when it could not run or
// a row could not be fetched.
bool readRows(QSqlQuery& query, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error);
// prepareRead and readRows in one.
bool readRows(QSqlQuery& query, const QString& sql, const QVariantList& values, const QString& what,
              const std::function<void(const QSqlQuery&)>& onRow, QString* error);

// The same, for reads whose message is the driver's own (the repositories of the profile).
// Runs a SELECT and hands each row to `row`. False, with the driver's message in error, when the statement is
// refused (prepare, bind or first step) or a later step fails: a failed read is an error, never an empty result.
// The one place rows are stepped: the labelled readRows above is built on it.
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

// Prepares a statement (a read or a write) whose failure carries the driver's own reason (e.g. "no such table").
inline bool prepareQuery(QSqlQuery& query, const QString& sql, QString* error)
{
    return query.prepare(sql) || fail(error, query.lastError().text());
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
    if (!prepareQuery(query, sql, error))
        return false;
    for (const QVariant& value : values)
        query.addBindValue(value);
    return readRows(query, error, std::forward<RowFn>(row));
}

} // namespace foyer::storage
