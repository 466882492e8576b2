#pragma once

#include <QSqlQuery>
#include <QString>
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

} // namespace foyer::storage
