#pragma once

#include "ApiReply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// Ticket signatures with the venue's Ed25519 key (kept in venue.ticket_secret_key, created with the venue), in the
// QR format the workstations print: "FOYER1.<ticket id>.<signature over the ticket id's UTF-8, base64url, no
// padding>". POST /v1/tickets/sign hands signatures to signed-in staff; verify checks a QR text against a public key.
class TicketKeys
{
public:
    static constexpr int maxTicketsPerRequest = 1000;

    explicit TicketKeys(ServerDatabase& db)
        : m_db(db)
    {
    }

    // POST /v1/tickets/sign {"ticket_ids":[...]}: {"tickets":[{"ticket_id","qr"}], "key_id"}.
    ApiReply sign(const QString& venueId, const QJsonObject& body);

    // Empty when the QR text carries a valid signature of the key; else why not. The ticket id goes to ticketId.
    static QString verify(const QString& qrText, const QByteArray& publicKey, QString* ticketId);
    // The first 16 hex digits of the SHA-256 of the public key, as GET /v1/ticket-key has it.
    static QString keyId(const QByteArray& publicKey);

private:
    ServerDatabase& m_db;
};

} // namespace foyer::server
