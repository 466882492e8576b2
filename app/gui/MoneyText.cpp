#include "MoneyText.h"

#include <QLocale>

namespace foyer::gui {

QString MoneyText::amount(qint64 minor)
{
    // Whole and fractional parts from integers: no floating point between the database and the screen.
    const QLocale locale;
    const qint64 whole = (minor < 0 ? -minor : minor) / 100;
    const qint64 cents = (minor < 0 ? -minor : minor) % 100;
    return (minor < 0 ? locale.negativeSign() : QString()) + locale.toString(whole) + locale.decimalPoint() +
           QStringLiteral("%1").arg(cents, 2, 10, QLatin1Char('0'));
}

QString MoneyText::localTime(const QDateTime& utc)
{
    const QDateTime local = utc.toLocalTime();
    return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' +
           local.time().toString(QStringLiteral("HH:mm"));
}

QString MoneyText::localDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : orDash(QString());
}

QString MoneyText::orDash(const QString& text)
{
    return text.trimmed().isEmpty() ? QStringLiteral("\u2014") : text;
}

} // namespace foyer::gui
