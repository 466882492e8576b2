#include "SessionStore.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"

#include <sodium.h>

namespace foyer::server {

QByteArray SessionStore::hashOf(const QString& token)
{
    const QByteArray bytes = token.toLatin1();
    QByteArray hash(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), static_cast<size_t>(hash.size()),
                       reinterpret_cast<const unsigned char*>(bytes.constData()),
                       static_cast<unsigned long long>(bytes.size()), nullptr, 0);
    return hash;
}

SessionStore::Issued SessionStore::create(const QString& staffId, const QString& venueId, const QString& workstationId)
{
    if (sodium_init() < 0)
        throw DatabaseFailure(QStringLiteral("libsodium did not start"));
    QByteArray random(32, '\0');
    randombytes_buf(random.data(), static_cast<size_t>(random.size()));
    const QString token =
        QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    sodium_memzero(random.data(), static_cast<size_t>(random.size()));
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(qint64(m_lifetimeMinutes) * 60);
    m_db.run(QStringLiteral("INSERT INTO staff_session (token_hash, staff_id, venue_id, workstation_id, expires_at) "
                            "VALUES (decode(?, 'hex'), ?, ?, ?, ?::timestamptz)"),
             {QString::fromLatin1(hashOf(token).toHex()), staffId, venueId,
              workstationId.isEmpty() ? QVariant() : QVariant(workstationId), expires.toString(Qt::ISODateWithMs)});
    // Expired sessions of anyone are of no use; drop them now and then.
    m_db.run(QStringLiteral("DELETE FROM staff_session WHERE expires_at < now() - interval '1 day'"));
    return {token, expires};
}

std::optional<SessionStore::Session> SessionStore::find(const QString& token)
{
    if (token.isEmpty() || token.size() > 100)
        return std::nullopt;
    const QByteArray hash = hashOf(token);
    QSqlQuery& q = m_db.run(
        QStringLiteral("SELECT s.staff_id, s.venue_id, coalesce(s.workstation_id, ''), st.role, st.username FROM "
                       "staff_session s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = decode(?, 'hex') "
                       "AND s.expires_at > now() AND NOT st.disabled"),
        {QString::fromLatin1(hash.toHex())});
    if (!q.next())
        return std::nullopt;
    return Session{hash,
                   q.value(0).toString(),
                   q.value(1).toString(),
                   q.value(2).toString(),
                   q.value(3).toString(),
                   q.value(4).toString()};
}

void SessionStore::end(const QByteArray& tokenHash)
{
    m_db.run(QStringLiteral("DELETE FROM staff_session WHERE token_hash = decode(?, 'hex')"),
             {QString::fromLatin1(tokenHash.toHex())});
}

void SessionStore::bindWorkstation(const QByteArray& tokenHash, const QString& workstationId)
{
    m_db.run(QStringLiteral("UPDATE staff_session SET workstation_id = ? WHERE token_hash = decode(?, 'hex')"),
             {workstationId, QString::fromLatin1(tokenHash.toHex())});
}

} // namespace foyer::server
