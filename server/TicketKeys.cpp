#include "TicketKeys.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStringList>
#include <sodium.h>

namespace foyer::server {

namespace {

const QString qrPrefix = QStringLiteral("FOYER1");

bool isTicketId(const QJsonValue& v)
{
    const QString id = v.toString();
    return v.isString() && !id.isEmpty() && id.size() <= 100 && !id.contains(u'.') && id.trimmed() == id;
}

} // namespace

QString TicketKeys::keyId(const QByteArray& publicKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).toHex().left(16));
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
    if (sodium_init() < 0)
        throw DatabaseFailure(QStringLiteral("libsodium did not start"));

    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT ticket_secret_key, ticket_public_key FROM venue WHERE id = ?"), {venueId});
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("venue vanished"));
    QByteArray secret = q.value(0).toByteArray();
    const QByteArray publicKey = q.value(1).toByteArray();
    q.finish();
    if (secret.size() != crypto_sign_SECRETKEYBYTES) {
        sodium_memzero(secret.data(), static_cast<size_t>(secret.size()));
        throw DatabaseFailure(QStringLiteral("the venue's ticket key is damaged"));
    }
    QJsonArray tickets;
    QByteArray signature(crypto_sign_BYTES, '\0');
    for (const QJsonValue& v : ids) {
        const QString id = v.toString();
        const QByteArray message = id.toUtf8();
        crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                             reinterpret_cast<const unsigned char*>(message.constData()),
                             static_cast<unsigned long long>(message.size()),
                             reinterpret_cast<const unsigned char*>(secret.constData()));
        const QString qr =
            qrPrefix + u'.' + id + u'.' +
            QString::fromLatin1(signature.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        tickets.append(QJsonObject{{QStringLiteral("ticket_id"), id}, {QStringLiteral("qr"), qr}});
    }
    sodium_memzero(secret.data(), static_cast<size_t>(secret.size()));
    return ApiReply::ok({{QStringLiteral("tickets"), tickets}, {QStringLiteral("key_id"), keyId(publicKey)}});
}

QString TicketKeys::verify(const QString& qrText, const QByteArray& publicKey, QString* ticketId)
{
    if (sodium_init() < 0)
        return QStringLiteral("libsodium did not start");
    if (publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return QStringLiteral("the venue's public key is not an Ed25519 key");
    const QStringList parts = qrText.trimmed().split(u'.');
    if (parts.size() != 3 || parts.at(0) != qrPrefix || parts.at(1).isEmpty())
        return QStringLiteral("not a Foyer ticket (expected FOYER1.<ticket id>.<signature>)");
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    for (const QChar c : parts.at(2))
        if (!alphabet.contains(c))
            return QStringLiteral("the signature is not base64url");
    const QByteArray signature =
        QByteArray::fromBase64(parts.at(2).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (signature.size() != crypto_sign_BYTES)
        return QStringLiteral("the signature has the wrong length");
    const QByteArray message = parts.at(1).toUtf8();
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                    reinterpret_cast<const unsigned char*>(message.constData()),
                                    static_cast<unsigned long long>(message.size()),
                                    reinterpret_cast<const unsigned char*>(publicKey.constData())) != 0)
        return QStringLiteral("the signature does not match the venue's key");
    *ticketId = parts.at(1);
    return QString();
}

} // namespace foyer::server
