#pragma once

#include "StaffMember.h"

#include <QSqlDatabase>
#include <optional>

namespace foyer::storage {

// Staff accounts in the local database (until the server holds them). Stores only the Argon2id hash it is given.
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

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
