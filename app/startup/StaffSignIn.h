#pragma once

#include "SecureBuffer.h"
#include "StaffMember.h"
#include "StaffRepository.h"

#include <QCoreApplication>
#include <optional>

namespace foyer::startup {

// Signing staff in against the local accounts (Argon2id hashes), and creating accounts.
class StaffSignIn
{
    Q_DECLARE_TR_FUNCTIONS(foyer::startup::StaffSignIn)
public:
    explicit StaffSignIn(storage::StaffRepository* staff);

    // Whether any staff account exists; none when the accounts could not be read (then error says why). An unreadable
    // staff table must never open the "create the first administrator" dialog.
    std::optional<bool> hasAccounts(QString* error);
    // The member on success; otherwise nullopt and one message that does not say which of the two was wrong.
    // Passwords come as UTF-8 in locked memory (core::SecureBuffer::fromUtf8 right where they are typed or read).
    std::optional<core::StaffMember> signIn(const QString& username, const core::SecureBuffer& password,
                                            QString* error);
    bool createAccount(const core::StaffMember& member, const core::SecureBuffer& password, QString* error);

private:
    storage::StaffRepository* m_staff;
};

} // namespace foyer::startup
