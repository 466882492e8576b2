#pragma once

#include "NewPatronRules.h"

#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace foyer::storage {

// Venue settings kept in the local database (the server will sync them to every workstation). A change is audited
// and queued for sync in one transaction.
class SettingsRepository
{
public:
    // "email", "phone", "email,phone" or empty: what the quick New patron form requires besides a name.
    static constexpr const char* NewPatronRequires = "new_patron_requires";
    // Who is told when a member's registered details change.
    static constexpr const char* MembershipManagerEmail = "membership_manager_email";
    // "on": membership seats need the member's registered email (and password) when the order is confirmed.
    static constexpr const char* MemberAuthentication = "member_authentication";

    explicit SettingsRepository(QSqlDatabase db);

    QString value(const QString& name, const QString& fallback = QString());
    // Refuses names it does not know and values a known setting cannot take.
    bool setValue(const QString& name, const QString& value, const QString& actorId, QString* error);
    core::NewPatronRules newPatronRules();
    // A workstation secret (the ticket-signing key): made once by `make`, kept in the encrypted database, never
    // audited or queued for sync (the server will hold the venue's own key).
    QString secret(const QString& name, const std::function<QString()>& make);
    static constexpr const char* TicketSigningKey = "ticket_signing_key";
    static constexpr const char* VenueName = "venue_name";

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
