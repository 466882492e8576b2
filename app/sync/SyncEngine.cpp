#include "SyncEngine.h"

#include "SyncApplier.h"
#include "SyncOutbox.h"
#include "TicketCertification.h"
#include "WorkstationIdentity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace foyer::sync {

QJsonArray SyncEngine::withinBatchSize(const QJsonArray& operations)
{
    QJsonArray batch;
    qsizetype bytes = 0;
    for (const QJsonValue& operation : operations) {
        const qsizetype size = QJsonDocument(operation.toObject()).toJson(QJsonDocument::Compact).size();
        if (!batch.isEmpty() && bytes + size > SyncEngine::PushBatchBytes)
            break;
        batch.append(operation);
        bytes += size;
    }
    return batch;
}

QString SyncEngine::connectOptions()
{
    return QStringLiteral("QSQLCIPHER_CACHE_SIZE=-%1").arg(PageCacheKib);
}

SyncEngine::SyncEngine(QSqlDatabase db, SyncHttpClient* http)
    : m_db(std::move(db))
    , m_http(http)
{
}

bool SyncEngine::fail(SyncRound* round, const HttpResult& result, const QString& what)
{
    round->ok = false;
    round->failure = result.kind;
    round->serverAnswered = result.reachedServer();
    round->problem = what.isEmpty() ? result.describe() : what + QStringLiteral(": ") + result.describe();
    return false;
}

SyncRound SyncEngine::run(const QByteArray& token, const Progress& progress)
{
    SyncRound round;
    if (!push(token, &round) || !pull(token, &round, progress) || !topUpPatronNumbers(token, &round))
        return round;
    renewTicketCertificate(token);
    round.ok = true;
    round.serverAnswered = true;
    return round;
}

bool SyncEngine::push(const QByteArray& token, SyncRound* round)
{
    storage::SyncOutbox outbox(m_db);
    QString error;
    const std::optional<storage::WorkstationIdentity::Registration> registration =
        storage::WorkstationIdentity(m_db).load(&error);
    if (!registration) {
        round->problem = tr("This workstation's registration could not be read: %1").arg(error);
        return false;
    }
    for (;;) {
        std::optional<QJsonArray> operations = outbox.pending(PushBatch, &error);
        if (!operations) {
            round->problem = tr("The operations waiting to sync could not be read: %1").arg(error);
            return false;
        }
        if (operations->isEmpty())
            return true;
        *operations = withinBatchSize(*operations);
        const HttpResult reply =
            m_http->post(QStringLiteral("/v1/push"),
                         QJsonObject{{QStringLiteral("format"), 1},
                                     {QStringLiteral("workstation_id"), registration->workstationId},
                                     {QStringLiteral("operations"), *operations}},
                         token);
        if (!reply.ok()) {
            QStringList ids;
            for (const QJsonValue& operation : *operations)
                ids << operation.toObject().value(QStringLiteral("id")).toString();
            QString recordError;
            outbox.recordFailure(ids, reply.describe(), &recordError);
            return fail(round, reply, tr("Sending changes failed"));
        }
        const QJsonArray results = reply.body.value(QStringLiteral("results")).toArray();
        if (results.size() != operations->size()) {
            round->serverAnswered = true;
            round->problem = tr("The server acknowledged %1 of %2 operations; they will be sent again.")
                                 .arg(results.size())
                                 .arg(operations->size());
            return false;
        }
        // Marked sent only now, in one transaction: a reply lost before this point means a resend, which the
        // server answers "duplicate" without applying anything twice.
        if (!outbox.acknowledge(reply.body, &error)) {
            round->problem = tr("The server's acknowledgement could not be recorded: %1").arg(error);
            return false;
        }
        for (const QJsonValue& result : results) {
            if (result.toObject().value(QStringLiteral("status")).toString() == QLatin1String("refused"))
                ++round->refused;
            else
                ++round->pushed;
        }
    }
}

bool SyncEngine::pull(const QByteArray& token, SyncRound* round, const Progress& progress)
{
    // One applier for the whole pull: it keeps its prepared statements from page to page.
    storage::SyncApplier applier(m_db);
    QString error;
    const qint64 cursor = applier.cursor(&error);
    if (cursor < 0) {
        round->problem = tr("The sync position could not be read: %1").arg(error);
        return false;
    }
    const auto request = [&](qint64 after, int limit) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("after"), QString::number(after));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        return m_http->startGet(QStringLiteral("/v1/pull"), query, token);
    };
    SyncHttpClient::Pending next = request(cursor, PullPage);
    for (;;) {
        const HttpResult reply = m_http->wait(next);
        next.reset();
        if (!reply.ok())
            return fail(round, reply, tr("Receiving changes failed"));
        const qint64 remaining = reply.body.value(QStringLiteral("remaining")).toInteger();
        const bool more = reply.body.value(QStringLiteral("more")).toBool();
        // The next page is asked for before this one is applied, so the server reads it and Qt's HTTP thread
        // receives it meanwhile. It starts at this page's end, which is the cursor once this page is applied; if
        // applying fails, it is dropped unread.
        if (more)
            next = request(qint64(reply.body.value(QStringLiteral("next")).toDouble()),
                           remaining >= FarBehind ? LargePullPage : PullPage);
        // The page's staff directory is applied with its rows, in one transaction (SyncApplier).
        if (!applier.apply(reply.body, &error)) {
            round->serverAnswered = true;
            round->problem = tr("Changes from the server could not be applied: %1").arg(error);
            return false;
        }
        const qint64 pageSize = reply.body.value(QStringLiteral("changes")).toArray().size();
        round->pulled += pageSize;
        if (progress)
            progress(round->pulled, round->pulled + remaining);
        if (!more)
            return true;
    }
}

bool SyncEngine::topUpPatronNumbers(const QByteArray& token, SyncRound* round)
{
    storage::WorkstationIdentity identity(m_db);
    QString error;
    const std::optional<storage::WorkstationIdentity::Registration> registration = identity.load(&error);
    const qint64 left = registration ? identity.patronNumbersLeft(&error) : -1;
    if (!registration || (left < 0 && !error.isEmpty())) {
        round->problem = tr("This workstation's patron numbers could not be read: %1").arg(error);
        return false;
    }
    const qint64 blockSize = registration->patronNumbersLast - registration->patronNumbersFirst + 1;
    // Asked for before the block runs out, so a window that goes offline still has numbers to hand out.
    if (registration->workstationId.isEmpty() || left < 0 || left * 4 >= blockSize)
        return true;
    const HttpResult reply = m_http->post(
        QStringLiteral("/v1/workstations/%1/patron-numbers").arg(registration->workstationId), QJsonObject{}, token);
    if (!reply.ok())
        return fail(round, reply, tr("Asking for more patron numbers failed"));
    const QJsonObject block = reply.body.value(QStringLiteral("patron_numbers")).toObject();
    if (!identity.setPatronNumberBlock(block.value(QStringLiteral("first")).toInteger(),
                                       block.value(QStringLiteral("last")).toInteger(), &error)) {
        round->problem = tr("The new patron numbers could not be stored: %1").arg(error);
        return false;
    }
    return true;
}

void SyncEngine::renewTicketCertificate(const QByteArray& token)
{
    // Not a failure of the round: the stored certificate (or, without one, the workstation's own key) still signs,
    // and a revoked workstation keeps syncing its sales.
    QString error;
    const std::optional<storage::WorkstationIdentity::Registration> registration =
        storage::WorkstationIdentity(m_db).load(&error);
    if (!registration || registration->workstationId.isEmpty())
        return;
    TicketCertification certification(m_db);
    if (!certification.needsRenewal(registration->ticketCertificate, QDateTime::currentDateTimeUtc(), &error) ||
        !error.isEmpty())
        return;
    if (!certification.renew(m_http, token, registration->workstationId, &error))
        qWarning("The ticket certificate was not renewed: %s", qPrintable(error));
}

} // namespace foyer::sync
