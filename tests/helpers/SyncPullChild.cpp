// sync_pull_child DB DATABASE-ID KEYCHAIN-SERVICE DELAY-MS: reads the database's hex key from stdin, opens the
// registered workstation database and runs SyncEngine::pull against its stored endpoint with the session token from
// the keychain. After each page is applied (its rows and cursor committed) it prints "applied <rows pulled>" and
// sleeps DELAY-MS, so a test can SIGKILL it between pages or while the next page is being applied. Prints
// "done <rows pulled>" and exits 0 when nothing is left; exits 1 with the problem on stderr.
#include "Database.h"
#include "KeyStore.h"
#include "SessionTokenVault.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "WorkstationRegistration.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThread>
#include <cstdio>

using namespace foyer;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 5)
        return 2;
    QTextStream in(stdin);
    const QByteArray key = QByteArray::fromHex(in.readLine().toLatin1());
    QTextStream err(stderr);
    storage::DatabaseError error;
    auto database =
        storage::Database::open(QString::fromLocal8Bit(argv[1]), key, storage::Database::Mode::OpenExisting, &error);
    if (!database) {
        err << error.message << Qt::endl;
        return 1;
    }
    QString problem;
    const std::optional<sync::SyncEndpoint> endpoint =
        sync::WorkstationRegistration::storedEndpoint(database->connection(), &problem);
    if (!endpoint) {
        err << problem << Qt::endl;
        return 1;
    }
    const security::KeyStore::Result token =
        sync::SessionTokenVault(QString::fromLocal8Bit(argv[2]), security::KeyStore(QString::fromLocal8Bit(argv[3])))
            .read();
    if (!token.ok()) {
        err << token.message << Qt::endl;
        return 1;
    }
    const unsigned long delayMs = QByteArray(argv[4]).toULong();
    sync::SyncHttpClient http(*endpoint);
    sync::SyncRound round;
    const bool pulled =
        sync::SyncEngine(database->connection(), &http)
            .pull(sync::SessionTokenVault::tokenText(token.key), &round, [delayMs](qint64 rows, qint64) {
                std::printf("applied %lld\n", static_cast<long long>(rows));
                std::fflush(stdout);
                QThread::msleep(delayMs);
            });
    if (!pulled) {
        err << round.problem << Qt::endl;
        return 1;
    }
    std::printf("done %lld\n", static_cast<long long>(round.pulled));
    std::fflush(stdout);
    return 0;
}
