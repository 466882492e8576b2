#include "SyncStack.h"

#include "SecureBuffer.h"
#include "SessionTokenVault.h"
#include "SyncContext.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"

#include <QSqlError>
#include <QUuid>

namespace foyer::testing {

const QByteArray& SyncStack::adminPassword()
{
    static const QByteArray password = QByteArrayLiteral("venue admin password 1");
    return password;
}

SyncStack::SyncStack()
    : m_keyStore(QStringLiteral("FoyerSyncTest"))
    , m_checkConnection(QStringLiteral("sync-stack-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SyncStack::~SyncStack()
{
    for (const auto& workstation : m_workstations)
        sync::SessionTokenVault(workstation->databaseId, m_keyStore).forget();
    m_workstations.clear();
    if (QSqlDatabase::contains(m_checkConnection)) {
        QSqlDatabase::database(m_checkConnection, false).close();
        QSqlDatabase::removeDatabase(m_checkConnection);
    }
    if (m_server)
        m_server->stop();
}

QString SyncStack::start()
{
    QString problem = m_cluster.start();
    if (problem.isEmpty())
        problem = m_cluster.createDatabase(QStringLiteral("foyer"));
    if (!problem.isEmpty())
        return problem;
    m_server =
        std::make_unique<ServerProcess>(m_cluster.host(), m_cluster.port(), QStringLiteral("foyer"), m_cluster.user());
    QByteArray output;
    if (m_server->runCommand({QStringLiteral("migrate")}, {}, &output) != 0)
        return QStringLiteral("migrate: ") + QString::fromUtf8(output);
    if (m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"),
                              QStringLiteral("Sync Test Venue"), QStringLiteral("--username"), QStringLiteral("admin")},
                             adminPassword() + '\n', &output) != 0)
        return QStringLiteral("create-admin: ") + QString::fromUtf8(output);
    return m_server->start();
}

SyncWorkstation* SyncStack::addWorkstation(const QString& name, QString* problem)
{
    SyncWorkstation* workstation = openWorkstation(name, problem);
    return workstation && registerWorkstation(*workstation, problem) ? workstation : nullptr;
}

SyncWorkstation* SyncStack::openWorkstation(const QString& name, QString* problem)
{
    auto workstation = std::make_unique<SyncWorkstation>();
    workstation->name = name;
    workstation->databaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    workstation->path = m_dir.filePath(name + QStringLiteral(".db"));
    workstation->key = QByteArray(32, char(0x41 + m_workstations.size()));
    storage::DatabaseError error;
    workstation->database =
        storage::Database::open(workstation->path, workstation->key, storage::Database::Mode::CreateNew, &error);
    if (!workstation->database) {
        *problem = error.message;
        return nullptr;
    }
    workstation->repos = std::make_unique<storage::Repositories>(workstation->database->connection());
    workstation->endpoint.baseUrl = QUrl(m_server->baseUrl());
    workstation->endpoint.caCertificatePem = m_server->caCertificates().first().toPem();
    m_workstations.push_back(std::move(workstation));
    return m_workstations.back().get();
}

bool SyncStack::registerWorkstation(SyncWorkstation& workstation, QString* problem,
                                    const std::function<bool(qint64, qint64)>& upload)
{
    sync::WorkstationRegistration registration(workstation.database->connection(), workstation.databaseId, m_keyStore);
    registration.setUploadProgress(upload);
    if (!registration.registerWith(workstation.endpoint, QStringLiteral("admin"),
                                   core::SecureBuffer::copyOf(adminPassword()), workstation.name, problem))
        return false;
    m_staffId = registration.staffId();
    storage::SyncContext::setStaffId(m_staffId);
    const std::optional<sync::SyncEndpoint> stored =
        sync::WorkstationRegistration::storedEndpoint(workstation.database->connection(), problem);
    if (!stored)
        return false;
    workstation.endpoint = *stored;
    QString loadError;
    const auto identity = storage::WorkstationIdentity(workstation.database->connection()).load(&loadError);
    if (!identity) {
        *problem = loadError;
        return false;
    }
    workstation.workstationId = identity->workstationId;
    return true;
}

QByteArray SyncStack::token(SyncWorkstation& workstation)
{
    const security::KeyStore::Result token = sync::SessionTokenVault(workstation.databaseId, m_keyStore).read();
    return token.ok() ? sync::SessionTokenVault::tokenText(token.key) : QByteArray();
}

sync::SyncRound SyncStack::syncRound(SyncWorkstation& workstation)
{
    sync::SyncHttpClient http(workstation.endpoint);
    const QByteArray text = token(workstation);
    if (text.isEmpty()) {
        sync::SyncRound failed;
        failed.problem = QStringLiteral("no session token in the keychain");
        return failed;
    }
    return sync::SyncEngine(workstation.database->connection(), &http).run(text);
}

QSqlDatabase SyncStack::serverDb()
{
    if (QSqlDatabase::contains(m_checkConnection))
        return QSqlDatabase::database(m_checkConnection);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_checkConnection);
    db.setHostName(m_cluster.host());
    db.setPort(m_cluster.port());
    db.setDatabaseName(QStringLiteral("foyer"));
    db.setUserName(m_cluster.user());
    if (!db.open())
        qWarning("cannot open the server database: %s", qPrintable(db.lastError().text()));
    return db;
}

} // namespace foyer::testing
