#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace foyer::storage {

// An empty text as SQL NULL (optional columns).
QVariant textOrNull(const QString& text);
// Binds the values in order and runs the prepared query; false with the database's message in error.
bool runBound(QSqlQuery& query, const QVariantList& values, QString* error);

} // namespace foyer::storage
