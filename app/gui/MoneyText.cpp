#include "MoneyText.h"

#include "Clock.h"
#include "MoneyFormat.h"

#include <QLocale>

namespace foyer::gui {

QString MoneyText::amount(qint64 minor)
{
    return core::MoneyFormat::amount(minor);
}

QString MoneyText::localTime(const QDateTime& utc)
{
    // The venue's wall clock: a performance at 19:30 reads 19:30 whatever zone the workstation is set to.
    const QDateTime local = core::Clock::atVenue(utc);
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
