#pragma once

#include <QSqlError>

struct sqlite3;

namespace foyer::storage {

// Builds a QSqlError carrying SQLite's extended result code (as nativeErrorCode) and message.
QSqlError makeSqliteError(sqlite3* db, int code, const QString& context, QSqlError::ErrorType type);

} // namespace foyer::storage
