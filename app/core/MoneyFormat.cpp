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

bool MoneyFormat::parse(const QString& text, qint64* minor)
{
    const QLocale locale;
    QString plain = text.trimmed();
    plain.remove(locale.groupSeparator());
    const qsizetype point = plain.indexOf(locale.decimalPoint());
    const QString whole = point < 0 ? plain : plain.left(point);
    const QString fraction = point < 0 ? QString() : plain.mid(point + locale.decimalPoint().size());
    if ((whole.isEmpty() && fraction.isEmpty()) || whole.size() > 12 || fraction.size() > 2)
        return false;
    const QString digits = whole + fraction;
    for (const QChar c : digits)
        if (c < u'0' || c > u'9')
            return false;
    *minor = whole.toLongLong() * 100 + QString(fraction + QStringLiteral("00")).left(2).toLongLong();
    return true;
}

} // namespace foyer::core
