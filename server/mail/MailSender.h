#pragma once

#include "ServerConfig.h"

#include <QJsonObject>
#include <QString>

namespace foyer::server {

class ServerDatabase;
class SmtpClient;

// Sends the email_request rows workstations pushed (docs/sync-protocol.md, "Email") and writes each result back into
// the row as a server change, so every workstation pulls it: status ('queued', 'sent' or 'failed'), attempts,
// last_error, sent_at, next_attempt_at. The server's clock for the change is later than every clock of the row, so
// it wins the merge. A 5xx for the recipient or the message fails the request at once; a 4xx, a timeout or a relay
// that cannot be reached is tried again after retry_seconds, doubling each time, up to max_attempts. One sender per
// venue at a time (a PostgreSQL advisory lock), so two processes never send the same request.
class MailSender
{
public:
    struct Tally
    {
        int sent = 0;
        int failed = 0;
        int retrying = 0; // tried, still queued
        int waiting = 0;  // not tried this round (waiting for its next attempt, or a template the server lacks)
    };

    MailSender(const ServerConfig::Smtp& config, ServerDatabase& db);

    // One round over every venue; throws DatabaseFailure.
    Tally runOnce();

private:
    struct Request
    {
        QString rowKey;
        QJsonObject data;
        QString insertClock;
    };

    void sendVenue(const QString& venueId, const QString& venueName, Tally* tally);
    // false when the relay is unusable and the round should stop.
    bool sendOne(const QString& venueName, const QString& venueId, const Request& request, SmtpClient& client,
                 Tally* tally);
    // Merges fields into the row as one server change with a new change sequence number.
    void writeBack(const QString& venueId, const QString& rowKey, const QJsonObject& fields);

    ServerConfig::Smtp m_config;
    ServerDatabase& m_db;
};

} // namespace foyer::server
