#pragma once

#include "ContactPoint.h"
#include "Patron.h"
#include "PostalAddress.h"

#include <QList>
#include <QStringList>

namespace foyer::core {

// Everything the profile's details panel shows about one patron.
struct PatronProfile
{
    Patron patron;
    QList<ContactPoint> emails;
    QList<ContactPoint> phones;
    QList<PostalAddress> addresses; // primary first
    QStringList tags;
    QString householdName;
    QString contactOwnerName;
};

} // namespace foyer::core
