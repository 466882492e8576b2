#include "StaffSignIn.h"

#include "PasswordHasher.h"
#include "UuidV7.h"

namespace foyer::startup {

StaffSignIn::StaffSignIn(storage::StaffRepository* staff)
    : m_staff(staff)
{
}

std::optional<bool> StaffSignIn::hasAccounts(QString* error)
{
    QString readError;
    const qint64 accounts = m_staff->count(&readError);
    if (accounts < 0) {
        if (error)
            *error = tr("The staff accounts could not be read: %1").arg(readError);
        return std::nullopt;
    }
    return accounts > 0;
}

std::optional<core::StaffMember> StaffSignIn::signIn(const QString& username, const core::SecureBuffer& password,
                                                     QString* error)
{
    QString readError;
    const std::optional<storage::StaffRepository::Account> account = m_staff->findByUsername(username, &readError);
    if (!readError.isEmpty()) {
        // An unreadable staff table is not "wrong password": say what failed.
        if (error)
            *error = tr("The staff accounts could not be read: %1").arg(readError);
        return std::nullopt;
    }
    // Verify against a real hash even for an unknown name, so timing does not tell which names exist.
    static const QString decoy =
        security::PasswordHasher::hash(core::SecureBuffer::copyOf(QByteArrayView("decoy password for timing")));
    const bool matches = security::PasswordHasher::verify(password, account ? account->passwordHash : decoy);
    if (!account || !matches || !account->active) {
        if (error)
            *error = account && matches ? tr("This staff account is disabled.") : tr("Wrong user name or password.");
        return std::nullopt;
    }
    return account->member;
}

bool StaffSignIn::createAccount(const core::StaffMember& member, const core::SecureBuffer& password, QString* error)
{
    if (member.username.trimmed().isEmpty() || member.displayName.trimmed().isEmpty()) {
        if (error)
            *error = tr("Enter a user name and the name colleagues know.");
        return false;
    }
    if (const QString problem = security::PasswordHasher::strengthProblem(password); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    QString readError;
    const bool taken = m_staff->findByUsername(member.username, &readError).has_value();
    if (!readError.isEmpty()) {
        // Could not tell whether the name is free: refuse rather than risk a second account under it.
        if (error)
            *error = tr("Cannot check whether the user name is free: %1").arg(readError);
        return false;
    }
    if (taken) {
        if (error)
            *error = tr("The user name %1 is taken.").arg(member.username.trimmed().toLower());
        return false;
    }
    const QString hash = security::PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        if (error)
            *error = tr("The password could not be protected (not enough memory for Argon2id).");
        return false;
    }
    core::StaffMember stored = member;
    if (stored.id.isEmpty())
        stored.id = core::UuidV7::generateText();
    return m_staff->create(stored, hash, error);
}

} // namespace foyer::startup
