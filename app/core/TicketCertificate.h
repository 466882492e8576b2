#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <optional>

namespace foyer::core {

// A workstation's ticket key, certified by the venue (docs/sync-protocol.md, "Ticket QR codes"): the server signs,
// with the venue's Ed25519 key, the venue key's id, the workstation's id, the workstation's Ed25519 public key and
// the certificate's issue and expiry times, so a door scanner that holds only the venue's public key can trust
// tickets the workstation signed while offline. The encoding is binary and fixed-size, to keep the QR code small:
//   version (1 byte, 1) | venue key id (8) | workstation id (16, RFC 4122) | workstation public key (32)
//   | issued at (4, Unix seconds UTC, big-endian) | expires at (4) | venue signature (64)
// The venue signs signedMessage(): "FOYER2.certificate." then the first 65 bytes. That message has a '.', so it can
// never be a ticket id the venue signs through POST /v1/tickets/sign (ticket ids have none).
class TicketCertificate
{
public:
    static constexpr qsizetype bodySize = 65;
    static constexpr qsizetype signatureSize = 64;
    static constexpr qsizetype encodedSize = bodySize + signatureSize;

    QByteArray venueKeyId;           // 8 bytes: the first 8 bytes of the SHA-256 of the venue's public key
    QString workstationId;           // a UUID as text (lower case, no braces)
    QByteArray workstationPublicKey; // 32 bytes
    QDateTime issuedAt;              // UTC, whole seconds
    QDateTime expiresAt;             // UTC, whole seconds
    QByteArray venueSignature;       // 64 bytes; empty until signed

    // The 8-byte key id of an Ed25519 public key (GET /v1/ticket-key's key_id is its 16 hex digits).
    static QByteArray keyIdOf(const QByteArray& publicKey);
    // Empty when a field cannot be encoded (not a UUID, wrong key size, a time outside 1970..2106).
    QByteArray body() const;
    // What the venue signs; empty when body() is.
    QByteArray signedMessage() const;
    // body() and the signature: what the QR carries (base64url of it); empty when unsigned or not encodable.
    QByteArray encoded() const;
    QString encodedText() const;
    // Nullopt when the bytes are not a certificate of this version (the signature is not checked here).
    static std::optional<TicketCertificate> decode(QByteArrayView bytes);
    static std::optional<TicketCertificate> decodeText(const QString& base64url);
    // True when the venue signature is the venue key's over signedMessage().
    bool isSignedBy(const QByteArray& venuePublicKey) const;
};

} // namespace foyer::core
