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

    qint64 count();
    bool create(const core::StaffMember& member, const QString& passwordHash, QString* error);
    std::optional<Account> findByUsername(const QString& username);
    // Everyone who can be assigned work (tasks, contact ownership), by name.
    QList<core::StaffMember> activeMembers();

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
