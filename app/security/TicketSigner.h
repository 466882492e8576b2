#pragma once

#include "SecureBuffer.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace foyer::security {

// Signs ticket ids so a door scanner can tell a real ticket from a made-up or altered one without asking the box
// office: Ed25519 (libsodium crypto_sign). The scanner holds only the public key. A signed ticket reads
// "FOYER1.<ticket id>.<signature, base64url>", which is what the ticket's QR code carries.
class TicketSigner
{
public:
    // A new secret key (64 bytes: seed and public key), hex-encoded for storage. Never logged or printed.
    static QString generateSecretKeyHex();
    // Decodes the hex straight into locked memory (no ordinary copy of the secret is made); the caller wipes its text.
    explicit TicketSigner(QStringView secretKeyHex);

    bool isValid() const { return m_secret.size() == 64; }
    QByteArray publicKey() const;
    QString sign(const QString& ticketId) const;
    // True when the signature is the venue's over exactly this ticket id; the id goes to ticketId.
    static bool verify(const QString& signedTicket, const QByteArray& publicKey, QString* ticketId = nullptr);

private:
    core::SecureBuffer m_secret; // wiped when the signer goes
};

} // namespace foyer::security
