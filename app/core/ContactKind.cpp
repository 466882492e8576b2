#include "ContactKind.h"

namespace foyer::core {

QStringList ContactKind::codes()
{
    return {QStringLiteral("in_person"), QStringLiteral("meeting"), QStringLiteral("phone"), QStringLiteral("email"),
            QStringLiteral("gift")};
}

QString ContactKind::label(const QString& code)
{
    if (code == QLatin1String("in_person"))
        return tr("In person");
    if (code == QLatin1String("meeting"))
        return tr("Meeting");
    if (code == QLatin1String("phone"))
        return tr("Phone call");
    if (code == QLatin1String("email"))
        return tr("Email");
    if (code == QLatin1String("gift"))
        return tr("Gift");
    return code;
}

} // namespace foyer::core
