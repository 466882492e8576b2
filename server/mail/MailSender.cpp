#include "MailSender.h"

#include "DatabaseFailure.h"
#include "MailMessage.h"
#include "MailTemplate.h"
#include "RowMerge.h"
#include "ServerClock.h"
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

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
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

MailSender::MailSender(const ServerConfig::Smtp& config, ServerDatabase& db)
    : m_config(config)
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
    switch (MailTemplate::render(templateName, details, staffName, &content, &why)) {
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

void MailSender::writeBack(const QString& venueId, const QString& rowKey, const QJsonObject& fields)
{
    m_db.begin();
    try {
        // The same serialisation as pushes: change sequence numbers commit in order.
        m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7461, hashtext(?))"), {venueId}).finish();
        QSqlQuery& q = m_db.run(QStringLiteral("SELECT key::text, data::text, field_clock::text, deleted FROM "
                                               "row_state WHERE venue_id = ? AND table_name = ? AND row_key = ? "
                                               "FOR UPDATE"),
                                {venueId, table, rowKey});
        if (!q.next()) {
            q.finish();
            m_db.rollback();
            return;
        }
        const QJsonObject key = objectOf(q.value(0).toString());
        RowMerge::Row row;
        row.exists = true;
        row.data = objectOf(q.value(1).toString());
        row.clock = objectOf(q.value(2).toString());
        row.deleted = q.value(3).toBool();
        q.finish();
        if (row.deleted) {
            m_db.rollback();
            return;
        }
        QString latest;
        for (auto it = row.clock.constBegin(); it != row.clock.constEnd(); ++it)
            if (it.value().toString() > latest)
                latest = it.value().toString();
        const QString hlc = ServerClock::now(latest);
        if (RowMerge::apply(row, RowMerge::Kind::Update, key, fields, hlc))
            m_db.run(QStringLiteral("UPDATE row_state SET data = ?::jsonb, field_clock = ?::jsonb, seq = "
                                    "nextval('change_seq') WHERE venue_id = ? AND table_name = ? AND row_key = ?"),
                     {compact(row.data), compact(row.clock), venueId, table, rowKey});
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

} // namespace foyer::server
