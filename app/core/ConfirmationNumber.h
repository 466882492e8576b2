#pragma once

#include <QString>

namespace foyer::core {

// Confirmation numbers are made at the workstation, offline too: the workstation's prefix (unique per workstation)
// and its own counter, e.g. "3F9A0C-000127". Two workstations never make the same number, without asking anyone.
class ConfirmationNumber
{
public:
    static QString format(const QString& workstationPrefix, qint64 counter);
    // A prefix from the workstation database's id (random bytes): the first six hex digits, upper case.
    static QString prefixFromDatabaseId(const QString& databaseIdHex);
};

} // namespace foyer::core
