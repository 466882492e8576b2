#include "ServerSignIn.h"

#include "SessionTokenVault.h"

#include <sodium.h>

namespace foyer::sync {

ServerSignIn::ServerSignIn(SyncHttpClient* http, QString databaseId, security::KeyStore keyStore)
    : m_http(http)
    , m_databaseId(std::move(databaseId))
    , m_keyStore(std::move(keyStore))
{
}

ServerSignIn::Outcome ServerSignIn::signIn(const QString& username, const core::SecureBuffer& password,
                                           const QString& workstationId)
{
    Outcome outcome;
    QJsonObject body{
        {QStringLiteral("username"), username},
        {QStringLiteral("password"), QString::fromUtf8(password.view().data(), qsizetype(password.size()))}};
    if (!workstationId.isEmpty())
        body.insert(QStringLiteral("workstation_id"), workstationId);
    outcome.reply = m_http->post(QStringLiteral("/v1/sign-in"), body, QByteArray());
    // The JSON copy of the password is the one place it leaves locked memory; it is dropped here.
    body = QJsonObject();
    if (!outcome.reply.ok())
        return outcome;
    outcome.staff = outcome.reply.body.value(QStringLiteral("staff")).toObject();
    QByteArray token = QByteArray::fromBase64(outcome.reply.body.value(QStringLiteral("token")).toString().toLatin1(),
                                              QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    outcome.reply.body.remove(QStringLiteral("token"));
    if (token.size() != security::KeyStore::KeySize) {
        outcome.storeProblem = tr("The server sent a session token Foyer does not recognise.");
        return outcome;
    }
    const security::KeyStore::Result stored = SessionTokenVault(m_databaseId, m_keyStore).write(token);
    sodium_memzero(token.data(), size_t(token.size()));
    if (!stored.ok())
        outcome.storeProblem = tr("The server session could not be kept in the keychain: %1").arg(stored.message);
    return outcome;
}

} // namespace foyer::sync
