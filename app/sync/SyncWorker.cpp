#include "SyncWorker.h"

#include "Database.h"
#include "RetryBackoff.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "SyncOutbox.h"

#include <QRandomGenerator>
#include <QUuid>

namespace foyer::sync {

SyncWorker::SyncWorker(const storage::Database* database, SyncEndpoint endpoint, QString databaseId,
                       QByteArray sessionToken, int intervalMs)
    : m_database(database)
    , m_endpoint(std::move(endpoint))
    , m_databaseId(std::move(databaseId))
    , m_token(std::move(sessionToken))
    , m_connectionName(QStringLiteral("sync-worker-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_intervalMs(intervalMs)
{
    m_status.configured = true;
}

SyncWorker::~SyncWorker()
{
    stop();
}

void SyncWorker::start()
{
    if (m_running)
        return;
    storage::DatabaseError error;
    // A bounded page cache: a first sync writes the whole venue through this connection (SyncEngine::PageCacheKib).
    const QSqlDatabase db = m_database->openWorkerConnection(m_connectionName, &error, SyncEngine::connectOptions());
    if (!db.isOpen()) {
        m_status.problem = tr("Sync could not open the database: %1").arg(error.message);
        publish();
        return;
    }
    m_running = true;
    m_http = std::make_unique<SyncHttpClient>(m_endpoint);
    m_engine = std::make_unique<SyncEngine>(db, m_http.get());
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncWorker::runRound);
    m_timer->start(0);
}

void SyncWorker::syncNow()
{
    if (m_running && !m_status.syncing)
        m_timer->start(0);
}

void SyncWorker::setSessionToken(const QByteArray& sessionToken)
{
    m_token = sessionToken;
    syncNow();
}

void SyncWorker::stop()
{
    // Never in the middle of a round (a nested event loop could deliver this): the round stops itself instead.
    if (m_status.syncing) {
        m_running = false;
        return;
    }
    if (!m_running && !m_engine)
        return;
    m_running = false;
    if (m_timer)
        m_timer->stop();
    m_engine.reset();
    m_http.reset();
    storage::Database::closeWorkerConnection(m_connectionName);
}

void SyncWorker::runRound()
{
    if (!m_running)
        return;
    m_status.syncing = true;
    publish();
    SyncRound round;
    if (m_token.isEmpty()) {
        round.problem = tr("Sign in while the server can be reached to start syncing.");
    } else {
        round = m_engine->run(m_token, [this](qint64 pulled, qint64 total) {
            m_status.pulledSoFar = pulled;
            m_status.pullTotal = total;
            publish();
        });
    }
    m_status.syncing = false;
    m_status.pulledLastRound = round.pulled;
    m_status.online = round.ok || round.serverAnswered;
    m_status.problem = round.ok ? QString() : round.problem;
    if (round.ok)
        m_status.lastSyncUtc = QDateTime::currentDateTimeUtc();
    if (round.ok) {
        m_failuresInARow = 0;
        if (m_running)
            m_timer->start(m_intervalMs);
    } else {
        scheduleAfterFailure();
    }
    publish();
}

void SyncWorker::scheduleAfterFailure()
{
    ++m_failuresInARow;
    const auto delay = RetryBackoff::delayAfter(m_failuresInARow, QRandomGenerator::global()->generateDouble());
    if (m_running)
        m_timer->start(int(std::min<long long>(delay.count(), m_intervalMs * 10LL)));
}

void SyncWorker::publish()
{
    if (m_engine) {
        storage::SyncOutbox outbox(QSqlDatabase::database(m_connectionName, false));
        QString error;
        m_status.waiting = int(outbox.pendingCount(&error));
        m_status.refused = int(outbox.refusedCount(&error));
    }
    emit statusChanged(m_status);
}

} // namespace foyer::sync
