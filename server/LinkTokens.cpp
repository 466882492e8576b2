#include "LinkTokens.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"
#include "SessionStore.h"

#include <sodium.h>

namespace foyer::server {

namespace {

QString hexOf(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

QString LinkTokens::generate()
{
    if (sodium_init() < 0)
        throw DatabaseFailure(QStringLiteral("libsodium did not start"));
    QByteArray random(32, '\0');
    randombytes_buf(random.data(), static_cast<size_t>(random.size()));
    const QString token =
        QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    sodium_memzero(random.data(), static_cast<size_t>(random.size()));
    return token;
}

QByteArray LinkTokens::hashOf(const QString& token)
{
    // The same BLAKE2b hash as a session token's: one way to keep a bearer secret in PostgreSQL.
    return SessionStore::hashOf(token);
}

void LinkTokens::store(const QString& token, const QString& venueId, const QString& purpose, const QString& entityId,
                       const QString& emailRequestId, const QDateTime& expiresAt)
{
    m_db.run(QStringLiteral("INSERT INTO link_token (token_hash, venue_id, purpose, entity_id, email_request_id, "
                            "expires_at) VALUES (decode(?, 'hex'), ?, ?, ?, ?, ?::timestamptz)"),
             {hexOf(hashOf(token)), venueId, purpose, entityId, emailRequestId,
              expiresAt.toUTC().toString(Qt::ISODateWithMs)});
}

LinkTokens::Found LinkTokens::find(const QString& token, const QString& purpose, bool forUpdate)
{
    Found found;
    // A token is 43 base64url characters; anything else cannot be one.
    if (token.size() != 43)
        return found;
    for (const QChar c : token)
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'-' && c != u'_')
            return found;
    found.hash = hashOf(token);
    const QString sql = QStringLiteral("SELECT venue_id, entity_id, used_at IS NOT NULL, expires_at <= now() FROM "
                                       "link_token WHERE token_hash = decode(?, 'hex') AND purpose = ?") +
                        (forUpdate ? QStringLiteral(" FOR UPDATE") : QString());
    QSqlQuery& q = m_db.run(sql, {hexOf(found.hash), purpose});
    if (q.next()) {
        found.venueId = q.value(0).toString();
        found.entityId = q.value(1).toString();
        found.state = q.value(2).toBool() ? State::Used : q.value(3).toBool() ? State::Expired : State::Valid;
    }
    q.finish();
    return found;
}

void LinkTokens::use(const Found& found, const QString& purpose)
{
    m_db.run(QStringLiteral("UPDATE link_token SET used_at = now() WHERE venue_id = ? AND purpose = ? AND entity_id = "
                            "? AND used_at IS NULL"),
             {found.venueId, purpose, found.entityId});
}

} // namespace foyer::server
