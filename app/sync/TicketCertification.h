#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace foyer::sync {

class SyncHttpClient;

// The venue's certificate of this workstation's ticket key (docs/sync-protocol.md, "Ticket QR codes"): the key is
// the workstation's own (storage::SettingsRepository::TicketSigningKey, made on first use, never leaves it), its
// public half goes to the server at registration and whenever the certificate is missing, for another key, or has
// less than renewDays left; the certificate is stored with the registration (storage::WorkstationIdentity).
class TicketCertification
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::TicketCertification)
public:
    static constexpr int renewDays = 365;

    explicit TicketCertification(QSqlDatabase db);

    // The raw public key of the ticket key (made now if there is none); empty, with why in error, when it cannot
    // be read or made.
    QByteArray publicKey(QString* error);
    // The certificate text of a reply's "ticket_certificate" object once it checks out: this workstation's id and
    // ticket key, and signed by venuePublicKey (when given). Empty, with why in error, when not.
    QString accept(const QJsonObject& certificate, const QString& workstationId, const QByteArray& venuePublicKey,
                   QString* error);
    // Whether to ask for a new one: none stored, for another key, or fewer than renewDays left at now.
    bool needsRenewal(const QString& stored, const QDateTime& now, QString* error);
    // POST /v1/workstations/ticket-certificate, and stores what it answers. False with why in error.
    bool renew(SyncHttpClient* http, const QByteArray& token, const QString& workstationId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::sync
