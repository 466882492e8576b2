#include "StaffSignIn.h"

#include "PasswordHasher.h"
#include "ServerSignIn.h"
#include "SessionTokenVault.h"
#include "StaffDirectoryCache.h"
#include "SyncHttpClient.h"
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
    m_lastOnline = false;
    if (m_server) {
        core::StaffMember member;
        switch (signInOnline(username, password, &member, error)) {
        case Online::SignedIn:
            m_lastOnline = true;
            return member;
        case Online::Refused:
            return std::nullopt;
        case Online::Unreachable:
            break;
        }
    }
    return signInLocally(username, password, error);
}

StaffSignIn::Online StaffSignIn::signInOnline(const QString& username, const core::SecureBuffer& password,
                                              core::StaffMember* member, QString* error)
{
    sync::SyncEndpoint endpoint = m_server->endpoint;
    endpoint.timeoutMs = m_server->timeoutMs;
    sync::SyncHttpClient http(endpoint);
    // The session this sign-in replaces (an earlier one, or a colleague's at a locked window) ends once it succeeds.
    QByteArray replacedToken;
    if (const security::KeyStore::Result kept =
            sync::SessionTokenVault(m_server->databaseId, m_server->keyStore).read();
        kept.ok())
        replacedToken = sync::SessionTokenVault::tokenText(kept.key);
    const sync::ServerSignIn::Outcome outcome = sync::ServerSignIn(&http, m_server->databaseId, m_server->keyStore)
                                                    .signIn(username.trimmed(), password, m_server->workstationId);
    const sync::HttpResult& reply = outcome.reply;
    // Not reached, or reached but unable to decide (its database is down): the local verifier decides.
    if (reply.kind != sync::HttpResult::Kind::Answered || reply.status >= 500)
        return Online::Unreachable;
    if (!reply.ok()) {
        // The server is the authority: wrong password (401; a disabled account is one the server cannot sign in)
        // or locked (423), in its own words. After a 401 the local verifier of that username goes too: a password
        // the server no longer takes (changed or reset there, or the account disabled) must not work offline.
        if (reply.status == 401) {
            QString dropError;
            if (!storage::StaffDirectoryCache(m_server->db).dropVerifier(username, &dropError)) {
                if (error)
                    *error = tr("%1 (the offline sign-in of this account could not be removed: %2)")
                                 .arg(reply.describe(), dropError);
                return Online::Refused;
            }
        }
        if (error)
            *error = reply.status == 401 || reply.status == 423
                         ? reply.describe()
                         : tr("The venue server refused the sign-in: %1").arg(reply.describe());
        return Online::Refused;
    }
    // A fresh local verifier of the password just accepted, so the next sign-in without the server works.
    const QString hash = security::PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        if (error)
            *error = tr("The password could not be protected (not enough memory for Argon2id).");
        return Online::Refused;
    }
    QString storeError;
    if (!storage::StaffDirectoryCache(m_server->db).storeSignedIn(outcome.staff, hash, &storeError)) {
        if (error)
            *error = tr("The staff account could not be stored on this workstation: %1").arg(storeError);
        return Online::Refused;
    }
    // A keychain that refused the token (outcome.storeProblem) does not stop the sign-in: the sync worker says
    // "sign in while the server can be reached" until a later sign-in stores one.
    *member = storage::StaffDirectoryCache::memberFrom(outcome.staff);
    if (!replacedToken.isEmpty() && outcome.storeProblem.isEmpty())
        http.post(QStringLiteral("/v1/sign-out"), QJsonObject(), replacedToken); // unanswered: it expires there
    return Online::SignedIn;
}

std::optional<core::StaffMember> StaffSignIn::signInLocally(const QString& username, const core::SecureBuffer& password,
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

bool StaffSignIn::signOut(QString* error)
{
    m_lastOnline = false;
    if (!m_server)
        return true;
    sync::SyncEndpoint endpoint = m_server->endpoint;
    endpoint.timeoutMs = m_server->timeoutMs;
    sync::SyncHttpClient http(endpoint);
    const sync::HttpResult reply = sync::ServerSignIn(&http, m_server->databaseId, m_server->keyStore).signOut();
    // 401: the server had ended the session already (expired, revoked); that is signed out too.
    if (reply.ok() || (reply.kind == sync::HttpResult::Kind::Answered && reply.status == 401))
        return true;
    if (error)
        *error = tr("The venue server was not told of the sign-out (%1); the session there ends when it expires.")
                     .arg(reply.describe());
    return false;
}

} // namespace foyer::startup
