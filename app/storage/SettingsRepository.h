#pragma once

#include "NewPatronRules.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace foyer::storage {

// Venue settings kept in the local database (the server will sync them to every workstation). A change is audited
// and queued for sync in one transaction.
class SettingsRepository
{
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::SettingsRepository)
public:
    // "email", "phone", "email,phone" or empty: what the quick New patron form requires besides a name.
    static constexpr const char* NewPatronRequires = "new_patron_requires";
    // Who is told when a member's registered details change.
    static constexpr const char* MembershipManagerEmail = "membership_manager_email";
    // "on": membership seats need the member's registered email (and password) when the order is confirmed.
    static constexpr const char* MemberAuthentication = "member_authentication";

    // The venue's IANA time zone (e.g. "Pacific/Auckland"): where its days begin and end (day sheet, presale days,
    // "today" in reports). Empty: the workstation's zone.
    static constexpr const char* VenueTimeZone = "venue_time_zone";
    // Minutes without keyboard or mouse input after which a workstation's window locks itself; 0 never.
    static constexpr const char* LockIdleMinutes = "lock_idle_minutes";
    static constexpr int DefaultLockIdleMinutes = 10;
    static constexpr int MaxLockIdleMinutes = 24 * 60;

    explicit SettingsRepository(QSqlDatabase db);

    // The fallback when the setting was never set. A failed read also gives the fallback, and says why in error:
    // callers that act on a setting pass one.
    QString value(const QString& name, const QString& fallback, QString* error);
    // Refuses names it does not know and values a known setting cannot take.
    bool setValue(const QString& name, const QString& value, const QString& actorId, QString* error);
    // A failed read gives the default rules and says why in error.
    core::NewPatronRules newPatronRules(QString* error);
    // Sets core::Clock's venue zone from the stored setting (the workstation's zone when unset); false, with the
    // cause, when the setting cannot be read or names a zone this system does not know.
    bool loadVenueTimeZone(QString* error);
    // lock_idle_minutes; a failed read or a stored value that is not 0..MaxLockIdleMinutes gives the default and says
    // why in error (locking is never turned off by a fault).
    int lockIdleMinutes(QString* error);
    // A workstation secret (the ticket-signing key): made once by `make`, kept in the encrypted database, never
    // audited or queued for sync (the server only ever sees its public key, which the venue certifies). Empty, with the
    // cause in error, when it can be neither read nor stored.
    QString secret(const QString& name, const std::function<QString()>& make, QString* error);
    static constexpr const char* TicketSigningKey = "ticket_signing_key";
    // The venue's certificate of that key (base64url, public; WorkstationIdentity stores it): tickets are then FOYER2.
    static constexpr const char* TicketCertificate = "ticket_certificate";
    static constexpr const char* VenueName = "venue_name";

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
