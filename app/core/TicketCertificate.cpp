#include "TicketCertificate.h"

#include "TicketCode.h"

#include <QCryptographicHash>
#include <QUuid>
#include <QtEndian>
#include <limits>
#include <sodium.h>

namespace foyer::core {

namespace {

constexpr char version = 1;
constexpr qsizetype keyIdSize = 8;
constexpr qsizetype uuidSize = 16;
constexpr qsizetype publicKeySize = 32;
const QByteArray messagePrefix = QByteArrayLiteral("FOYER2.certificate.");

bool appendTime(QByteArray* out, const QDateTime& time)
{
    if (!time.isValid())
        return false;
    const qint64 seconds = time.toSecsSinceEpoch();
    if (seconds < 0 || seconds > qint64(std::numeric_limits<quint32>::max()))
        return false;
    char bytes[4];
    qToBigEndian(quint32(seconds), bytes);
    out->append(bytes, 4);
    return true;
}

QDateTime timeAt(QByteArrayView bytes, qsizetype offset)
{
    return QDateTime::fromSecsSinceEpoch(qFromBigEndian<quint32>(bytes.data() + offset), Qt::UTC);
}

} // namespace

QByteArray TicketCertificate::keyIdOf(const QByteArray& publicKey)
{
    return QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(keyIdSize);
}

QByteArray TicketCertificate::body() const
{
    const QUuid uuid = QUuid::fromString(workstationId);
    if (venueKeyId.size() != keyIdSize || uuid.isNull() || workstationPublicKey.size() != publicKeySize)
        return {};
    QByteArray out;
    out.reserve(bodySize);
    out.append(version);
    out.append(venueKeyId);
    out.append(uuid.toRfc4122());
    out.append(workstationPublicKey);
    if (!appendTime(&out, issuedAt) || !appendTime(&out, expiresAt))
        return {};
    return out;
}

QByteArray TicketCertificate::signedMessage() const
{
    const QByteArray b = body();
    return b.isEmpty() ? QByteArray() : messagePrefix + b;
}

QByteArray TicketCertificate::encoded() const
{
    const QByteArray b = body();
    if (b.isEmpty() || venueSignature.size() != signatureSize)
        return {};
    return b + venueSignature;
}

QString TicketCertificate::encodedText() const
{
    return TicketCode::base64url(encoded());
}

std::optional<TicketCertificate> TicketCertificate::decode(QByteArrayView bytes)
{
    if (bytes.size() != encodedSize || bytes.at(0) != version)
        return std::nullopt;
    TicketCertificate c;
    qsizetype at = 1;
    c.venueKeyId = bytes.sliced(at, keyIdSize).toByteArray();
    at += keyIdSize;
    c.workstationId = QUuid::fromRfc4122(bytes.sliced(at, uuidSize)).toString(QUuid::WithoutBraces);
    at += uuidSize;
    c.workstationPublicKey = bytes.sliced(at, publicKeySize).toByteArray();
    at += publicKeySize;
    c.issuedAt = timeAt(bytes, at);
    c.expiresAt = timeAt(bytes, at + 4);
    at += 8;
    c.venueSignature = bytes.sliced(at, signatureSize).toByteArray();
    return c;
}

std::optional<TicketCertificate> TicketCertificate::decodeText(const QString& text)
{
    const std::optional<QByteArray> bytes = TicketCode::fromBase64url(text);
    if (!bytes)
        return std::nullopt;
    return decode(*bytes);
}

bool TicketCertificate::isSignedBy(const QByteArray& venuePublicKey) const
{
    const QByteArray message = signedMessage();
    if (sodium_init() < 0 || message.isEmpty() || venuePublicKey.size() != crypto_sign_PUBLICKEYBYTES ||
        venueSignature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(venueSignature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(venuePublicKey.constData())) == 0;
}

} // namespace foyer::core
