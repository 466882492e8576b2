#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace serverfixture;

// Two foyer-server processes on one PostgreSQL: they keep no state of their own, so a push through one is pulled
// through the other, a session of one works on the other, and concurrent pushes through both lose and double
// nothing.
class TestServerTwoProcesses : public QObject
{
    Q_OBJECT

private:
    Stack m_stack;
    std::unique_ptr<ServerProcess> m_second;
    std::unique_ptr<ApiClient> m_one, m_two;
    SignedIn m_admin;
    QString m_wsA, m_wsB;
    qint64 m_now = 1764611200000;

private slots:
    void initTestCase()
    {
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue A"), QStringLiteral("ada"), QStringLiteral("admin")),
                 QString());
        QCOMPARE(m_stack.openCheck(QStringLiteral("check-two")), QString());
        m_second = std::make_unique<ServerProcess>(m_stack.pg.host(), m_stack.pg.port(), QStringLiteral("foyer"),
                                                   m_stack.pg.user());
        QString s = m_stack.server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        s = m_second->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        QVERIFY(m_stack.server->port() != m_second->port());
        m_one = std::make_unique<ApiClient>(m_stack.server->baseUrl(), m_stack.server->caCertificates());
        m_two = std::make_unique<ApiClient>(m_second->baseUrl(), m_second->caCertificates());
        m_admin = signIn(*m_one, QStringLiteral("ada"));
        QVERIFY(!m_admin.token.isEmpty());
        m_wsA = registerWorkstation(*m_one, m_admin.token, uuid());
        m_wsB = registerWorkstation(*m_two, m_admin.token, uuid());
        QVERIFY(!m_wsA.isEmpty() && !m_wsB.isEmpty());
    }

    void sessionsAreShared()
    {
        const SignedIn s = signIn(*m_one, QStringLiteral("ada"));
        QCOMPARE(m_two->get(QStringLiteral("/v1/pull"), s.token).status, 200);
        QCOMPARE(m_one->get(QStringLiteral("/v1/pull"), s.token).status, 200);
        // Signed out through the second process: the first no longer knows the token either.
        QCOMPARE(m_two->post(QStringLiteral("/v1/sign-out"), {}, s.token).status, 204);
        QCOMPARE(m_one->get(QStringLiteral("/v1/pull"), s.token).status, 401);
        QCOMPARE(m_two->get(QStringLiteral("/v1/pull"), s.token).status, 401);
    }

    void pushThroughOnePullThroughTheOther()
    {
        QJsonArray ops;
        for (int i = 0; i < 10; ++i)
            ops.append(patronInsert(clock(++m_now, 0, QStringLiteral("ws-a")), m_admin.staffId, 50001 + i));
        const auto pushed = m_one->post(QStringLiteral("/v1/push"), pushBody(m_wsA, ops), m_admin.token);
        QCOMPARE(pushed.status, 200);
        bool ok = false;
        const QList<QJsonObject> rows = pullAll(*m_two, m_admin.token, 1000, &ok);
        QVERIFY(ok);
        QCOMPARE(rows.size(), 10);
        QCOMPARE(rows.first().value(QStringLiteral("row")).toObject().value(QStringLiteral("patron_number")).toInt(),
                 50001);
        // A resend through the other process is a duplicate, not a second write.
        const auto again = m_two->post(QStringLiteral("/v1/push"), pushBody(m_wsA, ops), m_admin.token);
        QCOMPARE(again.status, 200);
        for (const QJsonValue& v : again.json.value(QStringLiteral("results")).toArray())
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
        QCOMPARE(countOf(QStringLiteral("check-two"), QStringLiteral("SELECT count(*) FROM applied_operation")), 10);
    }

    void concurrentWorkstations()
    {
        // Two workstations, 200 operations each, one request at a time each, both at once: A through the first
        // process, B through the second. Each operation inserts a patron and sets the shared row's note.
        const QString shared = uuid();
        QCOMPARE(
            m_one
                ->post(QStringLiteral("/v1/push"),
                       pushBody(m_wsA, QJsonArray{operation(
                                           uuid(), clock(++m_now, 0, QStringLiteral("ws-a")), m_admin.staffId,
                                           QJsonArray{change(QStringLiteral("tag"), shared, QStringLiteral("insert"),
                                                             {{QStringLiteral("id"), shared},
                                                              {QStringLiteral("name"), QStringLiteral("start")}})})}),
                       m_admin.token)
                .status,
            200);
        constexpr int perWorkstation = 200;
        struct Lane
        {
            ApiClient* api;
            QString workstation;
            QString node;
            qint64 firstNumber;
            QString token;
            int sent = 0;
            int applied = 0;
            int failures = 0;
        };
        Lane lanes[2] = {
            {m_one.get(), m_wsA, QStringLiteral("ws-a"), 60001, m_admin.token},
            {m_two.get(), m_wsB, QStringLiteral("ws-b"), 70001, signIn(*m_two, QStringLiteral("ada"), m_wsB).token}};
        const qint64 base = ++m_now;
        int running = 2;
        QEventLoop loop;
        std::function<void(Lane&)> next = [&](Lane& lane) {
            if (lane.sent == perWorkstation) {
                if (--running == 0)
                    loop.quit();
                return;
            }
            const int i = lane.sent++;
            const QString hlc = clock(base + i, 0, lane.node);
            QJsonObject op = patronInsert(hlc, m_admin.staffId, lane.firstNumber + i);
            QJsonArray changes = op.value(QStringLiteral("changes")).toArray();
            changes.append(change(QStringLiteral("tag"), shared, QStringLiteral("update"),
                                  QJsonObject{{QStringLiteral("name"), QString(lane.node + QString::number(i))}}));
            op.insert(QStringLiteral("changes"), changes);
            QNetworkReply* reply =
                lane.api->startPost(QStringLiteral("/v1/push"), pushBody(lane.workstation, QJsonArray{op}), lane.token);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, lanePtr = &lane] {
                const ApiClient::Reply r = ApiClient::read(reply);
                reply->deleteLater();
                const QString status = r.json.value(QStringLiteral("results"))
                                           .toArray()
                                           .at(0)
                                           .toObject()
                                           .value(QStringLiteral("status"))
                                           .toString();
                if (r.status == 200 && status == QLatin1String("applied"))
                    ++lanePtr->applied;
                else
                    ++lanePtr->failures;
                next(*lanePtr);
            });
        };
        QTimer::singleShot(0, &loop, [&] {
            next(lanes[0]);
            next(lanes[1]);
        });
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(240000);
        loop.exec();
        QCOMPARE(running, 0);
        QCOMPARE(lanes[0].failures, 0);
        QCOMPARE(lanes[1].failures, 0);
        QCOMPARE(lanes[0].applied, perWorkstation);
        QCOMPARE(lanes[1].applied, perWorkstation);

        // The pull from zero, through either process, holds every row exactly once.
        for (ApiClient* api : {m_one.get(), m_two.get()}) {
            bool ok = false;
            const QList<QJsonObject> rows = pullAll(*api, m_admin.token, 97, &ok);
            QVERIFY(ok);
            QSet<QString> keys;
            QSet<qint64> numbers;
            qint64 lastSeq = 0;
            for (const QJsonObject& row : rows) {
                const QString key = row.value(QStringLiteral("table")).toString() + u'/' +
                                    row.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString();
                QVERIFY2(!keys.contains(key), qPrintable(key));
                keys.insert(key);
                QVERIFY(row.value(QStringLiteral("seq")).toInteger() > lastSeq);
                lastSeq = row.value(QStringLiteral("seq")).toInteger();
                if (row.value(QStringLiteral("table")).toString() == QLatin1String("patron"))
                    numbers.insert(
                        row.value(QStringLiteral("row")).toObject().value(QStringLiteral("patron_number")).toInteger());
            }
            QCOMPARE(rows.size(), 10 + 1 + 2 * perWorkstation);
            for (int i = 0; i < perWorkstation; ++i) {
                QVERIFY(numbers.contains(60001 + i));
                QVERIFY(numbers.contains(70001 + i));
            }
        }
        QCOMPARE(countOf(QStringLiteral("check-two"),
                         QStringLiteral("SELECT count(*) FROM applied_operation WHERE status = 'applied'")),
                 10 + 1 + 2 * perWorkstation);
        QCOMPARE(countOf(QStringLiteral("check-two"), QStringLiteral("SELECT count(*) FROM row_state")),
                 10 + 1 + 2 * perWorkstation);
        // The two lanes really ran at once: their writes interleave in the change sequence.
        const QString range = QStringLiteral("SELECT %1(seq) FROM row_state WHERE table_name = 'patron' AND "
                                             "(data->>'patron_number')::bigint BETWEEN %2 AND %3");
        const qint64 aFirst =
            countOf(QStringLiteral("check-two"), range.arg(QStringLiteral("min")).arg(60001).arg(60200));
        const qint64 aLast =
            countOf(QStringLiteral("check-two"), range.arg(QStringLiteral("max")).arg(60001).arg(60200));
        const qint64 bFirst =
            countOf(QStringLiteral("check-two"), range.arg(QStringLiteral("min")).arg(70001).arg(70200));
        const qint64 bLast =
            countOf(QStringLiteral("check-two"), range.arg(QStringLiteral("max")).arg(70001).arg(70200));
        QVERIFY2(aFirst < bLast && bFirst < aLast,
                 qPrintable(QStringLiteral("A %1..%2, B %3..%4").arg(aFirst).arg(aLast).arg(bFirst).arg(bLast)));
        // The shared row holds the last writer by clock: B's last write (same millisecond as A's, "ws-b" > "ws-a").
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("check-two")));
        QVERIFY(q.exec(QStringLiteral("SELECT data->>'name' FROM row_state WHERE row_key = '%1'").arg(shared)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ws-b%1").arg(perWorkstation - 1));
    }
};

QTEST_GUILESS_MAIN(TestServerTwoProcesses)
#include "TestServerTwoProcesses.moc"
