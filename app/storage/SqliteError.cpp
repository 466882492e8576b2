#include "SqliteError.h"

#include <sqlite3.h>

namespace foyer::storage {

QSqlError makeSqliteError(sqlite3* db, int code, const QString& context, QSqlError::ErrorType type)
{
    const QString message = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(code));
    const int extended = db ? sqlite3_extended_errcode(db) : code;
    return QSqlError(context, message, type, QString::number(extended));
}

} // namespace foyer::storage
