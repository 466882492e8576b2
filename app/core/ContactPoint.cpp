#include "ContactPoint.h"

namespace foyer::core {

QString ContactPoint::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Email:
        return QStringLiteral("email");
    case Kind::HomePhone:
        return QStringLiteral("home");
    case Kind::CellPhone:
        return QStringLiteral("cell");
    case Kind::WorkPhone:
        return QStringLiteral("work");
    case Kind::OtherPhone:
        return QStringLiteral("other");
    }
    return QString();
}

ContactPoint::Kind ContactPoint::kindFromName(const QString& name)
{
    if (name == QLatin1String("home"))
        return Kind::HomePhone;
    if (name == QLatin1String("cell"))
        return Kind::CellPhone;
    if (name == QLatin1String("work"))
        return Kind::WorkPhone;
    if (name == QLatin1String("other"))
        return Kind::OtherPhone;
    return Kind::Email;
}

} // namespace foyer::core
