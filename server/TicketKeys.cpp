#include "TicketKeys.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"
#include "TicketCertificate.h"
#include "TicketCode.h"

#include <QDateTime>
#include <QJsonArray>
#include <sodium.h>

namespace foyer::server {

namespace {

bool isTicketId(const QJsonValue& v)
{
    const QString id = v.toString();
    return v.isString() && !id.isEmpty() && id.size() <= 100 && !id.contains(u'.') && id.trimmed() == id;
}

QByteArray signWith(const QByteArray& secret, const QByteArray& message)
{
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char*>(secret.constData()));
    return signature;
}

void wipe(QByteArray& secret)
{
    sodium_memzero(secret.data(), static_cast<size_t>(secret.size()));
}

} // namespace

QString TicketKeys::keyId(const QByteArray& publicKey)
{
    return QString::fromLatin1(core::TicketCertificate::keyIdOf(publicKey).toHex());
}

QByteArray TicketKeys::publicKeyFrom(const QJsonValue& value)
{
    if (!value.isString() || value.toString().size() > 100)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1());
    return decoded && decoded.decoded.size() == crypto_sign_PUBLICKEYBYTES ? decoded.decoded : QByteArray();
}

QByteArray TicketKeys::venueSecretKey(const QString& venueId, QByteArray* publicKey)
{
    if (sodium_init() < 0)
        throw DatabaseFailure(QStringLiteral("libsodium did not start"));
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT ticket_secret_key, ticket_public_key FROM venue WHERE id = ?"), {venueId});
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("venue vanished"));
    QByteArray secret = q.value(0).toByteArray();
    *publicKey = q.value(1).toByteArray();
    q.finish();
    if (secret.size() != crypto_sign_SECRETKEYBYTES) {
        wipe(secret);
        throw DatabaseFailure(QStringLiteral("the venue's ticket key is damaged"));
    }
    return secret;
}

ApiReply TicketKeys::sign(const QString& venueId, const QJsonObject& body)
{
    const QJsonValue idsValue = body.value(QStringLiteral("ticket_ids"));
    if (!idsValue.isArray() || idsValue.toArray().isEmpty() || idsValue.toArray().size() > maxTicketsPerRequest)
        return ApiReply::error(
            400, QStringLiteral("malformed"),
            QStringLiteral("ticket_ids must be an array of 1 to %1 ticket ids").arg(maxTicketsPerRequest));
    const QJsonArray ids = idsValue.toArray();
    for (const QJsonValue& v : ids)
        if (!isTicketId(v))
            return ApiReply::error(400, QStringLiteral("malformed"),
                                   QStringLiteral("a ticket id is text of 1 to 100 characters without '.'"));
    QByteArray publicKey;
    QByteArray secret = venueSecretKey(venueId, &publicKey);
    QJsonArray tickets;
    for (const QJsonValue& v : ids) {
        const QString id = v.toString();
        tickets.append(
            QJsonObject{{QStringLiteral("ticket_id"), id},
                        {QStringLiteral("qr"), core::TicketCode::venueSigned(id, signWith(secret, id.toUtf8()))}});
    }
    wipe(secret);
    return ApiReply::ok({{QStringLiteral("tickets"), tickets}, {QStringLiteral("key_id"), keyId(publicKey)}});
}

QJsonObject TicketKeys::certify(const QString& venueId, const QString& workstationId, const QByteArray& publicKey)
{
    QSqlQuery& w =
        m_db.run(QStringLiteral("SELECT revoked_at IS NOT NULL FROM workstation WHERE id = ? AND venue_id = ?"),
                 {workstationId, venueId});
    if (!w.next() || w.value(0).toBool())
        return {};
    w.finish();
    core::TicketCertificate certificate;
    QByteArray venuePublicKey;
    QByteArray secret = venueSecretKey(venueId, &venuePublicKey);
    certificate.venueKeyId = core::TicketCertificate::keyIdOf(venuePublicKey);
    certificate.workstationId = workstationId;
    certificate.workstationPublicKey = publicKey;
    certificate.issuedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    certificate.expiresAt = certificate.issuedAt.addDays(certificateDays);
    const QByteArray message = certificate.signedMessage();
    if (message.isEmpty()) {
        wipe(secret);
        throw DatabaseFailure(QStringLiteral("workstation %1 cannot be certified").arg(workstationId));
    }
    certificate.venueSignature = signWith(secret, message);
    wipe(secret);
    m_db.run(QStringLiteral("UPDATE workstation SET ticket_public_key = ?, ticket_certificate_expires_at = ? "
                            "WHERE id = ?"),
             {publicKey, certificate.expiresAt, workstationId});
    return {{QStringLiteral("certificate"), certificate.encodedText()},
            {QStringLiteral("issued_at"), certificate.issuedAt.toString(Qt::ISODate)},
            {QStringLiteral("expires_at"), certificate.expiresAt.toString(Qt::ISODate)},
            {QStringLiteral("key_id"), keyId(venuePublicKey)}};
}

ApiReply TicketKeys::certificateFor(const QString& venueId, const QString& workstationId, const QJsonObject& body)
{
    const QByteArray publicKey = publicKeyFrom(body.value(QStringLiteral("ticket_public_key")));
    if (publicKey.isEmpty())
        return ApiReply::error(400, QStringLiteral("malformed"),
                               QStringLiteral("ticket_public_key must be a base64 Ed25519 public key"));
    if (workstationId.isEmpty())
        return ApiReply::error(403, QStringLiteral("forbidden"),
                               QStringLiteral("Only a registered workstation's session gets a ticket certificate."));
    m_db.begin();
    const QJsonObject certificate = certify(venueId, workstationId, publicKey);
    if (certificate.isEmpty()) {
        m_db.rollback();
        return ApiReply::error(403, QStringLiteral("revoked"),
                               QStringLiteral("This workstation is revoked: it signs no more tickets."));
    }
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("ticket_certificate"), certificate}});
}

ApiReply TicketKeys::revoke(const QString& venueId, const QString& workstationId)
{
    m_db.begin();
    QSqlQuery& q = m_db.run(QStringLiteral("UPDATE workstation SET revoked_at = coalesce(revoked_at, now()) "
                                           "WHERE id = ? AND venue_id = ? RETURNING revoked_at"),
                            {workstationId, venueId});
    if (!q.next()) {
        m_db.rollback();
        return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such workstation in this venue."));
    }
    const QDateTime revokedAt = q.value(0).toDateTime().toUTC();
    q.finish();
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("workstation_id"), workstationId},
                         {QStringLiteral("revoked_at"), revokedAt.toString(Qt::ISODateWithMs)}});
}

QSet<QString> TicketKeys::revokedWorkstations(const QString& venueId)
{
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT id FROM workstation WHERE venue_id = ? AND revoked_at IS NOT NULL ORDER BY id"),
                 {venueId});
    QSet<QString> out;
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

} // namespace foyer::server
