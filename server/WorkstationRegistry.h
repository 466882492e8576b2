#pragma once

#include "ApiReply.h"

#include <QString>

namespace foyer::server {

class ServerDatabase;

// Registered workstations of each venue: a short prefix unique in the venue (handed out in order: A1..A9, B1.. Z9,
// then AA1..), and blocks of 1000 patron numbers from the venue's counter. Registering a database id again returns
// the same workstation. A workstation's ticket key is certified at registration (TicketKeys).
class WorkstationRegistry
{
public:
    static constexpr qint64 blockSize = 1000;

    explicit WorkstationRegistry(ServerDatabase& db)
        : m_db(db)
    {
    }

    // The workstation registered for databaseId (registered now if new); 409 when another venue has it. With a
    // workstationTicketKey (raw Ed25519), the reply's "ticket_certificate" certifies it (TicketKeys::certify).
    ApiReply registerWorkstation(const QString& venueId, const QString& databaseId, const QString& name,
                                 const QByteArray& workstationTicketKey, QString* workstationId);
    // The next patron-number block of a workstation of the venue; 404 when there is none.
    ApiReply nextPatronNumbers(const QString& venueId, const QString& workstationId);
    // The id of the venue's workstation with this id or database id; empty when none.
    QString resolve(const QString& venueId, const QString& idOrDatabaseId);
    ApiReply ticketKey(const QString& venueId);

    static QString prefixFor(int index);

private:
    QJsonObject handOutBlock(const QString& venueId, const QString& workstationId);
    QString ticketPublicKey(const QString& venueId);

    ServerDatabase& m_db;
};

} // namespace foyer::server
