#pragma once

#include "KeyStore.h"
#include "SecureBuffer.h"
#include "SyncHttpClient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace foyer::sync {

// Signs a staff member in at the venue's server; on success the session token goes to the keychain (never a
// file) and the caller gets the server's account record (id, username, display name, email, role).
class ServerSignIn
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::ServerSignIn)
public:
    struct Outcome
    {
        HttpResult reply;     // Answered 200 when signed in; otherwise why not (401 wrong password, 423 locked)
        QJsonObject staff;    // the server's record of the staff member
        QString storeProblem; // the keychain refused the token
        bool ok() const { return reply.ok() && storeProblem.isEmpty(); }
    };

    ServerSignIn(SyncHttpClient* http, QString databaseId, security::KeyStore keyStore = security::KeyStore());

    Outcome signIn(const QString& username, const core::SecureBuffer& password, const QString& workstationId);
    // Ends the session whose token the keychain holds (POST /v1/sign-out) and forgets the token, whatever the server
    // answered: a token gone from the keychain is not used from here again. Answered 204 when the server ended it;
    // no token kept is not a failure (nothing to end).
    HttpResult signOut();

private:
    SyncHttpClient* m_http;
    QString m_databaseId;
    security::KeyStore m_keyStore;
};

} // namespace foyer::sync
