#pragma once

#include <QString>

namespace foyer::storage {

// One row of the patron search list.
struct PatronSearchHit
{
    QString patronId;
    QString displayName;
    qint64 patronNumber = 0;
    QString organisation;
    QString email;      // primary, else original
    QString phone;      // primary
    QString matchedKey; // the search key that matched; the cursor for the next page
};

} // namespace foyer::storage
