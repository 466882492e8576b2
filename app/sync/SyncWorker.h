#pragma once

#include "SyncEndpoint.h"
#include "SyncStatus.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

namespace foyer::storage {
class Database;
}

namespace foyer::sync {

class SyncEngine;
class SyncHttpClient;

// Runs sync rounds on its own thread with its own database connection, so the window never waits on the network:
// every interval, at once when asked (syncNow), and after a failure when RetryBackoff says. Reports SyncStatus.
// Create it, moveToThread(), then call start() through a queued connection (or QMetaObject::invokeMethod).
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    // sessionToken: as sent (SessionTokenVault::tokenText), read from the keychain by the caller on the window's
    // thread: QtKeychain's backend must only be used from the thread that first used it.
    SyncWorker(const storage::Database* database, SyncEndpoint endpoint, QString databaseId, QByteArray sessionToken,
               int intervalMs = 30000);
    ~SyncWorker() override;

public slots:
    void start();
    void syncNow();
    // After a new sign-in at the server (another staff member, a renewed session).
    void setSessionToken(const QByteArray& sessionToken);
    void stop();

signals:
    void statusChanged(const foyer::sync::SyncStatus& status);

private:
    void runRound();
    void scheduleAfterFailure();
    void publish();

    const storage::Database* m_database;
    SyncEndpoint m_endpoint;
    QString m_databaseId;
    QByteArray m_token;
    QString m_connectionName;
    int m_intervalMs;
    int m_failuresInARow = 0;
    bool m_running = false;
    QTimer* m_timer = nullptr;
    std::unique_ptr<SyncHttpClient> m_http;
    std::unique_ptr<SyncEngine> m_engine;
    SyncStatus m_status;
};

} // namespace foyer::sync
