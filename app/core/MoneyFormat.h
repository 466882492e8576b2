#pragma once

#include <QString>

namespace foyer::core {

// Minor units written in the current locale ("1,234.50"), from integers only: no floating point between the
// database and what staff and patrons read.
class MoneyFormat
{
public:
    static QString amount(qint64 minor);
};

} // namespace foyer::core
