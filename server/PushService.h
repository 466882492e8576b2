#pragma once

#include "ApiReply.h"
#include "SessionStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace foyer::server {

class ServerDatabase;

// POST /v1/push: the whole batch in one transaction under the venue's advisory lock; answered per operation applied,
// duplicate (with its first result) or refused (with the reason). The batch is read and written a few statements at a
// time: which operations were seen before, the staff's roles and every row the batch touches are read at once, merges
// and the checks that need no SQL are done here, and the rows, applied operations and audit entries are written in
// bulk. An operation the database must judge (a unique number, a seat sold, member credits, limited discounts) is
// written on its own under a savepoint, after the rows before it. A bulk write that the database refuses anyway
// undoes the transaction, and the batch is pushed again with every operation under its own savepoint.
class PushService
{
public:
    static constexpr int maxOperations = 20000;

    explicit PushService(ServerDatabase& db)
        : m_db(db)
    {
    }

    ApiReply push(const SessionStore::Session& session, const QJsonObject& body);

    // Whether the body is a well-formed push (types, identifiers, clocks); why not, for a 400.
    static QString malformation(const QJsonObject& body);

private:
    // The batch in the transaction begun; nothing when a bulk write broke a rule (push it again, carefully).
    std::optional<ApiReply> applyBatch(const SessionStore::Session& session, const QString& workstationId,
                                       const QJsonArray& ops, bool careful);

    ServerDatabase& m_db;
};

} // namespace foyer::server
