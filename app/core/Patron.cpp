#include "Patron.h"

#include <QStringList>

namespace foyer::core {

QString Patron::displayName() const
{
    const QString first = preferredName.isEmpty() ? firstName : preferredName;
    QString name = QString(first + u' ' + lastName).trimmed();
    if (name.isEmpty())
        name = organisation;
    return name;
}

QString Patron::fullName() const
{
    QStringList parts;
    for (const QString& part : {title, firstName, middleName, lastName, suffix})
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    return parts.isEmpty() ? organisation : parts.join(u' ');
}

} // namespace foyer::core
