#include "WorkstationRegistration.h"

#include "ServerSignIn.h"
#include "SessionTokenVault.h"
#include "SyncHttpClient.h"
#include "WorkstationIdentity.h"

#include <QJsonObject>

namespace foyer::sync {

WorkstationRegistration::WorkstationRegistration(QSqlDatabase db, QString databaseId, security::KeyStore keyStore)
    : m_db(std::move(db))
    , m_databaseId(std::move(databaseId))
    , m_keyStore(std::move(keyStore))
{
}

bool WorkstationRegistration::registerWith(SyncEndpoint endpoint, const QString& username,
                                           const core::SecureBuffer& password, const QString& workstationName,
                                           QString* error)
{
    endpoint.pinnedSha256.clear(); // pinned below, from what the server shows now
    SyncHttpClient http(endpoint);
    const ServerSignIn::Outcome signedIn =
        ServerSignIn(&http, m_databaseId, m_keyStore).signIn(username, password, m_databaseId);
    if (!signedIn.ok()) {
        *error = signedIn.storeProblem.isEmpty()
                     ? tr("Signing in at the server failed: %1").arg(signedIn.reply.describe())
                     : signedIn.storeProblem;
        return false;
    }
    const QByteArray pinned = http.lastPeerCertificateSha256();
    const security::KeyStore::Result token = SessionTokenVault(m_databaseId, m_keyStore).read();
    if (!token.ok()) {
        *error = tr("The server session could not be read back from the keychain: %1").arg(token.message);
        return false;
    }
    const HttpResult reply =
        http.post(QStringLiteral("/v1/workstations"),
                  QJsonObject{{QStringLiteral("database_id"), m_databaseId}, {QStringLiteral("name"), workstationName}},
                  SessionTokenVault::tokenText(token.key));
    if (!reply.ok()) {
        *error = tr("The server did not register this workstation: %1").arg(reply.describe());
        return false;
    }
    storage::WorkstationIdentity::Registration registration;
    registration.workstationId = reply.body.value(QStringLiteral("workstation_id")).toString();
    registration.venueId = reply.body.value(QStringLiteral("venue_id")).toString();
    registration.prefix = reply.body.value(QStringLiteral("prefix")).toString();
    registration.serverUrl = endpoint.baseUrl.toString();
    registration.caCertificatePem = QString::fromLatin1(endpoint.caCertificatePem);
    registration.serverCertificateSha256 = QString::fromLatin1(pinned);
    const QJsonObject block = reply.body.value(QStringLiteral("patron_numbers")).toObject();
    registration.patronNumbersFirst = block.value(QStringLiteral("first")).toInteger();
    registration.patronNumbersLast = block.value(QStringLiteral("last")).toInteger();
    if (registration.workstationId.isEmpty() || registration.prefix.isEmpty() || pinned.isEmpty()) {
        *error = tr("The server's registration reply is incomplete.");
        return false;
    }
    m_staffId = signedIn.staff.value(QStringLiteral("id")).toString();
    return storage::WorkstationIdentity(m_db).save(registration, error);
}

std::optional<SyncEndpoint> WorkstationRegistration::storedEndpoint(QSqlDatabase db, QString* error)
{
    const std::optional<storage::WorkstationIdentity::Registration> registration =
        storage::WorkstationIdentity(db).load(error);
    if (!registration || registration->workstationId.isEmpty())
        return std::nullopt;
    SyncEndpoint endpoint;
    endpoint.baseUrl = QUrl(registration->serverUrl);
    endpoint.caCertificatePem = registration->caCertificatePem.toLatin1();
    endpoint.pinnedSha256 = registration->serverCertificateSha256.toLatin1();
    return endpoint;
}

} // namespace foyer::sync
