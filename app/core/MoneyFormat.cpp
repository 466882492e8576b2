#include "MoneyFormat.h"

#include <QLocale>

namespace foyer::core {

QString MoneyFormat::amount(qint64 minor)
{
    const QLocale locale;
    const qint64 magnitude = minor < 0 ? -minor : minor;
    return (minor < 0 ? locale.negativeSign() : QString()) + locale.toString(magnitude / 100) + locale.decimalPoint() +
           QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

} // namespace foyer::core
