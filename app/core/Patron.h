#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace foyer::core {

// A person or organisation the venue knows. Only the fields the foundation needs; the profile adds the rest.
struct Patron
{
    QString id; // UUIDv7 text
    qint64 patronNumber = 0;
    QString firstName;
    QString lastName;
    QString preferredName;
    QString organisation;
    QString originalEmail;
    QString source;
    QDateTime createdAt; // UTC

    QString displayName() const;
};

} // namespace foyer::core
