#pragma once

#include "KeyStore.h"
#include "SecureBuffer.h"
#include "StaffMember.h"
#include "StaffRepository.h"
#include "SyncEndpoint.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <optional>

namespace foyer::startup {

// Signing staff in, and creating accounts. A standalone workstation checks its local accounts (Argon2id hashes). A
// registered one (useServer) asks the venue's server first, with a short timeout: when the server answers it decides
// (a wrong password, a locked or disabled account is refused with its message, whatever the local verifier says),
// the session token goes to the keychain for the sync worker, and the local cache row of the account gets the
// server's id and role and a fresh verifier of the password typed, so the next offline sign-in works. When the
// server cannot be reached (or cannot decide: 5xx), the local verifier decides: offline sign-in, work queues.
class StaffSignIn
{
    Q_DECLARE_TR_FUNCTIONS(foyer::startup::StaffSignIn)
public:
    struct Server
    {
        QSqlDatabase db; // the window's connection: the staff cache is written there
        sync::SyncEndpoint endpoint;
        QString databaseId;    // names the keychain entry of the session token
        QString workstationId; // the registration's, sent with the sign-in
        security::KeyStore keyStore;
        int timeoutMs = 5000;
    };

    explicit StaffSignIn(storage::StaffRepository* staff);

    // Sign in at this server first (a registered workstation).
    void useServer(Server server) { m_server = std::move(server); }
    // Whether the last successful signIn was decided by the server (false: offline, by the local verifier).
    bool lastSignInOnline() const { return m_lastOnline; }

    // Whether any staff account exists; none when the accounts could not be read (then error says why). An unreadable
    // staff table must never open the "create the first administrator" dialog.
    std::optional<bool> hasAccounts(QString* error);
    // The member on success; otherwise nullopt and one message that does not say which of the two was wrong.
    // Passwords come as UTF-8 in locked memory (core::SecureBuffer::fromUtf8 right where they are typed or read).
    std::optional<core::StaffMember> signIn(const QString& username, const core::SecureBuffer& password,
                                            QString* error);
    bool createAccount(const core::StaffMember& member, const core::SecureBuffer& password, QString* error);
    // Ends the signed-in session: on a registered workstation the server's (POST /v1/sign-out) and its token in the
    // keychain, which goes even when the server cannot be reached (the session then expires there on its own). False
    // with the reason when the server could not be told; the workstation is signed out either way.
    bool signOut(QString* error);

private:
    enum class Online
    {
        SignedIn,
        Refused,
        Unreachable
    };
    Online signInOnline(const QString& username, const core::SecureBuffer& password, core::StaffMember* member,
                        QString* error);
    std::optional<core::StaffMember> signInLocally(const QString& username, const core::SecureBuffer& password,
                                                   QString* error);

    storage::StaffRepository* m_staff;
    std::optional<Server> m_server;
    bool m_lastOnline = false;
};

} // namespace foyer::startup
