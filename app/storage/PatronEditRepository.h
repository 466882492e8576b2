#pragma once

#include "ContactDetailsForm.h"
#include "PersonalDetailsRules.h"
#include "PostalAddress.h"

#include <QSqlDatabase>

namespace foyer::storage {

// Saves the details panel's blocks. Each save is one transaction: the rows, the patron's search keys, a history
// event naming old and new values, the audit row and the outbox entry. A form with any problem changes nothing.
class PatronEditRepository
{
public:
    explicit PatronEditRepository(QSqlDatabase db);

    // Names, pronouns, birthday, organisation, preferred contact, alumni year, email subscription, and the household
    // name (typing one for a patron without a household starts one; renaming renames it for every member).
    bool savePersonalDetails(const QString& patronId, const core::PersonalDetailsForm& form,
                             const QString& householdName, const QString& actorId, QString* error);
    // Emails added, dropped (never the original) and which is primary; home and cell phone set or removed.
    bool saveContactDetails(const QString& patronId, const core::ContactDetailsForm& form, const QString& actorId,
                            QString* error);
    // The patron's addresses as staff left them: new ones (no id) added, changed ones updated, missing ones removed,
    // exactly one primary (the first marked, else the first).
    bool saveAddresses(const QString& patronId, QList<core::PostalAddress> addresses, const QString& actorId,
                       QString* error);

private:
    bool recordEdit(const QString& patronId, const QString& entity, const QString& entityId, const QStringList& changes,
                    const QVariantMap& payload, const QString& actorId, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
