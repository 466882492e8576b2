#pragma once

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace foyer::storage {

// This workstation's registration with foyer-server (POST /v1/workstations), kept in workstation_setting:
// workstation_id, venue_id, workstation_prefix (the confirmation-number prefix the orders already use), server_url,
// the patron number block (patron_numbers_first/last) and the venue's certificate of the ticket-signing key
// (ticket_certificate). Never synced.
class WorkstationIdentity
{
public:
    struct Registration
    {
        QString workstationId; // empty: never registered (standalone)
        QString venueId;
        QString prefix;
        QString serverUrl;
        qint64 patronNumbersFirst = 0;
        qint64 patronNumbersLast = 0;
        QString caCertificatePem;        // the venue CA the workstation trusts (public)
        QString serverCertificateSha256; // the server certificate pinned at registration (hex SHA-256 of its DER)
        QString ticketCertificate;       // the venue's certificate of the ticket key (base64url); empty: none (yet)
    };

    explicit WorkstationIdentity(QSqlDatabase db);

    // Nullopt when the settings cannot be read; a workstation never registered has an empty workstationId.
    std::optional<Registration> load(QString* error);
    // Stores a registration reply, in one transaction.
    bool save(const Registration& registration, QString* error);
    // A new certificate of the ticket key (POST /v1/workstations/ticket-certificate): it replaces the old one.
    bool setTicketCertificate(const QString& certificate, QString* error);
    // A further block from the server (POST /v1/workstations/<id>/patron-numbers): it replaces the old one.
    bool setPatronNumberBlock(qint64 first, qint64 last, QString* error);

    // The next patron number: from the registered block (one past the highest number of the block in use), or
    // max + 1 on a workstation never registered. -1 with the reason in error when the block is used up or the
    // numbers cannot be read. Read it inside the transaction that writes the patron.
    qint64 nextPatronNumber(QString* error);
    // How many numbers of the block are left (-1 when standalone or unreadable): the sync asks for the next block
    // when fewer than a quarter are.
    qint64 patronNumbersLeft(QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
