#pragma once

#include "ServerConfig.h"

#include <QDateTime>
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
//
// Link emails (set-your-password, donation management) get a fresh single-use token (LinkTokens) whose hash is
// committed before the message leaves; without [portal] base_url they stay queued, with that as last_error.
// Before each SMTP exchange the request is marked 'sending' in mail_delivery in its own committed transaction; a
// request still marked so when a round starts, or one whose relay never answered the whole message, has an unknown
// outcome: a link email is sent once more with the same Message-ID (a second copy is harmless), any other fails with
// "Delivery unknown", so no message the relay may have taken is sent twice.
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

    MailSender(const ServerConfig::Smtp& config, const ServerConfig::Portal& portal, ServerDatabase& db);

    // One round over every venue; throws DatabaseFailure.
    Tally runOnce();

private:
    struct Request
    {
        QString rowKey;
        QJsonObject data;
        QString insertClock;
    };
    struct Attempt
    {
        QString token; // empty: the email carries no link
        QString purpose;
        QString entityId;
        QDateTime expiresAt;
    };

    void sendVenue(const QString& venueId, const QString& venueName, Tally* tally);
    // false when the relay is unusable and the round should stop.
    bool sendOne(const QString& venueName, const QString& venueId, const Request& request, SmtpClient& client,
                 Tally* tally);
    // What a link email says about its membership or gift; false with why when there is nothing to link to.
    bool linkFacts(const QString& venueId, const QString& templateName, const QString& entityId, QJsonObject* facts,
                   QString* why);
    // Commits the link's token (if any) and the 'sending' mark, before the SMTP exchange.
    void beginAttempt(const QString& venueId, const QString& rowKey, const Attempt& attempt);
    // Settles a request whose last exchange has an unknown outcome (see the class comment).
    void deliveryUnknown(const QString& venueId, const QString& rowKey, const QString& cause, Tally* tally);
    // Merges fields into the row as one server change with a new change sequence number, and ends its 'sending'
    // mark, in one transaction.
    void writeBack(const QString& venueId, const QString& rowKey, const QJsonObject& fields);

    ServerConfig::Smtp m_config;
    ServerConfig::Portal m_portal;
    ServerDatabase& m_db;
};

} // namespace foyer::server
