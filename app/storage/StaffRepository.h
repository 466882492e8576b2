#pragma once

#include "StaffMember.h"

#include <QSqlDatabase>
#include <optional>

namespace foyer::storage {

// Staff accounts in the local database: on a standalone workstation the accounts themselves, on a registered one a
// cache of the server's directory with local verifiers for offline sign-in (StaffDirectoryCache keeps it). Stores
// only the Argon2id hash it is given.
class StaffRepository
{
public:
    struct Account
    {
        core::StaffMember member;
        QString passwordHash;
        bool active = true;
    };

    explicit StaffRepository(QSqlDatabase db);

    // The active accounts; -1 when they could not be read, with the driver's reason in error. A caller must not take
    // an unreadable staff table for "no accounts yet" (that would offer to create a first administrator).
    qint64 count(QString* error);
    bool create(const core::StaffMember& member, const QString& passwordHash, QString* error);
    // None when there is no such account, or when the read failed: then error says why.
    std::optional<Account> findByUsername(const QString& username, QString* error);
    // Everyone who can be assigned work (tasks, contact ownership), by name; a failed read returns nobody and says
    // why in error.
    QList<core::StaffMember> activeMembers(QString* error);
    // Every account with a local verifier (disabled ones too), by username: what a standalone workstation uploads
    // when it is registered (POST /v1/staff/import). Nullopt when they could not be read.
    std::optional<QList<Account>> accountsWithVerifiers(QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
