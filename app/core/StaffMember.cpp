#include "StaffMember.h"

namespace foyer::core {

QString StaffMember::roleCode(Role role)
{
    switch (role) {
    case Role::BoxOffice:
        return QStringLiteral("box_office");
    case Role::Development:
        return QStringLiteral("development");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

StaffMember::Role StaffMember::roleFromCode(const QString& code)
{
    if (code == QLatin1String("development"))
        return Role::Development;
    if (code == QLatin1String("manager"))
        return Role::Manager;
    if (code == QLatin1String("admin"))
        return Role::Admin;
    return Role::BoxOffice;
}

QString StaffMember::roleLabel(Role role)
{
    switch (role) {
    case Role::BoxOffice:
        return QCoreApplication::translate("foyer::core::StaffMember", "Box office");
    case Role::Development:
        return QCoreApplication::translate("foyer::core::StaffMember", "Development");
    case Role::Manager:
        return QCoreApplication::translate("foyer::core::StaffMember", "Manager");
    case Role::Admin:
        return QCoreApplication::translate("foyer::core::StaffMember", "Administrator");
    }
    return QString();
}

} // namespace foyer::core
