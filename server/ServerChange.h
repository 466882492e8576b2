#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// A change the server itself makes to a synced row (an email's sending status, a member's password set through a
// link, a gift cancelled by the donor): merged like a pushed update, with a server clock later than every clock of
// the row so it wins, and a new change sequence number, so every workstation pulls it (docs/sync-protocol.md).
// Runs in the caller's transaction, which must hold the venue's change lock (lockVenue) until it commits.
class ServerChange
{
public:
    // The lock pushes of the venue take: change sequence numbers commit in order. Inside a transaction.
    static void lockVenue(ServerDatabase& db, const QString& venueId);

    // The row's columns (take lockVenue first when the read decides a write); false when the row is missing or
    // deleted. Throws DatabaseFailure.
    static bool read(ServerDatabase& db, const QString& venueId, const QString& table, const QString& rowKey,
                     QJsonObject* data);

    // Merges fields into the row; false (nothing written) when the row is missing or deleted.
    static bool update(ServerDatabase& db, const QString& venueId, const QString& table, const QString& rowKey,
                       const QJsonObject& fields);
};

} // namespace foyer::server
