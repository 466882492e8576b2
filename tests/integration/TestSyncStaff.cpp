// Staff ids are the server's, with a real PostgreSQL, a real foyer-server process and a real keychain: a standalone
// workstation's accounts carry over at registration (same ids, same passwords), a second workstation pulls the
// directory so rows naming those staff apply, and sign-in on a registered workstation asks the server first (it
// decides when it answers; offline the local verifier refreshed by the last online sign-in does).
#include "ApiClient.h"
#include "Clock.h"
#include "Database.h"
#include "KeyStore.h"
#include "PostgresCluster.h"
#include "Repositories.h"
#include "ServerProcess.h"
#include "SessionTokenVault.h"
#include "StaffDirectoryCache.h"
#include "StaffSignIn.h"
#include "SyncContext.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "SyncOutbox.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace foyer;

namespace {

const QByteArray adminPassword = QByteArrayLiteral("venue admin password 1");
const QByteArray kimPassword = QByteArrayLiteral("kim box office 2026");
const QByteArray leePassword = QByteArrayLiteral("lee manager 2026");
const QByteArray samPassword = QByteArrayLiteral("sam made on the server");
const QByteArray kimResetPassword = QByteArrayLiteral("kim's new password 2027");
const QByteArray patPassword = QByteArrayLiteral("pat made on the server");

struct Workstation
{
    QString databaseId;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Repositories> repos;
    sync::SyncEndpoint endpoint;
};

} // namespace

class TestSyncStaff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_api;
    security::KeyStore m_keyStore{QStringLiteral("FoyerSyncStaffTest")};
    Workstation m_a;
    Workstation m_b;
    QString m_serverAdminId;
    QString m_localAdminId;
    QString m_kimId;
    QString m_leeId;
    QString m_samId;

    void openWorkstation(Workstation* workstation, const QString& name)
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
    }

    void registerWorkstation(Workstation* workstation, const QString& name, QStringList* notes = nullptr)
    {
        sync::WorkstationRegistration registration(workstation->database->connection(), workstation->databaseId,
                                                   m_keyStore);
        QString problem;
        QVERIFY2(registration.registerWith(workstation->endpoint, QStringLiteral("admin"),
                                           core::SecureBuffer::copyOf(adminPassword), name, &problem),
                 qPrintable(problem));
        QCOMPARE(registration.staffId(), m_serverAdminId);
        if (notes)
            *notes = registration.notes();
        std::optional<sync::SyncEndpoint> stored =
            sync::WorkstationRegistration::storedEndpoint(workstation->database->connection(), &problem);
        QVERIFY2(stored, qPrintable(problem));
        workstation->endpoint = *stored;
    }

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

    qint64 count(Workstation& workstation, const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery query(workstation.database->connection());
        query.prepare(sql);
        for (const QVariant& value : values)
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    QString text(Workstation& workstation, const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery query(workstation.database->connection());
        query.prepare(sql);
        for (const QVariant& value : values)
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return QStringLiteral("<none>");
        return query.value(0).toString();
    }

    // Sign-in on workstation B as the window does it: at the server first.
    std::optional<core::StaffMember> signInOnB(const QString& username, const QByteArray& password, QString* problem,
                                               bool* online = nullptr)
    {
        startup::StaffSignIn signIn(&m_b.repos->staff);
        QString error;
        const auto registration = storage::WorkstationIdentity(m_b.database->connection()).load(&error);
        signIn.useServer({m_b.database->connection(), m_b.endpoint, m_b.databaseId,
                          registration ? registration->workstationId : QString(), m_keyStore, 5000});
        const auto member = signIn.signIn(username, core::SecureBuffer::copyOf(password), problem);
        if (online)
            *online = signIn.lastSignInOnline();
        return member;
    }

    QString adminToken()
    {
        const ApiClient::Reply reply = m_api->post(QStringLiteral("/v1/sign-in"),
                                                   {{QStringLiteral("username"), QStringLiteral("admin")},
                                                    {QStringLiteral("password"), QString::fromUtf8(adminPassword)}});
        return reply.json.value(QStringLiteral("token")).toString();
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
                                       QStringLiteral("Staff Test Venue"), QStringLiteral("--username"),
                                       QStringLiteral("admin")},
                                      adminPassword + '\n', &output) == 0,
                 output.constData());
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        m_api = std::make_unique<ApiClient>(m_server->baseUrl(), m_server->caCertificates());
        const ApiClient::Reply signedIn = m_api->post(QStringLiteral("/v1/sign-in"),
                                                      {{QStringLiteral("username"), QStringLiteral("admin")},
                                                       {QStringLiteral("password"), QString::fromUtf8(adminPassword)}});
        QCOMPARE(signedIn.status, 200);
        m_serverAdminId =
            signedIn.json.value(QStringLiteral("staff")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!m_serverAdminId.isEmpty());

        // Workstation A works standalone first, with accounts of its own; its admin sets up the venue.
        openWorkstation(&m_a, QStringLiteral("a-window"));
        startup::StaffSignIn local(&m_a.repos->staff);
        QString error;
        for (const auto& [username, role, password] :
             {std::tuple{QStringLiteral("admin"), core::StaffMember::Role::Admin, adminPassword},
              std::tuple{QStringLiteral("kim"), core::StaffMember::Role::BoxOffice, kimPassword},
              std::tuple{QStringLiteral("lee"), core::StaffMember::Role::Manager, leePassword}}) {
            core::StaffMember member;
            member.username = username;
            member.displayName = username.toUpper();
            member.role = role;
            QVERIFY2(local.createAccount(member, core::SecureBuffer::copyOf(password), &error), qPrintable(error));
        }
        m_localAdminId = m_a.repos->staff.findByUsername(QStringLiteral("admin"), &error)->member.id;
        m_kimId = m_a.repos->staff.findByUsername(QStringLiteral("kim"), &error)->member.id;
        m_leeId = m_a.repos->staff.findByUsername(QStringLiteral("lee"), &error)->member.id;
        QVERIFY(m_localAdminId != m_serverAdminId);
        storage::SyncContext::setStaffId(m_localAdminId);
        QVERIFY2(!m_a.repos->venue
                      .importSeatMap(QStringLiteral("Main"), QStringLiteral("section,row,seat,x,y\nStalls,A,1,1,1\n"),
                                     &error)
                      .isEmpty(),
                 qPrintable(error));
        QVERIFY(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE staff_id = ?"), {m_localAdminId}) >
                0);
    }

    void localStaffCarryOverWithTheirIdsAndPasswords()
    {
        QStringList notes;
        registerWorkstation(&m_a, QStringLiteral("A"), &notes);
        // As the app does after sign-in: the admin works under the server's id from now on.
        storage::SyncContext::setStaffId(m_serverAdminId);
        QVERIFY2(notes.join(u' ').contains(QStringLiteral("admin")), qPrintable(notes.join(u'\n')));

        // On the server: kim and lee with A's ids; admin is the server's own account.
        const ApiClient::Reply listed = m_api->get(QStringLiteral("/v1/staff"), adminToken());
        QCOMPARE(listed.status, 200);
        QMap<QString, QString> idOf;
        for (const QJsonValue& value : listed.json.value(QStringLiteral("staff")).toArray())
            idOf.insert(value.toObject().value(QStringLiteral("username")).toString(),
                        value.toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(idOf.value(QStringLiteral("kim")), m_kimId);
        QCOMPARE(idOf.value(QStringLiteral("lee")), m_leeId);
        QCOMPARE(idOf.value(QStringLiteral("admin")), m_serverAdminId);
        // Their passwords work there.
        for (const auto& [username, password, id] : {std::tuple{QStringLiteral("kim"), kimPassword, m_kimId},
                                                     std::tuple{QStringLiteral("lee"), leePassword, m_leeId}}) {
            const ApiClient::Reply signedIn =
                m_api->post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), username},
                                                            {QStringLiteral("password"), QString::fromUtf8(password)}});
            QCOMPARE(signedIn.status, 200);
            QCOMPARE(signedIn.json.value(QStringLiteral("staff")).toObject().value(QStringLiteral("id")).toString(),
                     id);
        }
        // On A, the local admin moved to the server's id: its row, and the operations not pushed yet.
        QCOMPARE(text(m_a, QStringLiteral("SELECT id FROM staff_user WHERE username = 'admin'")), m_serverAdminId);
        QCOMPARE(count(m_a, QStringLiteral("SELECT count(*) FROM staff_user WHERE id = ?"), {m_localAdminId}), 0);
        QCOMPARE(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE staff_id = ? OR instr(changes, ?)"),
                       {m_localAdminId, m_localAdminId}),
                 0);
        QVERIFY(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE staff_id = ?"), {m_serverAdminId}) >
                0);
        QCOMPARE(count(m_a, QStringLiteral("SELECT count(*) FROM sync_outbox WHERE staff_id IS NULL")), 0);
        // Registering again changes nothing: the same workstation, the same accounts.
        registerWorkstation(&m_a, QStringLiteral("A"));
        QCOMPARE(text(m_a, QStringLiteral("SELECT id FROM staff_user WHERE username = 'kim'")), m_kimId);
    }

    void aSecondWorkstationPullsTheDirectoryAndOrdersNamingStaffApply()
    {
        QString error;
        const QString hall = m_a.repos->venue.hallId(QStringLiteral("Main"), &error);
        const QList<core::SeatMap::Seat> seats = m_a.repos->venue.seats(hall, &error);
        QCOMPARE(seats.size(), 1);
        const QString show = m_a.repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        const QString performance = m_a.repos->venue.addPerformance(show, hall, starts, starts.addDays(-30), &error);
        const QString priceType = m_a.repos->venue.addPriceType(show, QStringLiteral("Adult"), 4500, &error);
        QVERIFY2(!priceType.isEmpty(), qPrintable(error));

        // Kim sells a seat on A: the order names kim's id.
        storage::SyncContext::setStaffId(m_kimId);
        core::OrderLineDraft line;
        line.performanceId = performance;
        line.showId = show;
        line.performanceAt = starts;
        line.seatId = seats.first().id;
        line.seatLabel = seats.first().label();
        line.priceTypeId = priceType;
        line.priceTypeName = QStringLiteral("Adult");
        line.listPriceMinor = 4500;
        line.payType = QStringLiteral("credit_card");
        core::OrderDraft order;
        order.lines = {line};
        QVERIFY2(m_a.repos->orders.save(order, m_kimId, &error), qPrintable(error));
        QCOMPARE(text(m_a, QStringLiteral("SELECT staff_id FROM \"order\" WHERE id = ?"), {order.id}), m_kimId);
        storage::SyncContext::setStaffId(m_serverAdminId);
        const sync::SyncRound pushed = syncRound(m_a);
        QVERIFY2(pushed.ok, qPrintable(pushed.problem));
        const auto refusals = storage::SyncOutbox(m_a.database->connection()).refused(10, &error);
        QVERIFY2(refusals, qPrintable(error));
        QStringList reasons;
        for (const auto& refusal : *refusals)
            reasons << refusal.reason;
        QVERIFY2(pushed.refused == 0, qPrintable(reasons.join(u'\n')));
        QVERIFY(pushed.pushed > 0);

        openWorkstation(&m_b, QStringLiteral("b-window"));
        registerWorkstation(&m_b, QStringLiteral("B"));
        const sync::SyncRound pulled = syncRound(m_b);
        QVERIFY2(pulled.ok, qPrintable(pulled.problem));
        QCOMPARE(text(m_b, QStringLiteral("SELECT staff_id FROM \"order\" WHERE id = ?"), {order.id}), m_kimId);
        // B knows kim by the server's id, without a password until kim signs in there online.
        QCOMPARE(text(m_b, QStringLiteral("SELECT username FROM staff_user WHERE id = ?"), {m_kimId}),
                 QStringLiteral("kim"));
        QCOMPARE(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_kimId}),
                 QString::fromLatin1(storage::StaffDirectoryCache::NoVerifier));
        QString problem;
        m_server->stop();
        QVERIFY(!signInOnB(QStringLiteral("kim"), kimPassword, &problem));
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    void anAccountMadeOnTheServerSignsInOnlineThenOffline()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        const ApiClient::Reply made = m_api->post(QStringLiteral("/v1/staff"),
                                                  {{QStringLiteral("username"), QStringLiteral("sam")},
                                                   {QStringLiteral("display_name"), QStringLiteral("Sam Server")},
                                                   {QStringLiteral("role"), QStringLiteral("box_office")},
                                                   {QStringLiteral("password"), QString::fromUtf8(samPassword)}},
                                                  adminToken());
        QCOMPARE(made.status, 200);
        m_samId = made.json.value(QStringLiteral("id")).toString();
        QCOMPARE(count(m_b, QStringLiteral("SELECT count(*) FROM staff_user WHERE username = 'sam'")), 0);
        QVERIFY(sync::SessionTokenVault(m_b.databaseId, m_keyStore).forget().ok());

        QString problem;
        bool online = false;
        const auto member = signInOnB(QStringLiteral("sam"), samPassword, &problem, &online);
        QVERIFY2(member, qPrintable(problem));
        QVERIFY(online);
        QCOMPARE(member->id, m_samId);
        QCOMPARE(member->role, core::StaffMember::Role::BoxOffice);
        QCOMPARE(member->displayName, QStringLiteral("Sam Server"));
        // The session token is in the keychain for the sync worker, and it works.
        QVERIFY(sync::SessionTokenVault(m_b.databaseId, m_keyStore).read().ok());
        const sync::SyncRound round = syncRound(m_b);
        QVERIFY2(round.ok, qPrintable(round.problem));

        // With the server stopped, the same password works by the verifier the online sign-in left; another does not.
        m_server->stop();
        const auto offline = signInOnB(QStringLiteral("sam"), samPassword, &problem, &online);
        QVERIFY2(offline, qPrintable(problem));
        QVERIFY(!online);
        QCOMPARE(offline->id, m_samId);
        QVERIFY(!signInOnB(QStringLiteral("sam"), QByteArrayLiteral("not sam's password"), &problem));
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    void aDisabledAccountIsRefusedOnline()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        const ApiClient::Reply disabled =
            m_api->post(QStringLiteral("/v1/staff/") + m_samId, {{QStringLiteral("disabled"), true}}, adminToken());
        QCOMPARE(disabled.status, 200);
        // B's cache still has sam's valid verifier: the server decides.
        QString problem;
        QVERIFY(!signInOnB(QStringLiteral("sam"), samPassword, &problem));
        QVERIFY2(problem.contains(QStringLiteral("Wrong username or password")), qPrintable(problem));
        // The refusal took sam's offline verifier with it: with the server gone, the old password does not work.
        QCOMPARE(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_samId}),
                 QString::fromLatin1(storage::StaffDirectoryCache::NoVerifier));
        m_server->stop();
        QVERIFY(!signInOnB(QStringLiteral("sam"), samPassword, &problem));
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    void aWrongPasswordIsRefusedByTheServerDespiteAnOldLocalVerifier()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        QString problem;
        bool online = false;
        QVERIFY2(signInOnB(QStringLiteral("kim"), kimPassword, &problem, &online), qPrintable(problem));
        QVERIFY(online);
        QVERIFY(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_kimId})
                    .startsWith(QStringLiteral("$argon2id$")));
        // An admin resets kim's password on the server; B's verifier is of the old one.
        const QByteArray fresh = kimResetPassword;
        const ApiClient::Reply reset =
            m_api->post(QStringLiteral("/v1/staff/") + m_kimId,
                        {{QStringLiteral("password"), QString::fromUtf8(fresh)}}, adminToken());
        QCOMPARE(reset.status, 200);
        QVERIFY(!signInOnB(QStringLiteral("kim"), kimPassword, &problem));
        QVERIFY2(problem.contains(QStringLiteral("Wrong username or password")), qPrintable(problem));
        const auto signedIn = signInOnB(QStringLiteral("kim"), fresh, &problem, &online);
        QVERIFY2(signedIn, qPrintable(problem));
        QVERIFY(online);
        QCOMPARE(signedIn->id, m_kimId);
    }

    void anOnlineRefusalDropsTheOfflineVerifierAtOnce()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        QString problem;
        bool online = false;
        QVERIFY2(signInOnB(QStringLiteral("kim"), kimResetPassword, &problem, &online), qPrintable(problem));
        QVERIFY(online);
        // The password changes on the server; B has not pulled since.
        const QByteArray changed = QByteArrayLiteral("kim changed it again 2028");
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/") + m_kimId,
                            {{QStringLiteral("password"), QString::fromUtf8(changed)}}, adminToken())
                     .status,
                 200);
        QVERIFY(!signInOnB(QStringLiteral("kim"), kimResetPassword, &problem));
        QCOMPARE(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_kimId}),
                 QString::fromLatin1(storage::StaffDirectoryCache::NoVerifier));
        m_server->stop();
        QVERIFY(!signInOnB(QStringLiteral("kim"), kimResetPassword, &problem));
        QVERIFY2(problem.contains(QStringLiteral("Wrong user name or password")), qPrintable(problem));
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
        // Online with the new password: a fresh verifier, and offline works again.
        QVERIFY2(signInOnB(QStringLiteral("kim"), changed, &problem, &online), qPrintable(problem));
        QVERIFY(online);
        m_server->stop();
        QVERIFY2(signInOnB(QStringLiteral("kim"), changed, &problem, &online), qPrintable(problem));
        QVERIFY(!online);
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    void aPasswordResetOnTheServerDropsTheOfflineVerifierAtThePull()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        QString problem;
        bool online = false;
        QVERIFY2(signInOnB(QStringLiteral("lee"), leePassword, &problem, &online), qPrintable(problem));
        QVERIFY(online);
        QVERIFY(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_leeId})
                    .startsWith(QStringLiteral("$argon2id$")));
        const qint64 version =
            count(m_b, QStringLiteral("SELECT password_version FROM staff_user WHERE id = ?"), {m_leeId});
        QVERIFY(version >= 1);
        // An admin resets lee's password on the server (lee's sessions end); B syncs under the admin's session.
        const ApiClient::Reply reset =
            m_api->post(QStringLiteral("/v1/staff/") + m_leeId,
                        {{QStringLiteral("password"), QStringLiteral("lee reset 2027 x")}}, adminToken());
        QCOMPARE(reset.status, 200);
        QCOMPARE(reset.json.value(QStringLiteral("password_version")).toInteger(), version + 1);
        QVERIFY2(signInOnB(QStringLiteral("admin"), adminPassword, &problem, &online), qPrintable(problem));
        const sync::SyncRound round = syncRound(m_b);
        QVERIFY2(round.ok, qPrintable(round.problem));
        QCOMPARE(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {m_leeId}),
                 QString::fromLatin1(storage::StaffDirectoryCache::NoVerifier));
        QCOMPARE(count(m_b, QStringLiteral("SELECT password_version FROM staff_user WHERE id = ?"), {m_leeId}),
                 version + 1);
        // Offline, the old password no longer signs lee in; the admin's (whose password did not change) still does.
        m_server->stop();
        QVERIFY(!signInOnB(QStringLiteral("lee"), leePassword, &problem, &online));
        QVERIFY2(signInOnB(QStringLiteral("admin"), adminPassword, &problem, &online), qPrintable(problem));
        QVERIFY(!online);
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    void anAccountDisabledOnTheServerCannotSignInOfflineOnceTheDirectorySaysSo()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        const ApiClient::Reply made = m_api->post(QStringLiteral("/v1/staff"),
                                                  {{QStringLiteral("username"), QStringLiteral("pat")},
                                                   {QStringLiteral("role"), QStringLiteral("box_office")},
                                                   {QStringLiteral("password"), QString::fromUtf8(patPassword)}},
                                                  adminToken());
        QCOMPARE(made.status, 200);
        const QString patId = made.json.value(QStringLiteral("id")).toString();
        QString problem;
        bool online = false;
        QVERIFY2(signInOnB(QStringLiteral("pat"), patPassword, &problem, &online), qPrintable(problem));
        QVERIFY(online);
        QCOMPARE(m_api->post(QStringLiteral("/v1/staff/") + patId, {{QStringLiteral("disabled"), true}}, adminToken())
                     .status,
                 200);
        QVERIFY2(signInOnB(QStringLiteral("admin"), adminPassword, &problem, &online), qPrintable(problem));
        const sync::SyncRound round = syncRound(m_b);
        QVERIFY2(round.ok, qPrintable(round.problem));
        QCOMPARE(count(m_b, QStringLiteral("SELECT active FROM staff_user WHERE id = ?"), {patId}), 0);
        QCOMPARE(text(m_b, QStringLiteral("SELECT password_hash FROM staff_user WHERE id = ?"), {patId}),
                 QString::fromLatin1(storage::StaffDirectoryCache::NoVerifier));
        m_server->stop();
        QVERIFY(!signInOnB(QStringLiteral("pat"), patPassword, &problem, &online));
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
    }

    // Sign out (the window's Sign out, or the session a colleague's unlock replaces) ends the server session too.
    void signOutEndsTheServerSessionAndASignInEndsTheOneItReplaces()
    {
        QVERIFY2(m_b.database, "workstation B was not made");
        startup::StaffSignIn signIn(&m_b.repos->staff);
        QString problem;
        const auto registration = storage::WorkstationIdentity(m_b.database->connection()).load(&problem);
        QVERIFY2(registration, qPrintable(problem));
        signIn.useServer(
            {m_b.database->connection(), m_b.endpoint, m_b.databaseId, registration->workstationId, m_keyStore, 5000});
        const auto tokenNow = [this] {
            const security::KeyStore::Result kept = sync::SessionTokenVault(m_b.databaseId, m_keyStore).read();
            return kept.ok() ? QString::fromLatin1(sync::SessionTokenVault::tokenText(kept.key)) : QString();
        };
        const auto accepted = [this](const QString& token) {
            return m_api->get(QStringLiteral("/v1/staff"), token).status != 401;
        };

        QVERIFY2(signIn.signIn(QStringLiteral("admin"), core::SecureBuffer::copyOf(adminPassword), &problem),
                 qPrintable(problem));
        QVERIFY(signIn.lastSignInOnline());
        const QString first = tokenNow();
        QVERIFY(!first.isEmpty());
        QVERIFY(accepted(first));

        // A colleague signs in at the same workstation (unlocking it as themselves): the admin's session ends.
        QVERIFY2(signIn.signIn(QStringLiteral("lee"), core::SecureBuffer::copyOf(QByteArrayLiteral("lee reset 2027 x")),
                               &problem),
                 qPrintable(problem));
        const QString second = tokenNow();
        QVERIFY(!second.isEmpty() && second != first);
        QVERIFY(accepted(second));
        QVERIFY(!accepted(first));

        // Sign out: the server ends the session and the token leaves the keychain.
        QVERIFY2(signIn.signOut(&problem), qPrintable(problem));
        QVERIFY(tokenNow().isEmpty());
        QVERIFY(!accepted(second));
        // Signing out again (nothing kept) is no failure.
        QVERIFY2(signIn.signOut(&problem), qPrintable(problem));

        // With the server down the token still goes; the caller is told the server was not told.
        QVERIFY2(signIn.signIn(QStringLiteral("admin"), core::SecureBuffer::copyOf(adminPassword), &problem),
                 qPrintable(problem));
        const QString third = tokenNow();
        QVERIFY(!third.isEmpty());
        m_server->stop();
        problem.clear();
        QVERIFY(!signIn.signOut(&problem));
        QVERIFY2(problem.contains(QStringLiteral("not told")), qPrintable(problem));
        QVERIFY(tokenNow().isEmpty());
        QVERIFY2(m_server->start().isEmpty(), "the server did not start again");
        // Sessions are kept by the server's database, so the one it was not told of is still open until it expires.
        QVERIFY(accepted(third));
        QVERIFY2(signIn.signIn(QStringLiteral("admin"), core::SecureBuffer::copyOf(adminPassword), &problem),
                 qPrintable(problem));
    }

    void cleanupTestCase()
    {
        for (Workstation* workstation : {&m_a, &m_b})
            if (!workstation->databaseId.isEmpty())
                sync::SessionTokenVault(workstation->databaseId, m_keyStore).forget();
    }
};

QTEST_MAIN(TestSyncStaff)
#include "TestSyncStaff.moc"
