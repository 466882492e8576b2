#include "ServerFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QTest>
#include <QThread>

using namespace serverfixture;

// foyer-server killed (SIGKILL) while it applies a large push, and PostgreSQL stopped under a running server:
// nothing is applied twice or lost, and the server recovers on its own.
class TestServerKillPush : public QObject
{
    Q_OBJECT

private:
    static constexpr int batchSize = 5000;
    Stack m_stack;
    std::unique_ptr<ApiClient> m_api;
    SignedIn m_admin;
    QString m_ws;
    qint64 m_now = 1764611200000;

    qint64 count(const QString& sql) { return countOf(QStringLiteral("check-kill"), sql); }

    // True once foyer-server's PostgreSQL session is in a transaction that has written (it has a transaction id):
    // the push is being applied.
    bool serverInTransaction()
    {
        return count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'foyer-server' "
                                    "AND backend_xid IS NOT NULL")) > 0;
    }

    void checkResults(const ApiClient::Reply& r, int expected, const QStringList& allowed)
    {
        QCOMPARE(r.status, 200);
        const QJsonArray results = r.json.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), expected);
        for (const QJsonValue& v : results) {
            const QJsonObject o = v.toObject();
            const QString status = o.value(QStringLiteral("status")).toString();
            QVERIFY2(allowed.contains(status), qPrintable(status));
            if (status == QLatin1String("duplicate"))
                QCOMPARE(o.value(QStringLiteral("first_status")).toString(), QStringLiteral("applied"));
        }
    }

private slots:
    void initTestCase()
    {
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue A"), QStringLiteral("ada"), QStringLiteral("admin")),
                 QString());
        QCOMPARE(m_stack.openCheck(QStringLiteral("check-kill")), QString());
        const QString s = m_stack.server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_stack.server->baseUrl(), m_stack.server->caCertificates());
        m_admin = signIn(*m_api, QStringLiteral("ada"));
        QVERIFY(!m_admin.token.isEmpty());
        m_ws = registerWorkstation(*m_api, m_admin.token, uuid());
        QVERIFY(!m_ws.isEmpty());
    }

    void killedMidPush()
    {
        QJsonArray ops;
        for (int i = 0; i < batchSize; ++i)
            ops.append(patronInsert(clock(++m_now, 0, QStringLiteral("ws-a")), m_admin.staffId, 100001 + i));
        const QJsonObject body = pushBody(m_ws, ops);

        QNetworkReply* reply = m_api->startPost(QStringLiteral("/v1/push"), body, m_admin.token);
        bool uploaded = false;
        QObject::connect(reply, &QNetworkReply::uploadProgress, reply,
                         [&uploaded](qint64 sent, qint64 total) { uploaded = total > 0 && sent == total; });
        // Kill once the whole request is sent and the server is applying it inside its transaction.
        QElapsedTimer timer;
        timer.start();
        bool applying = false;
        while (timer.elapsed() < 120000 && !reply->isFinished()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (uploaded && serverInTransaction()) {
                applying = true;
                break;
            }
        }
        QVERIFY2(applying, "the push was not seen being applied");
        QVERIFY(!reply->isFinished());
        m_stack.server->kill();
        QVERIFY(!m_stack.server->running());
        while (!reply->isFinished() && timer.elapsed() < 130000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QVERIFY(reply->isFinished());
        QVERIFY(ApiClient::read(reply).status != 200); // no reply reached the client
        reply->deleteLater();

        // The killed transaction is rolled back by PostgreSQL: either all of the batch or none of it is there.
        QElapsedTimer gone;
        gone.start();
        while (count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'foyer-server'")) >
                   0 &&
               gone.elapsed() < 30000)
            QThread::msleep(50);
        const qint64 appliedBefore = count(QStringLiteral("SELECT count(*) FROM applied_operation"));
        qInfo("operations committed before the kill: %lld", static_cast<long long>(appliedBefore));
        QVERIFY2(appliedBefore == 0 || appliedBefore == batchSize, qPrintable(QString::number(appliedBefore)));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM row_state")), appliedBefore);

        // Restarted, the same batch resent: every operation applied exactly once.
        const QString s = m_stack.server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        const auto resent = m_api->post(QStringLiteral("/v1/push"), body, m_admin.token, 240000);
        checkResults(resent, batchSize,
                     appliedBefore == 0 ? QStringList{QStringLiteral("applied")}
                                        : QStringList{QStringLiteral("duplicate")});
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM applied_operation")), qint64(batchSize));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM applied_operation WHERE status = 'applied'")),
                 qint64(batchSize));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM row_state WHERE table_name = 'patron'")),
                 qint64(batchSize));
        QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT data->>'patron_number') FROM row_state")),
                 qint64(batchSize));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log")), qint64(batchSize));
        // And once more: all duplicates, nothing written.
        const qint64 lastSeq = count(QStringLiteral("SELECT max(seq) FROM row_state"));
        const auto third = m_api->post(QStringLiteral("/v1/push"), body, m_admin.token, 240000);
        checkResults(third, batchSize, {QStringLiteral("duplicate")});
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM applied_operation")), qint64(batchSize));
        QCOMPARE(count(QStringLiteral("SELECT max(seq) FROM row_state")), lastSeq);
    }

    void postgresStoppedAndBack()
    {
        QSqlDatabase::database(QStringLiteral("check-kill")).close();
        m_stack.pg.stop(QStringLiteral("fast"));
        const auto health = m_api->get(QStringLiteral("/v1/health"));
        QCOMPARE(health.status, 503);
        QCOMPARE(health.json.value(QStringLiteral("error")).toString(), QStringLiteral("unavailable"));
        QJsonArray ops;
        for (int i = 0; i < 20; ++i)
            ops.append(patronInsert(clock(++m_now, 0, QStringLiteral("ws-a")), m_admin.staffId, 200001 + i));
        const QJsonObject body = pushBody(m_ws, ops);
        const auto down = m_api->post(QStringLiteral("/v1/push"), body, m_admin.token);
        QCOMPARE(down.status, 503);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), m_admin.token).status, 503);
        QVERIFY(m_stack.server->running());

        const QString resumed = m_stack.pg.resume();
        QVERIFY2(resumed.isEmpty(), qPrintable(resumed));
        QVERIFY(QSqlDatabase::database(QStringLiteral("check-kill")).open());
        // The same process, without a restart, answers again.
        QCOMPARE(m_api->get(QStringLiteral("/v1/health")).status, 200);
        QVERIFY(m_stack.server->running());
        // The session survived in PostgreSQL; the push refused with 503 is resent and applied once.
        const auto up = m_api->post(QStringLiteral("/v1/push"), body, m_admin.token);
        checkResults(up, 20, {QStringLiteral("applied")});
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM applied_operation")), qint64(batchSize + 20));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM row_state")), qint64(batchSize + 20));
        bool ok = false;
        QCOMPARE(pullAll(*m_api, m_admin.token, 5000, &ok).size(), batchSize + 20);
        QVERIFY(ok);
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("FOYER_SERVER_LOG") && m_stack.server)
            qWarning("server log:\n%s", m_stack.server->log().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerKillPush)
#include "TestServerKillPush.moc"
