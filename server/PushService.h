#pragma once

#include "ApiReply.h"
#include "SessionStore.h"

#include <QJsonObject>

namespace foyer::server {

class ServerDatabase;

// POST /v1/push: the whole batch in one transaction under the venue's advisory lock, each operation under its own
// savepoint; answered per operation applied, duplicate (with its first result) or refused (with the reason).
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
    ServerDatabase& m_db;
};

} // namespace foyer::server
