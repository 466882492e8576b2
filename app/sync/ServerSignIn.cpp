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

HttpResult ServerSignIn::signOut()
{
    const SessionTokenVault vault(m_databaseId, m_keyStore);
    const security::KeyStore::Result token = vault.read();
    HttpResult reply;
    if (!token.ok()) {
        // Nothing kept (never signed in at the server, or signed out already): there is no session to end.
        reply.kind = HttpResult::Kind::Answered;
        reply.status = 204;
        return reply;
    }
    reply = m_http->post(QStringLiteral("/v1/sign-out"), QJsonObject(), SessionTokenVault::tokenText(token.key));
    const security::KeyStore::Result forgotten = vault.forget();
    if (!forgotten.ok() && reply.ok()) {
        reply.kind = HttpResult::Kind::BadReply;
        reply.message = tr("The server session ended, but its token could not be removed from the keychain: %1")
                            .arg(forgotten.message);
    }
    return reply;
}

} // namespace foyer::sync
