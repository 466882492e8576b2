#include "TicketSigner.h"

#include <QStringList>
#include <sodium.h>

namespace foyer::security {

namespace {

const QString Prefix = QStringLiteral("FOYER1");

bool ready()
{
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}

} // namespace

QString TicketSigner::generateSecretKeyHex()
{
    if (!ready())
        return {};
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, '\0');
    QByteArray secret(crypto_sign_SECRETKEYBYTES, '\0');
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(publicKey.data()),
                        reinterpret_cast<unsigned char*>(secret.data()));
    const QString hex = QString::fromLatin1(secret.toHex());
    sodium_memzero(secret.data(), size_t(secret.size()));
    return hex;
}

TicketSigner::TicketSigner(const QString& secretKeyHex)
    : m_secret(QByteArray::fromHex(secretKeyHex.toLatin1()))
{
    ready();
}

QByteArray TicketSigner::publicKey() const
{
    // An Ed25519 secret key in libsodium's layout ends with its public key.
    return isValid() ? m_secret.right(crypto_sign_PUBLICKEYBYTES) : QByteArray();
}

QString TicketSigner::sign(const QString& ticketId) const
{
    if (!isValid() || ticketId.contains(u'.'))
        return {};
    const QByteArray message = ticketId.toUtf8();
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char*>(m_secret.constData()));
    return Prefix + u'.' + ticketId + u'.' +
           QString::fromLatin1(signature.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool TicketSigner::verify(const QString& signedTicket, const QByteArray& publicKey, QString* ticketId)
{
    const QStringList parts = signedTicket.trimmed().split(u'.');
    if (!ready() || parts.size() != 3 || parts.at(0) != Prefix || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    const QByteArray signature =
        QByteArray::fromBase64(parts.at(2).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray message = parts.at(1).toUtf8();
    if (signature.size() != crypto_sign_BYTES)
        return false;
    const bool ok = crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                                reinterpret_cast<const unsigned char*>(message.constData()),
                                                static_cast<unsigned long long>(message.size()),
                                                reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
    if (ok && ticketId)
        *ticketId = parts.at(1);
    return ok;
}

} // namespace foyer::security
