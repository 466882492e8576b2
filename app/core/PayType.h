#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace foyer::core {

// How one seat of an order is paid. A membership seat is priced 0 and covered by the member's seat credits.
class PayType
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::PayType)
public:
    static QStringList codes(); // credit_card, cash, check, gift_card, membership (the database's spelling)
    static QString label(const QString& code);
    static bool isMembership(const QString& code) { return code == QLatin1String("membership"); }
};

} // namespace foyer::core
