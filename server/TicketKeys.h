#pragma once

#include "ApiReply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// The venue's Ed25519 ticket key (kept in venue.ticket_secret_key, created with the venue): signatures for
// POST /v1/tickets/sign ("FOYER1.<ticket id>.<signature>"), and certificates of workstation keys (core::
// TicketCertificate) so that a workstation signs "FOYER2" tickets offline that verify with the venue's public key.
// The check of either format is core::TicketCode's.
class TicketKeys
{
public:
    static constexpr int maxTicketsPerRequest = 1000;
    // A certificate is good for two years; a workstation asks for a new one when less than one is left.
    static constexpr int certificateDays = 730;

    explicit TicketKeys(ServerDatabase& db)
        : m_db(db)
    {
    }

    // POST /v1/tickets/sign {"ticket_ids":[...]}: {"tickets":[{"ticket_id","qr"}], "key_id"}.
    ApiReply sign(const QString& venueId, const QJsonObject& body);
    // POST /v1/workstations/ticket-certificate {"ticket_public_key"} for the session's workstation.
    ApiReply certificateFor(const QString& venueId, const QString& workstationId, const QJsonObject& body);
    // Inside the caller's transaction: certifies publicKey (raw, 32 bytes) for the venue's workstation and records
    // it; the "ticket_certificate" reply object ({"certificate","issued_at","expires_at","key_id"}), or an empty
    // object when the workstation is revoked. Throws DatabaseFailure when the venue's key cannot be read.
    QJsonObject certify(const QString& venueId, const QString& workstationId, const QByteArray& publicKey);
    // Revokes a workstation of the venue (admin): POST /v1/workstations/<id>/revoke. 404 when it has none.
    ApiReply revoke(const QString& venueId, const QString& workstationId);
    // The venue's revoked workstations (ids).
    QSet<QString> revokedWorkstations(const QString& venueId);

    // A raw Ed25519 public key from the standard base64 a request carries; empty when it is not one.
    static QByteArray publicKeyFrom(const QJsonValue& value);
    // The first 16 hex digits of the SHA-256 of the public key, as GET /v1/ticket-key has it.
    static QString keyId(const QByteArray& publicKey);

private:
    // The venue's secret key, in the caller's care to wipe; throws DatabaseFailure when it is damaged.
    QByteArray venueSecretKey(const QString& venueId, QByteArray* publicKey);

    ServerDatabase& m_db;
};

} // namespace foyer::server
