#pragma once

#include "StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

// Prepares the statement; false, with the database's reason (e.g. "no such table"), when it cannot be.
inline bool prepareQuery(QSqlQuery& query, const QString& sql, QString* error)
{
    return query.prepare(sql) || fail(error, query.lastError().text());
}

// Reads every row of a query that has run, handing each to `row`; false, with the database's message in error,
// when a row could not be read. A read that fails part-way is an error, never a short or empty result.
template <typename Row> bool readRows(QSqlQuery& query, QString* error, Row&& row)
{
    while (query.next())
        row(query);
    return !query.lastError().isValid() || fail(error, query.lastError().text());
}

} // namespace foyer::storage
