#pragma once

#include "PatronRepository.h"
#include "UuidV7.h"

// Known patrons for search and GUI tests, created the way staff create them (with history, audit and outbox rows).
namespace foyer::testing {

inline QString addPatron(storage::PatronRepository& patrons, const QString& first, const QString& last,
                         const QString& email, const QString& phone, const QString& organisation = QString())
{
    core::Patron patron;
    patron.id = core::UuidV7::generateText();
    QString error;
    patron.patronNumber = patrons.nextPatronNumber(&error);
    if (patron.patronNumber < 0)
        qFatal("cannot number a test patron: %s", qPrintable(error));
    patron.firstName = first;
    patron.lastName = last;
    patron.organisation = organisation;
    patron.originalEmail = email;
    patron.source = QStringLiteral("box_office");
    patron.createdAt = QDateTime::currentDateTimeUtc();
    QList<core::ContactPoint> contacts;
    if (!email.isEmpty())
        contacts.append({QString(), core::ContactPoint::Kind::Email, email, true, true});
    if (!phone.isEmpty())
        contacts.append({QString(), core::ContactPoint::Kind::HomePhone, phone, true, false});
    if (!patrons.createPatron(patron, contacts, QString(), &error))
        qFatal("cannot create test patron: %s", qPrintable(error));
    return patron.id;
}

} // namespace foyer::testing
