#include "TicketSigner.h"

#include "TicketCertificate.h"
#include "TicketCode.h"

#include <sodium.h>

namespace foyer::security {

namespace {

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

bool TicketSigner::useCertificate(const QString& certificateText)
{
    const std::optional<core::TicketCertificate> certificate = core::TicketCertificate::decodeText(certificateText);
    if (!isValid() || !certificate || certificate->workstationPublicKey != publicKey())
        return false;
    m_certificate = certificateText;
    return true;
}

QByteArray TicketSigner::signature(const QByteArray& message) const
{
    QByteArray out(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(out.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char*>(m_secret.constData()));
    return out;
}

QString TicketSigner::sign(const QString& ticketId) const
{
    if (!isValid() || ticketId.isEmpty() || ticketId.contains(u'.'))
        return {};
    if (isCertified()) {
        const QString message = core::TicketCode::workstationSignedMessage(ticketId, m_certificate);
        return core::TicketCode::workstationSigned(ticketId, m_certificate, signature(message.toUtf8()));
    }
    return core::TicketCode::venueSigned(ticketId, signature(ticketId.toUtf8()));
}

bool TicketSigner::verify(const QString& signedTicket, const QByteArray& publicKey, QString* ticketId)
{
    // A FOYER1 check is the venue-key check with this key in the venue's place.
    const core::TicketCode::Verification v = core::TicketCode::verify(signedTicket, publicKey, QDateTime());
    if (!v.valid() || v.format != 1)
        return false;
    if (ticketId)
        *ticketId = v.ticketId;
    return true;
}

} // namespace foyer::security
