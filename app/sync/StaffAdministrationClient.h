#pragma once

#include "SecureBuffer.h"
#include "SyncEndpoint.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace foyer::sync {

// The server's staff administration (docs/sync-protocol.md, admin only): list, create, change role or details,
// reset a password, disable. Blocking requests on the calling thread: call it from a worker thread, never the
// window's. The server decides who may; a refusal comes back as the server's message.
class StaffAdministrationClient
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::StaffAdministrationClient)
public:
    struct Account
    {
        QString id;
        QString username;
        QString displayName;
        QString email;
        QString role; // box_office, development, manager, admin
        bool active = true;
    };

    struct Result
    {
        bool ok = false;
        QString message; // why not, for staff
        QList<Account> accounts;
    };

    // token: the session token as sent (SessionTokenVault::tokenText), read by the caller on a thread with an event
    // loop (the keychain needs one); the requests themselves may then run on any thread.
    StaffAdministrationClient(SyncEndpoint endpoint, QByteArray token);

    Result list();
    Result create(const Account& account, const core::SecureBuffer& password);
    // changes: any of role, display_name, email, disabled (bool); see resetPassword for the password.
    Result update(const QString& id, const QJsonObject& changes);
    Result resetPassword(const QString& id, const core::SecureBuffer& password);

    static Account accountFrom(const QJsonObject& entry);

private:
    Result send(const QString& path, const QJsonObject* body);

    SyncEndpoint m_endpoint;
    QByteArray m_token;
};

} // namespace foyer::sync
