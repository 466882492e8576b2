#pragma once

#include "TicketCertificate.h"

#include <QByteArray>
#include <QDateTime>
#include <QSet>
#include <QString>
#include <optional>

namespace foyer::core {

// What a ticket's QR code carries, and the one check of it that door scanners, foyer-server verify-ticket and the
// tests all run (docs/sync-protocol.md, "Ticket QR codes"). No I/O: the caller brings the venue's public key, the
// time and the revoked workstations.
//   FOYER1.<ticket id>.<signature>: signed with the venue's key itself (POST /v1/tickets/sign).
//   FOYER2.<ticket id>.<certificate>.<signature>: signed offline by a workstation whose key the venue certified
//   (TicketCertificate); the signature is the workstation key's over the UTF-8 of everything before the last '.'.
// Certificate and signatures are base64url without padding. Ticket ids never contain '.'.
class TicketCode
{
public:
    struct Verification
    {
        int format = 0;   // 1 or 2 once the prefix was read; 0 when the text is no Foyer ticket
        QString ticketId; // set only when valid
        QString problem;  // empty when valid; else why not, in plain English
        std::optional<TicketCertificate> certificate; // FOYER2: the certificate the QR carried (once decoded)
        bool valid() const { return problem.isEmpty() && !ticketId.isEmpty(); }
    };

    // Verifies against the venue's Ed25519 public key. A FOYER2 ticket's certificate must be the venue's, unexpired
    // at now, and its workstation not in revokedWorkstations (ids as text).
    static Verification verify(const QString& qrText, const QByteArray& venuePublicKey, const QDateTime& now,
                               const QSet<QString>& revokedWorkstations = {});

    // FOYER1 text for a venue signature over the ticket id.
    static QString venueSigned(const QString& ticketId, const QByteArray& signature);
    // What a workstation signs for a FOYER2 ticket (its UTF-8), and the QR text once it has the signature. Empty
    // when the ticket id has a '.' or is empty.
    static QString workstationSignedMessage(const QString& ticketId, const QString& certificateText);
    static QString workstationSigned(const QString& ticketId, const QString& certificateText,
                                     const QByteArray& signature);
    static QString base64url(const QByteArray& bytes);
    // Nullopt when text is not base64url without padding.
    static std::optional<QByteArray> fromBase64url(const QString& text);
};

} // namespace foyer::core
