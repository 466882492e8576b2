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

// One hex digit, decoded without QByteArray::fromHex (which would leave an ordinary copy of the secret).
int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

QString TicketSigner::generateSecretKeyHex()
{
    if (!ready())
        return {};
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    core::SecureBuffer secret(crypto_sign_SECRETKEYBYTES);
    core::SecureBuffer hex(2 * crypto_sign_SECRETKEYBYTES + 1);
    crypto_sign_keypair(publicKey, reinterpret_cast<unsigned char*>(secret.data()));
    sodium_bin2hex(hex.data(), size_t(hex.size()), reinterpret_cast<const unsigned char*>(secret.constData()),
                   size_t(secret.size()));
    // The settings table stores text, so the one ordinary copy is the returned string; the caller hands it on.
    return QString::fromLatin1(hex.constData(), hex.size() - 1);
}

TicketSigner::TicketSigner(QStringView secretKeyHex)
{
    if (!ready() || secretKeyHex.size() != 2 * qsizetype(crypto_sign_SECRETKEYBYTES))
        return;
    core::SecureBuffer secret(crypto_sign_SECRETKEYBYTES);
    for (qsizetype i = 0; i < secret.size(); ++i) {
        const int high = hexDigit(secretKeyHex.at(2 * i));
        const int low = hexDigit(secretKeyHex.at(2 * i + 1));
        if (high < 0 || low < 0)
            return; // not a key: the signer stays invalid (and the partial bytes are wiped with secret)
        secret.data()[i] = char(high * 16 + low);
    }
    m_secret = std::move(secret);
}

QByteArray TicketSigner::publicKey() const
{
    // An Ed25519 secret key in libsodium's layout ends with its public key.
    return isValid() ? m_secret.view().last(crypto_sign_PUBLICKEYBYTES).toByteArray() : QByteArray();
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
