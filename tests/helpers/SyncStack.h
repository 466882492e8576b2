#pragma once

#include "Database.h"
#include "KeyStore.h"
#include "PostgresCluster.h"
#include "Repositories.h"
#include "ServerProcess.h"
#include "SyncEndpoint.h"
#include "SyncRound.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>
#include <functional>
#include <memory>
#include <vector>

namespace foyer::testing {

// One registered, encrypted workstation database of a SyncStack.
struct SyncWorkstation
{
    QString name;
    QString databaseId;
    QString path;
    QByteArray key;
    QString workstationId;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Repositories> repos;
    sync::SyncEndpoint endpoint;

    QSqlDatabase db() const { return database->connection(); }
};

// A real PostgreSQL cluster, a foyer-server process with a venue and its admin, and workstations registered with it
// the way the app registers them (token in the keychain). For the sync tests.
class SyncStack
{
public:
    static const QByteArray& adminPassword();

    SyncStack();
    ~SyncStack();

    // Empty when the cluster and server run; else what went wrong.
    QString start();
    // Creates and registers a workstation; nullptr with problem set when it fails.
    SyncWorkstation* addWorkstation(const QString& name, QString* problem);
    // Creates a workstation's database without registering it (a standalone workstation, used before it registers).
    SyncWorkstation* openWorkstation(const QString& name, QString* problem);
    // Registers an opened workstation as the venue's admin (upload: the first-upload progress callback, see
    // sync::WorkstationRegistration::setUploadProgress); false with problem set when it fails.
    bool registerWorkstation(SyncWorkstation& workstation, QString* problem,
                             const std::function<bool(qint64, qint64)>& upload = {});
    // One full round (push, pull, patron numbers) as the sync worker runs it.
    sync::SyncRound syncRound(SyncWorkstation& workstation);
    // The session token text of the workstation (from the keychain); empty when it cannot be read.
    QByteArray token(SyncWorkstation& workstation);

    QString staffId() const { return m_staffId; }
    PostgresCluster& cluster() { return m_cluster; }
    ServerProcess& server() { return *m_server; }
    // A connection to the server's database (QPSQL) for checks.
    QSqlDatabase serverDb();
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    security::KeyStore m_keyStore;
    std::vector<std::unique_ptr<SyncWorkstation>> m_workstations;
    QString m_staffId;
    QString m_checkConnection;
};

} // namespace foyer::testing
