#pragma once

#include <QString>

namespace foyer::storage {

// Sets *error (when given) and returns false, so a failing step reads `return fail(error, message)`.
inline bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace foyer::storage
