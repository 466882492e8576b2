#include "SqlBinding.h"

#include "StorageFailure.h"

#include <QSqlError>

namespace foyer::storage {

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

bool runBound(QSqlQuery& query, const QVariantList& values, QString* error)
{
    for (const QVariant& value : values)
        query.addBindValue(value);
    return query.exec() || fail(error, query.lastError().text());
}

} // namespace foyer::storage
