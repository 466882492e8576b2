// Two workstations and the venue's server, all real: a PostgreSQL cluster, a foyer-server process over TLS, two
// encrypted workstation databases syncing through the sync client (SyncEngine over SyncHttpClient), the session
// token in a real keychain. Patrons and venue setup made on one window reach the other; a seat both windows hold
// while offline ends with one order, the other refused with its reason for the sync panel; a server down means
// operations queue and catch up; a changed server certificate is refused by name.
#include "ApiClient.h"
#include "Clock.h"
#include "Database.h"
#include "KeyStore.h"
#include "PatronFixtures.h"
#include "PostgresCluster.h"
#include "Repositories.h"
#include "SearchText.h"
#include "ServerProcess.h"
#include "SessionTokenVault.h"
#include "SyncContext.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "SyncOutbox.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace foyer;

namespace {

const QByteArray adminPassword = QByteArrayLiteral("venue admin password 1");

struct Workstation
{
    QString databaseId;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Repositories> repos;
    sync::SyncEndpoint endpoint;
};

} // namespace

class TestSyncEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    security::KeyStore m_keyStore{QStringLiteral("FoyerSyncTest")};
    Workstation m_a;
    Workstation m_b;
    QString m_hall;
    QString m_show;
    QString m_performance;
    QString m_priceType;
    QList<core::SeatMap::Seat> m_seats;

    void makeWorkstation(Workstation* workstation, const QString& name)
    {
        workstation->databaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        storage::DatabaseError error;
        workstation->database =
            storage::Database::open(m_dir.filePath(name + QStringLiteral(".db")), QByteArray(32, name.at(0).toLatin1()),
                                    storage::Database::Mode::CreateNew, &error);
        QVERIFY2(workstation->database, qPrintable(error.message));
        workstation->repos = std::make_unique<storage::Repositories>(workstation->database->connection());
        workstation->endpoint.baseUrl = QUrl(m_server->baseUrl());
        workstation->endpoint.caCertificatePem = m_server->caCertificates().first().toPem();
        sync::WorkstationRegistration registration(workstation->database->connection(), workstation->databaseId,
                                                   m_keyStore);
        QString problem;
        QVERIFY2(registration.registerWith(workstation->endpoint, QStringLiteral("admin"),
                                           core::SecureBuffer::copyOf(adminPassword), name, &problem),
                 qPrintable(problem));
        storage::SyncContext::setStaffId(registration.staffId());
        std::optional<sync::SyncEndpoint> stored =
            sync::WorkstationRegistration::storedEndpoint(workstation->database->connection(), &problem);
        QVERIFY2(stored, qPrintable(problem));
        QVERIFY(!stored->pinnedSha256.isEmpty());
        workstation->endpoint = *stored;
    }

    // One full round (push, pull, patron numbers) on the workstation's connection, as the sync worker runs it.
    sync::SyncRound syncRound(Workstation& workstation)
    {
        sync::SyncHttpClient http(workstation.endpoint);
        const security::KeyStore::Result token = sync::SessionTokenVault(workstation.databaseId, m_keyStore).read();
        if (!token.ok()) {
            sync::SyncRound failed;
            failed.problem = token.message;
            return failed;
        }
        return sync::SyncEngine(workstation.database->connection(), &http)
            .run(sync::SessionTokenVault::tokenText(token.key));
    }

    qint64 count(Workstation& workstation, const QString& sql)
    {
        QSqlQuery query(workstation.database->connection());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    core::OrderLineDraft seatLine(int seat)
    {
        core::OrderLineDraft line;
        line.performanceId = m_performance;
        line.showId = m_show;
        line.performanceAt = QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        line.seatId = m_seats.at(seat).id;
        line.seatLabel = m_seats.at(seat).label();
        line.priceTypeId = m_priceType;
        line.priceTypeName = QStringLiteral("Adult");
        line.listPriceMinor = 4500;
        line.payType = QStringLiteral("credit_card");
        return line;
    }

private slots:
    void initTestCase()
    {
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC)));
        const QString started = m_cluster.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString created = m_cluster.createDatabase(QStringLiteral("foyer"));
        QVERIFY2(created.isEmpty(), qPrintable(created));
        m_server = std::make_unique<ServerProcess>(m_cluster.host(), m_cluster.port(), QStringLiteral("foyer"),
                                                   m_cluster.user());
        QByteArray output;
        QVERIFY2(m_server->runCommand({QStringLiteral("migrate")}, {}, &output) == 0, output.constData());
        QVERIFY2(m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"),
                                       QStringLiteral("Sync Test Venue"), QStringLiteral("--username"),
                                       QStringLiteral("admin")},
                                      adminPassword + '\n', &output) == 0,
                 output.constData());
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        makeWorkstation(&m_a, QStringLiteral("a-window"));
        makeWorkstation(&m_b, QStringLiteral("b-window"));
    }

    void registrationGivesEachWindowItsOwnPrefixAndPatronNumbers()
    {
        QString error;
        const auto a = storage::WorkstationIdentity(m_a.database->connection()).load(&error);
        const auto b = storage::WorkstationIdentity(m_b.database->connection()).load(&error);
        QVERIFY2(a && b, qPrintable(error));
        QVERIFY(!a->prefix.isEmpty() && a->prefix != b->prefix);
        QVERIFY(a->patronNumbersLast < b->patronNumbersFirst || b->patronNumbersLast < a->patronNumbersFirst);
        QCOMPARE(m_a.repos->orders.workstationPrefix(&error), a->prefix);
    }

    void venueSetupAndPatronsReachTheOtherWindow()
    {
        QString error;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 6; ++s)
            csv += QStringLiteral("Stalls,D,%1,%1,1\n").arg(s);
        m_hall = m_a.repos->venue.importSeatMap(QStringLiteral("Main"), csv, &error);
        QVERIFY2(!m_hall.isEmpty(), qPrintable(error));
        m_seats = m_a.repos->venue.seats(m_hall, &error);
        m_show = m_a.repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        m_performance = m_a.repos->venue.addPerformance(m_show, m_hall, starts, starts.addDays(-30), &error);
        m_priceType = m_a.repos->venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &error);
        QVERIFY2(!m_priceType.isEmpty(), qPrintable(error));
        const QString patronId =
            testing::addPatron(m_a.repos->patrons, QStringLiteral("Yara"), QStringLiteral("Darrow"),
                               QStringLiteral("yara@example.org"), QString());
        QVERIFY(!patronId.isEmpty());
        QVERIFY(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")) > 0);

        const sync::SyncRound pushed = syncRound(m_a);
        QVERIFY2(pushed.ok, qPrintable(pushed.problem));
        QVERIFY(pushed.pushed > 0);
        QCOMPARE(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")), 0);
        const sync::SyncRound pulled = syncRound(m_b);
        QVERIFY2(pulled.ok, qPrintable(pulled.problem));
        QVERIFY(pulled.pulled > 0);

        // B has A's seats, show and patron, and finds the patron as staff type; nothing of it goes back out.
        QCOMPARE(m_b.repos->venue.seats(m_hall, &error).size(), 6);
        const auto found =
            m_b.repos->search.search(core::SearchText::queryTokens(QStringLiteral("darrow")), {}, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> patrons;
        for (const auto& hit : found)
            patrons.insert(hit.patronId);
        QCOMPARE(patrons, QSet<QString>{patronId});
        QCOMPARE(count(m_b, QStringLiteral("SELECT count(*) FROM sync_outbox")), 0);
    }

    void theSameSeatHeldOfflineOnBothWindowsEndsWithOneOrder()
    {
        QString error;
        core::OrderDraft onA;
        onA.lines = {seatLine(0)};
        QVERIFY2(m_a.repos->orders.save(onA, QString(), &error), qPrintable(error));
        core::OrderDraft onB;
        onB.lines = {seatLine(0)};
        QVERIFY2(m_b.repos->orders.save(onB, QString(), &error), qPrintable(error));
        QVERIFY(onA.confirmationNumber != onB.confirmationNumber);

        QVERIFY(syncRound(m_a).ok);
        const sync::SyncRound refused = syncRound(m_b);
        QCOMPARE(refused.refused, 1);
        const auto listed = storage::SyncOutbox(m_b.database->connection()).refused(10, &error);
        QVERIFY2(listed, qPrintable(error));
        QCOMPARE(listed->size(), 1);
        QVERIFY2(listed->first().reason.contains(QStringLiteral("Stalls D1")), qPrintable(listed->first().reason));
        QVERIFY2(listed->first().reason.contains(QStringLiteral("already")), qPrintable(listed->first().reason));

        // Until staff resolve it, B cannot take A's order for that seat: the pull says which order is in the way.
        const sync::SyncRound blocked = syncRound(m_b);
        QVERIFY(!blocked.ok);
        QVERIFY2(blocked.problem.contains(QStringLiteral("Stalls D1")), qPrintable(blocked.problem));
        // Staff discard B's refused order in the sync panel: its rows go, A's order arrives, the list is empty.
        QVERIFY2(storage::SyncOutbox(m_b.database->connection()).discardRefused(listed->first().id, QString(), &error),
                 qPrintable(error));
        const sync::SyncRound resolved = syncRound(m_b);
        QVERIFY2(resolved.ok, qPrintable(resolved.problem));
        QCOMPARE(storage::SyncOutbox(m_b.database->connection()).refused(10, &error)->size(), 0);
        QCOMPARE(count(m_b, QStringLiteral("SELECT count(*) FROM \"order\" WHERE confirmation_number = '%1'")
                                .arg(onA.confirmationNumber)),
                 1);
        QCOMPARE(count(m_b, QStringLiteral("SELECT count(*) FROM \"order\" WHERE confirmation_number = '%1'")
                                .arg(onB.confirmationNumber)),
                 0);
        QCOMPARE(count(m_b, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")), 0);
    }

    void aServerThatIsDownMeansQueueingThenCatchingUp()
    {
        m_server->stop();
        testing::addPatron(m_a.repos->patrons, QStringLiteral("Ines"), QStringLiteral("Okafor"),
                           QStringLiteral("ines@example.org"), QString());
        const sync::SyncRound offline = syncRound(m_a);
        QVERIFY(!offline.ok);
        QCOMPARE(offline.failure, sync::HttpResult::Kind::Unreachable);
        QVERIFY(!offline.serverAnswered);
        QCOMPARE(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")), 1);
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        const sync::SyncRound back = syncRound(m_a);
        QVERIFY2(back.ok, qPrintable(back.problem));
        QCOMPARE(back.pushed, 1);
        const sync::SyncRound caughtUp = syncRound(m_b);
        QVERIFY2(caughtUp.ok, qPrintable(caughtUp.problem));
        QString error;
        const auto found =
            m_b.repos->search.search(core::SearchText::queryTokens(QStringLiteral("okafor")), {}, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> patrons;
        for (const auto& hit : found)
            patrons.insert(hit.patronId);
        QCOMPARE(patrons.size(), 1);
    }

    void aChangedServerCertificateIsRefusedByName()
    {
        sync::SyncEndpoint changed = m_a.endpoint;
        changed.pinnedSha256 = QByteArray(64, 'a');
        sync::SyncHttpClient http(changed);
        const sync::HttpResult result = http.get(QStringLiteral("/v1/health"), {}, QByteArray());
        QCOMPARE(result.kind, sync::HttpResult::Kind::CertificateChanged);
        QVERIFY(result.message.contains(QStringLiteral("certificate has changed")));
        // A server whose certificate is not from the venue's CA is refused too.
        sync::SyncEndpoint foreign = m_a.endpoint;
        foreign.pinnedSha256.clear();
        foreign.caCertificatePem = QByteArray();
        const sync::HttpResult untrusted = sync::SyncHttpClient(foreign).get(QStringLiteral("/v1/health"), {}, {});
        QCOMPARE(untrusted.kind, sync::HttpResult::Kind::Untrusted);
    }

    void cleanupTestCase()
    {
        for (Workstation* workstation : {&m_a, &m_b})
            if (!workstation->databaseId.isEmpty())
                sync::SessionTokenVault(workstation->databaseId, m_keyStore).forget();
    }
};

QTEST_MAIN(TestSyncEndToEnd)
#include "TestSyncEndToEnd.moc"
