#include "ConfirmationNumber.h"

namespace foyer::core {

QString ConfirmationNumber::format(const QString& workstationPrefix, qint64 counter)
{
    return QStringLiteral("%1-%2").arg(workstationPrefix).arg(counter, 6, 10, QLatin1Char('0'));
}

QString ConfirmationNumber::prefixFromDatabaseId(const QString& databaseIdHex)
{
    return databaseIdHex.left(6).toUpper();
}

} // namespace foyer::core
