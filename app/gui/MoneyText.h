#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace foyer::gui {

// How the screens write amounts and times: minor units shown in the locale's format (amounts stay integers
// everywhere else), UTC times shown in local time.
class MoneyText
{
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::MoneyText)
public:
    static QString amount(qint64 minor);
    static QString localTime(const QDateTime& utc);
    static QString localDate(const QDate& date);
    // An em dash for an empty value, so a blank is visibly "none" rather than "not loaded".
    static QString orDash(const QString& text);
};

} // namespace foyer::gui
