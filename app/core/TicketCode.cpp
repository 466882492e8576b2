#include "TicketCode.h"

#include <QStringList>
#include <sodium.h>

namespace foyer::core {

namespace {

const QString v1Prefix = QStringLiteral("FOYER1");
const QString v2Prefix = QStringLiteral("FOYER2");

bool signatureMatches(const QByteArray& signature, const QByteArray& message, const QByteArray& publicKey)
{
    return signature.size() == crypto_sign_BYTES && publicKey.size() == crypto_sign_PUBLICKEYBYTES &&
           crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

QString whenText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

QString TicketCode::base64url(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QByteArray> TicketCode::fromBase64url(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' ||
              u == u'_'))
            return std::nullopt;
    }
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString TicketCode::venueSigned(const QString& ticketId, const QByteArray& signature)
{
    if (ticketId.isEmpty() || ticketId.contains(u'.'))
        return {};
    return v1Prefix + u'.' + ticketId + u'.' + base64url(signature);
}

QString TicketCode::workstationSignedMessage(const QString& ticketId, const QString& certificateText)
{
    if (ticketId.isEmpty() || ticketId.contains(u'.') || certificateText.isEmpty())
        return {};
    return v2Prefix + u'.' + ticketId + u'.' + certificateText;
}

QString TicketCode::workstationSigned(const QString& ticketId, const QString& certificateText,
                                      const QByteArray& signature)
{
    const QString message = workstationSignedMessage(ticketId, certificateText);
    return message.isEmpty() ? QString() : message + u'.' + base64url(signature);
}

TicketCode::Verification TicketCode::verify(const QString& qrText, const QByteArray& venuePublicKey,
                                            const QDateTime& now, const QSet<QString>& revokedWorkstations)
{
    Verification v;
    if (sodium_init() < 0) {
        v.problem = QStringLiteral("libsodium did not start");
        return v;
    }
    if (venuePublicKey.size() != crypto_sign_PUBLICKEYBYTES) {
        v.problem = QStringLiteral("the venue's public key is not an Ed25519 key");
        return v;
    }
    const QString text = qrText.trimmed();
    const QStringList parts = text.split(u'.');
    const bool v1 = parts.size() == 3 && parts.at(0) == v1Prefix;
    const bool v2 = parts.size() == 4 && parts.at(0) == v2Prefix;
    if ((!v1 && !v2) || parts.at(1).isEmpty()) {
        v.problem = QStringLiteral("not a Foyer ticket (expected FOYER1.<ticket id>.<signature> or "
                                   "FOYER2.<ticket id>.<certificate>.<signature>)");
        return v;
    }
    v.format = v1 ? 1 : 2;
    const std::optional<QByteArray> signature = fromBase64url(parts.constLast());
    if (!signature) {
        v.problem = QStringLiteral("the signature is not base64url");
        return v;
    }
    if (signature->size() != crypto_sign_BYTES) {
        v.problem = QStringLiteral("the signature has the wrong length");
        return v;
    }
    const QString ticketId = parts.at(1);
    if (v1) {
        if (!signatureMatches(*signature, ticketId.toUtf8(), venuePublicKey)) {
            v.problem = QStringLiteral("the signature does not match the venue's key");
            return v;
        }
        v.ticketId = ticketId;
        return v;
    }

    // FOYER2: the certificate first (the venue's, in force, not revoked), then the workstation's signature.
    v.certificate = TicketCertificate::decodeText(parts.at(2));
    if (!v.certificate) {
        v.problem = QStringLiteral("the workstation certificate is damaged");
        return v;
    }
    const TicketCertificate& certificate = *v.certificate;
    if (certificate.venueKeyId != TicketCertificate::keyIdOf(venuePublicKey)) {
        v.problem = QStringLiteral("the workstation certificate is another venue's (key id %1)")
                        .arg(QString::fromLatin1(certificate.venueKeyId.toHex()));
        return v;
    }
    if (!certificate.isSignedBy(venuePublicKey)) {
        v.problem = QStringLiteral("the workstation certificate is not signed by the venue's key");
        return v;
    }
    if (now.isValid() && now > certificate.expiresAt) {
        v.problem = QStringLiteral("the certificate of workstation %1 expired at %2")
                        .arg(certificate.workstationId, whenText(certificate.expiresAt));
        return v;
    }
    if (revokedWorkstations.contains(certificate.workstationId)) {
        v.problem =
            QStringLiteral("workstation %1 is revoked: its tickets are not accepted").arg(certificate.workstationId);
        return v;
    }
    const QByteArray message = text.left(text.lastIndexOf(u'.')).toUtf8();
    if (!signatureMatches(*signature, message, certificate.workstationPublicKey)) {
        v.problem = QStringLiteral("the signature does not match the certified workstation key");
        return v;
    }
    v.ticketId = ticketId;
    return v;
}

} // namespace foyer::core
