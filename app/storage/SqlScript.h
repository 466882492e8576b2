#pragma once

#include <QStringList>

namespace foyer::storage {

// Splits an SQL script into statements at top-level ';', so that one migration file can run through any Qt Sql
// driver. Quotes ('...', "...", `...`, [...]) and comments (-- and /* */) are respected; triggers (BEGIN ... END;)
// are not supported and must not appear in migrations.
class SqlScript
{
public:
    static QStringList split(const QString& script);
};

} // namespace foyer::storage
