#pragma once

#include "ApiReply.h"

#include <QUrlQuery>

namespace foyer::server {

class ServerDatabase;

// GET /v1/pull?after=<seq>&limit=<n>: the venue's rows changed since a cursor, oldest first, one page at a time.
class PullService
{
public:
    static constexpr int defaultLimit = 1000;
    static constexpr int maxLimit = 5000;
    // "remaining" is an exact count below this many rows, an upper bound from it on.
    static constexpr int exactCount = 10000;

    explicit PullService(ServerDatabase& db)
        : m_db(db)
    {
    }

    ApiReply pull(const QString& venueId, const QUrlQuery& query);

private:
    ServerDatabase& m_db;
};

} // namespace foyer::server
