#include "MailSender.h"

#include "DatabaseFailure.h"
#include "LinkTokens.h"
#include "MailMessage.h"
#include "MailTemplate.h"
#include "ServerChange.h"
#include "ServerDatabase.h"
#include "SmtpClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QtGlobal>

namespace foyer::server {

namespace {

const QString table = QStringLiteral("email_request");

QJsonObject objectOf(const QString& json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QString utcText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// The details column is JSON object text; an object pushed as such is taken too.
QJsonObject detailsOf(const QJsonObject& data)
{
    const QJsonValue details = data.value(QStringLiteral("details"));
    if (details.isObject())
        return details.toObject();
    return objectOf(details.toString());
}

// Templates this process has said it cannot send, so the log says it once.
QSet<QString>& reportedNotYet()
{
    static QSet<QString> ids;
    return ids;
}

} // namespace

MailSender::MailSender(const ServerConfig::Smtp& config, const ServerConfig::Portal& portal, ServerDatabase& db)
    : m_config(config)
    , m_portal(portal)
    , m_db(db)
{
}

MailSender::Tally MailSender::runOnce()
{
    QList<std::pair<QString, QString>> venues;
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT id, name FROM venue ORDER BY id"));
    while (q.next())
        venues.append({q.value(0).toString(), q.value(1).toString()});
    q.finish();
    Tally tally;
    for (const auto& [id, name] : venues) {
        // One sender per venue at a time, across processes (serve's timer and send-mail).
        QSqlQuery& lock = m_db.run(QStringLiteral("SELECT pg_try_advisory_lock(7462, hashtext(?))"), {id});
        const bool locked = lock.next() && lock.value(0).toBool();
        lock.finish();
        if (!locked)
            continue;
        const auto unlock = [&] {
            QSqlQuery& u = m_db.run(QStringLiteral("SELECT pg_advisory_unlock(7462, hashtext(?))"), {id});
            u.finish();
        };
        try {
            sendVenue(id, name, &tally);
        } catch (...) {
            try {
                unlock();
            } catch (const DatabaseFailure&) {
                // The connection is gone, and the session's lock with it.
            }
            throw;
        }
        unlock();
    }
    return tally;
}

void MailSender::sendVenue(const QString& venueId, const QString& venueName, Tally* tally)
{
    // This process holds the venue's sender lock, so a request still marked 'sending' is one whose sender stopped
    // (or lost its database connection, and with it the lock) during the exchange.
    QStringList abandoned;
    QSqlQuery& marks =
        m_db.run(QStringLiteral("SELECT email_request_id FROM mail_delivery WHERE venue_id = ? AND state = 'sending'"),
                 {venueId});
    while (marks.next())
        abandoned.append(marks.value(0).toString());
    marks.finish();
    for (const QString& rowKey : std::as_const(abandoned))
        deliveryUnknown(venueId, rowKey, QStringLiteral("the server stopped while it was sending this message"), tally);

    QList<Request> queued;
    QSqlQuery& q = m_db.run(
        QStringLiteral("SELECT row_key, data::text, coalesce(field_clock->>'$row', field_clock->>'recipient', '') "
                       "FROM row_state WHERE venue_id = ? AND table_name = 'email_request' AND NOT deleted AND "
                       "coalesce(data->>'status', 'queued') = 'queued' ORDER BY seq LIMIT 500"),
        {venueId});
    while (q.next())
        queued.append({q.value(0).toString(), objectOf(q.value(1).toString()), q.value(2).toString()});
    q.finish();
    if (queued.isEmpty())
        return;
    SmtpClient client(m_config);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Request& request : std::as_const(queued)) {
        const int attempts = request.data.value(QStringLiteral("attempts")).toInt();
        const QDateTime next =
            QDateTime::fromString(request.data.value(QStringLiteral("next_attempt_at")).toString(), Qt::ISODateWithMs);
        if (attempts >= m_config.maxAttempts || (next.isValid() && next.toUTC() > now)) {
            ++tally->waiting;
            continue;
        }
        if (!sendOne(venueName, venueId, request, client, tally))
            break;
    }
}

bool MailSender::sendOne(const QString& venueName, const QString& venueId, const Request& request, SmtpClient& client,
                         Tally* tally)
{
    const QJsonObject details = detailsOf(request.data);
    const QString id = request.data.value(QStringLiteral("id")).toString(request.rowKey);
    const int attempts = request.data.value(QStringLiteral("attempts")).toInt() + 1;

    // The staff member whose operation queued it, as the server knows them: replies go to them.
    QString staffName;
    QString staffEmail;
    QSqlQuery& staff = m_db.run(QStringLiteral("SELECT coalesce(s.email, ''), s.display_name FROM applied_operation a "
                                               "JOIN staff s ON s.id = a.staff_id WHERE a.venue_id = ? AND a.hlc = ? "
                                               "AND a.status = 'applied' ORDER BY a.applied_at LIMIT 1"),
                                {venueId, request.insertClock});
    if (staff.next()) {
        staffEmail = staff.value(0).toString().trimmed();
        staffName = staff.value(1).toString().trimmed();
    }
    staff.finish();
    if (staffEmail.isEmpty()) { // an account without an email on the server: what the workstation knew
        staffEmail = details.value(QStringLiteral("reply_to")).toString().trimmed();
        if (staffName.isEmpty())
            staffName = details.value(QStringLiteral("from_name")).toString().trimmed();
    }

    const auto failNow = [&](const QString& why) {
        writeBack(venueId, request.rowKey,
                  {{QStringLiteral("status"), QStringLiteral("failed")},
                   {QStringLiteral("attempts"), attempts},
                   {QStringLiteral("last_error"), why.left(1000)},
                   {QStringLiteral("next_attempt_at"), QJsonValue::Null}});
        qWarning("email %s failed: %s", qPrintable(id), qPrintable(why));
        ++tally->failed;
    };

    MailTemplate::Content content;
    QString why;
    const QString templateName = request.data.value(QStringLiteral("template")).toString();
    MailTemplate::Link link;
    Attempt attempt;
    attempt.purpose = MailTemplate::linkPurpose(templateName);
    if (!attempt.purpose.isEmpty()) {
        if (m_portal.baseUrl.isEmpty()) {
            // Said once in the row (and the log), not once a round.
            const QString reason = QStringLiteral("The server configuration has no [portal] base_url, so it cannot "
                                                  "make the link this email carries; it stays queued.");
            if (request.data.value(QStringLiteral("last_error")).toString() != reason) {
                writeBack(
                    venueId, request.rowKey,
                    {{QStringLiteral("status"), QStringLiteral("queued")}, {QStringLiteral("last_error"), reason}});
                qWarning("email %s stays queued: no [portal] base_url", qPrintable(id));
            }
            ++tally->waiting;
            return true;
        }
        attempt.entityId = details.value(MailTemplate::linkEntityField(templateName)).toString().trimmed();
        if (!linkFacts(venueId, templateName, attempt.entityId, &link.facts, &why)) {
            failNow(why);
            return true;
        }
        attempt.token = LinkTokens::generate();
        attempt.expiresAt = QDateTime::currentDateTimeUtc().addSecs(qint64(m_portal.linkLifetimeHours) * 3600);
        link.expiresAt = attempt.expiresAt;
        // The token in the fragment: a browser never sends it to the portal's web server, so no access log has it.
        link.url = m_portal.baseUrl +
                   (attempt.purpose == LinkTokens::setPassword ? QStringLiteral("/set-password#token=")
                                                               : QStringLiteral("/recurring#token=")) +
                   attempt.token;
    }
    switch (MailTemplate::render(templateName, details, staffName, link, &content, &why)) {
    case MailTemplate::Status::NotYet:
        if (!reportedNotYet().contains(id)) {
            reportedNotYet().insert(id);
            qInfo("email %s stays queued: %s", qPrintable(id), qPrintable(why));
        }
        ++tally->waiting;
        return true;
    case MailTemplate::Status::Invalid:
        failNow(why);
        return true;
    case MailTemplate::Status::Ready:
        break;
    }

    MailMessage message;
    message.from = {m_config.fromName.isEmpty() ? venueName : m_config.fromName, m_config.fromAddress};
    if (!staffEmail.isEmpty())
        message.replyTo = {staffName, staffEmail};
    message.to = {QString(), request.data.value(QStringLiteral("recipient")).toString().trimmed()};
    message.subject = content.subject;
    message.body = content.body;
    message.date = QDateTime::currentDateTimeUtc();
    message.messageId = id;
    if (!message.replyTo.email.isEmpty() && !MailMessage::isPlainAddress(message.replyTo.email))
        message.replyTo = {};
    const QByteArray bytes = message.render(&why);
    if (bytes.isEmpty()) {
        failNow(why);
        return true;
    }

    beginAttempt(venueId, request.rowKey, attempt);
    const SmtpClient::Result result = client.send(m_config.fromAddress, message.to.email, bytes);
    switch (result.outcome) {
    case SmtpClient::Result::Outcome::Sent:
        writeBack(venueId, request.rowKey,
                  {{QStringLiteral("status"), QStringLiteral("sent")},
                   {QStringLiteral("attempts"), attempts},
                   {QStringLiteral("last_error"), QJsonValue::Null},
                   {QStringLiteral("sent_at"), utcText(QDateTime::currentDateTimeUtc())},
                   {QStringLiteral("next_attempt_at"), QJsonValue::Null}});
        qInfo("email %s sent", qPrintable(id));
        ++tally->sent;
        return true;
    case SmtpClient::Result::Outcome::Permanent:
        failNow(result.error);
        return true;
    case SmtpClient::Result::Outcome::Unknown:
        deliveryUnknown(
            venueId, request.rowKey,
            QStringLiteral("the mail relay took the whole message but its reply never came (%1)").arg(result.error),
            tally);
        return true;
    case SmtpClient::Result::Outcome::Transient:
        break;
    }
    if (attempts >= m_config.maxAttempts) {
        failNow(QStringLiteral("Gave up after %1 attempts: %2").arg(attempts).arg(result.error));
    } else {
        const qint64 wait =
            std::min<qint64>(static_cast<qint64>(m_config.retrySeconds) << std::min(attempts - 1, 20), 24 * 3600);
        writeBack(venueId, request.rowKey,
                  {{QStringLiteral("status"), QStringLiteral("queued")},
                   {QStringLiteral("attempts"), attempts},
                   {QStringLiteral("last_error"), result.error.left(1000)},
                   {QStringLiteral("next_attempt_at"), utcText(QDateTime::currentDateTimeUtc().addSecs(wait))}});
        qWarning("email %s not sent (attempt %d), trying again in %llds: %s", qPrintable(id), attempts,
                 static_cast<long long>(wait), qPrintable(result.error));
        ++tally->retrying;
    }
    return !result.relayUnusable;
}

bool MailSender::linkFacts(const QString& venueId, const QString& templateName, const QString& entityId,
                           QJsonObject* facts, QString* why)
{
    const bool membership = MailTemplate::linkPurpose(templateName) == LinkTokens::setPassword;
    if (entityId.isEmpty()) {
        *why = membership ? QStringLiteral("The email names no membership.")
                          : QStringLiteral("The email names no recurring donation.");
        return false;
    }
    QJsonObject row;
    if (!ServerChange::read(m_db, venueId,
                            membership ? QStringLiteral("membership") : QStringLiteral("recurring_donation"), entityId,
                            &row) ||
        !row.value(QStringLiteral("deleted_at")).toString().isEmpty()) {
        *why = membership ? QStringLiteral("The membership of this email does not exist on the server.")
                          : QStringLiteral("The recurring donation of this email does not exist on the server.");
        return false;
    }
    QJsonObject patron;
    const QString patronId = row.value(QStringLiteral("patron_id")).toString();
    if (!patronId.isEmpty())
        ServerChange::read(m_db, venueId, QStringLiteral("patron"), patronId, &patron);
    const QString preferred = patron.value(QStringLiteral("preferred_name")).toString().trimmed();
    facts->insert(QStringLiteral("first_name"),
                  preferred.isEmpty() ? patron.value(QStringLiteral("first_name")).toString() : preferred);
    if (membership) {
        facts->insert(QStringLiteral("membership_number"), row.value(QStringLiteral("membership_number")));
        return true;
    }
    const QString status = row.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("cancelled") || status == QLatin1String("completed")) {
        *why = QStringLiteral("The recurring donation is %1: there is nothing left to manage.").arg(status);
        return false;
    }
    facts->insert(QStringLiteral("amount_minor"), row.value(QStringLiteral("amount_minor")));
    facts->insert(QStringLiteral("frequency"), row.value(QStringLiteral("frequency")));
    QJsonObject fund;
    const QString fundId = row.value(QStringLiteral("fund_id")).toString();
    if (!fundId.isEmpty() && ServerChange::read(m_db, venueId, QStringLiteral("fund"), fundId, &fund))
        facts->insert(QStringLiteral("fund"), fund.value(QStringLiteral("name")));
    return true;
}

void MailSender::beginAttempt(const QString& venueId, const QString& rowKey, const Attempt& attempt)
{
    m_db.begin();
    try {
        if (!attempt.token.isEmpty())
            LinkTokens(m_db).store(attempt.token, venueId, attempt.purpose, attempt.entityId, rowKey,
                                   attempt.expiresAt);
        m_db.run(QStringLiteral("INSERT INTO mail_delivery (venue_id, email_request_id, state, attempt_started_at) "
                                "VALUES (?, ?, 'sending', now()) ON CONFLICT (venue_id, email_request_id) DO UPDATE "
                                "SET state = 'sending', attempt_started_at = now()"),
                 {venueId, rowKey});
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

void MailSender::deliveryUnknown(const QString& venueId, const QString& rowKey, const QString& cause, Tally* tally)
{
    m_db.begin();
    try {
        ServerChange::lockVenue(m_db, venueId);
        QJsonObject data;
        QSqlQuery& q = m_db.run(QStringLiteral("SELECT unknown_outcomes FROM mail_delivery WHERE venue_id = ? AND "
                                               "email_request_id = ? FOR UPDATE"),
                                {venueId, rowKey});
        const int unknown = (q.next() ? q.value(0).toInt() : 0) + 1;
        q.finish();
        m_db.run(QStringLiteral("UPDATE mail_delivery SET state = 'done', unknown_outcomes = ? WHERE venue_id = ? "
                                "AND email_request_id = ?"),
                 {unknown, venueId, rowKey});
        // Only a request still queued is settled: a workstation may have deleted it meanwhile.
        if (ServerChange::read(m_db, venueId, table, rowKey, &data) &&
            data.value(QStringLiteral("status")).toString(QStringLiteral("queued")) == QLatin1String("queued")) {
            const QString id = data.value(QStringLiteral("id")).toString(rowKey);
            const int attempts = data.value(QStringLiteral("attempts")).toInt() + 1;
            const bool again = MailTemplate::secondCopyIsHarmless(data.value(QStringLiteral("template")).toString()) &&
                               unknown == 1 && attempts < m_config.maxAttempts;
            const QString error =
                again ? QStringLiteral("Delivery unknown: %1. Sent once more with the same Message-ID: a second copy "
                                       "of this link email does no harm.")
                            .arg(cause)
                      : QStringLiteral("Delivery unknown: %1. Not sent again, so that it cannot arrive twice: ask the "
                                       "recipient whether it came before sending it again.")
                            .arg(cause);
            ServerChange::update(
                m_db, venueId, table, rowKey,
                {{QStringLiteral("status"), again ? QStringLiteral("queued") : QStringLiteral("failed")},
                 {QStringLiteral("attempts"), attempts},
                 {QStringLiteral("last_error"), error.left(1000)},
                 {QStringLiteral("next_attempt_at"), QJsonValue::Null}});
            qWarning("email %s: %s", qPrintable(id), qPrintable(error));
            if (again)
                ++tally->retrying;
            else
                ++tally->failed;
        }
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

void MailSender::writeBack(const QString& venueId, const QString& rowKey, const QJsonObject& fields)
{
    m_db.begin();
    try {
        // The same serialisation as pushes: change sequence numbers commit in order.
        ServerChange::lockVenue(m_db, venueId);
        ServerChange::update(m_db, venueId, table, rowKey, fields);
        m_db.run(QStringLiteral("UPDATE mail_delivery SET state = 'done' WHERE venue_id = ? AND email_request_id = ? "
                                "AND state = 'sending'"),
                 {venueId, rowKey});
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

} // namespace foyer::server
