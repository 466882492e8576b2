#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace foyer::core {

// A person or organisation the venue knows (the patron table's own columns).
struct Patron
{
    QString id; // UUIDv7 text
    qint64 patronNumber = 0;
    QString title;
    QString firstName;
    QString middleName;
    QString lastName;
    QString suffix;
    QString preferredName;
    QString nickname;
    QString pronouns;
    QDate birthday;
    QString organisation;
    QString originalEmail;          // the address the patron was created with; never changes
    QString preferredContactMethod; // free text: "call on home phone after 5 pm"
    bool emailSubscription = false;
    int alumniYear = 0; // 0: none
    QString source;     // donation, ticket_purchase, upload, box_office, online, portal
    QString householdId;
    QString contactOwnerId;
    QDateTime createdAt; // UTC

    // What staff call the patron: preferred name (else first name) and last name, or the organisation.
    QString displayName() const;
    // Every name part, in order: "Dr Ada M. Lovelace Jr".
    QString fullName() const;
};

} // namespace foyer::core
