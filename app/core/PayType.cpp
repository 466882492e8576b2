#include "PayType.h"

namespace foyer::core {

QStringList PayType::codes()
{
    return {QStringLiteral("credit_card"), QStringLiteral("cash"), QStringLiteral("check"), QStringLiteral("gift_card"),
            QStringLiteral("membership")};
}

QString PayType::label(const QString& code)
{
    if (code == QLatin1String("credit_card"))
        return tr("Credit card");
    if (code == QLatin1String("cash"))
        return tr("Cash");
    if (code == QLatin1String("check"))
        return tr("Check");
    if (code == QLatin1String("gift_card"))
        return tr("Gift card");
    if (code == QLatin1String("membership"))
        return tr("Membership");
    return code;
}

} // namespace foyer::core
