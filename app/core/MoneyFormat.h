#pragma once

#include <QString>

namespace foyer::core {

// Minor units written in the current locale ("1,234.50"), from integers only: no floating point between the
// database and what staff and patrons read.
class MoneyFormat
{
public:
    static QString amount(qint64 minor);
    // What staff type ("143", "143.5", "1,234.50" in the current locale) as minor units; false for anything else
    // (letters, a sign, more than two decimals).
    static bool parse(const QString& text, qint64* minor);
};

} // namespace foyer::core
