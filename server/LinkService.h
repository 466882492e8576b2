#pragma once

#include "ApiReply.h"

#include <QJsonObject>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// The endpoints behind the single-use links the server mails (docs/sync-protocol.md, "Links"); no session: the
// token is the proof. Each writes what it changes as a server change, so it syncs to every workstation:
//   POST /v1/links/set-password {token, password}      the membership's password_hash (Argon2id), one use
//   GET  /v1/links/recurring?token=...                 the monthly gift's summary (the link stays usable)
//   POST /v1/links/recurring {token, action, reason?}  action "cancel": status cancelled with the reason, one use
// 404 for a token the server never made (or of another link), 410 for one used or expired.
class LinkService
{
public:
    static constexpr int minPasswordLength = 10;

    explicit LinkService(ServerDatabase& db)
        : m_db(db)
    {
    }

    ApiReply setPassword(const QJsonObject& body);
    ApiReply recurringSummary(const QString& token);
    ApiReply recurringAction(const QJsonObject& body);

private:
    // The gift as the donor may see it.
    QJsonObject summaryOf(const QString& venueId, const QJsonObject& gift);

    ServerDatabase& m_db;
};

} // namespace foyer::server
