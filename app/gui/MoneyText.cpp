#include "MoneyText.h"

#include "MoneyFormat.h"

#include <QLocale>

namespace foyer::gui {

QString MoneyText::amount(qint64 minor)
{
    return core::MoneyFormat::amount(minor);
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
