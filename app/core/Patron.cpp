#include "Patron.h"

namespace foyer::core {

QString Patron::displayName() const
{
    const QString first = preferredName.isEmpty() ? firstName : preferredName;
    QString name = QString(first + u' ' + lastName).trimmed();
    if (name.isEmpty())
        name = organisation;
    return name;
}

} // namespace foyer::core
