#pragma once

#include "SecureBuffer.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace foyer::security {

// Signs ticket ids so a door scanner can tell a real ticket from a made-up or altered one without asking the box
// office: Ed25519 (libsodium crypto_sign) with this workstation's own key. Standalone, a signed ticket reads
// "FOYER1.<ticket id>.<signature, base64url>" and only this key's public key checks it. Once the venue certified
// the key (core::TicketCertificate, handed out at registration), tickets read "FOYER2.<ticket id>.<certificate>.
// <signature>" and a scanner holding only the venue's public key checks them (core::TicketCode), offline too.
class TicketSigner
{
public:
    // A new secret key (64 bytes: seed and public key), hex-encoded for storage. Never logged or printed.
    static QString generateSecretKeyHex();
    // Decodes the hex straight into locked memory (no ordinary copy of the secret is made); the caller wipes its text.
    explicit TicketSigner(QStringView secretKeyHex);

    bool isValid() const { return m_secret.size() == 64; }
    QByteArray publicKey() const;
    // Signs FOYER2 tickets with the venue's certificate of this key from now on. False, and nothing changes, when the
    // text is not a certificate (base64url) of this key.
    bool useCertificate(const QString& certificateText);
    bool isCertified() const { return !m_certificate.isEmpty(); }
    // The QR text for the ticket: FOYER2 when certified, else FOYER1; empty when invalid or the id has a '.'.
    QString sign(const QString& ticketId) const;
    // True when the FOYER1 signature is this public key's over exactly this ticket id; the id goes to ticketId.
    // (FOYER2 tickets are checked against the venue's key with core::TicketCode::verify.)
    static bool verify(const QString& signedTicket, const QByteArray& publicKey, QString* ticketId = nullptr);

private:
    QByteArray signature(const QByteArray& message) const;

    core::SecureBuffer m_secret; // wiped when the signer goes
    QString m_certificate;       // base64url, public
};

} // namespace foyer::security
