// Crashes during sync, all real: a workstation's pull SIGKILLed between or in the middle of applying pages resumes
// from its cursor with every row once and nothing to push; foyer-server SIGKILLed while it applies a workstation's
// push, restarted, and the same SyncEngine round again: every operation applied once, the outbox all sent.
#include "Clock.h"
#include "PatronFixtures.h"
#include "SearchText.h"
#include "SyncApplier.h"
#include "SyncCapture.h"
#include "SyncOutbox.h"
#include "SyncStack.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace foyer;
using testing::SyncWorkstation;

class TestSyncCrash : public QObject
{
    Q_OBJECT

    testing::SyncStack m_stack;
    SyncWorkstation* m_a = nullptr;
    SyncWorkstation* m_b = nullptr;
    SyncWorkstation* m_c = nullptr;

    static qint64 count(QSqlDatabase db, const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery query(db);
        if (!query.prepare(sql))
            return -1;
        for (const QVariant& v : values)
            query.addBindValue(v);
        if (!query.exec() || !query.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return -1;
        }
        return query.value(0).toLongLong();
    }

    qint64 serverCount(const QString& sql, const QVariantList& values = {})
    {
        return count(m_stack.serverDb(), sql, values);
    }

    QString childPath() const { return QStringLiteral(FOYER_BINARY_DIR "/tests/helpers/sync_pull_child"); }

    void startChild(QProcess& child, SyncWorkstation& ws, int delayMs)
    {
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(childPath(), {ws.path, ws.databaseId, QStringLiteral("FoyerSyncTest"), QString::number(delayMs)});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        child.write(ws.key.toHex() + '\n');
        child.closeWriteChannel();
    }

    // Reads the child's lines until one starts with marker (or it exits); the last line read.
    QByteArray waitForLine(QProcess& child, const QByteArray& marker, int timeoutMs = 120000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith(marker))
                    return line;
            }
            if (child.state() == QProcess::NotRunning)
                return QByteArray();
            child.waitForReadyRead(100);
        }
        return QByteArray();
    }

private slots:
    void initTestCase()
    {
        core::Clock::setInstance(std::make_shared<core::TestClock>(QDateTime::currentDateTimeUtc()));
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QString problem;
        m_a = m_stack.addWorkstation(QStringLiteral("A"), &problem);
        QVERIFY2(m_a, qPrintable(problem));
        m_b = m_stack.addWorkstation(QStringLiteral("B"), &problem);
        QVERIFY2(m_b, qPrintable(problem));
        m_c = m_stack.addWorkstation(QStringLiteral("C"), &problem);
        QVERIFY2(m_c, qPrintable(problem));
    }

    void killedPullResumesFromItsCursor()
    {
        // A few thousand rows on the server: patrons (with an email each) and their history and audit rows.
        for (int i = 0; i < 800; ++i)
            testing::addPatron(m_a->repos->patrons, QStringLiteral("Pulled%1").arg(i), QStringLiteral("Crashley"),
                               QStringLiteral("pulled%1@example.org").arg(i), QString());
        const sync::SyncRound pushed = m_stack.syncRound(*m_a);
        QVERIFY2(pushed.ok, qPrintable(pushed.problem));
        const qint64 lastSeq = serverCount(QStringLiteral("SELECT max(seq) FROM row_state"));
        const qint64 rows = serverCount(QStringLiteral("SELECT count(*) FROM row_state"));
        QVERIFY2(rows > 2 * 1000, qPrintable(QString::number(rows)));

        QString error;
        storage::SyncApplier applier(m_b->db());
        qint64 previous = 0;
        // Killed right after a page is applied (the next one is being fetched or applied), twice.
        for (int kill = 0; kill < 2; ++kill) {
            QProcess child;
            startChild(child, *m_b, 0);
            const QByteArray line = waitForLine(child, "applied");
            QVERIFY2(!line.isEmpty(), child.readAllStandardError().constData());
            if (kill == 1)
                QTest::qWait(40); // into the middle of the next page
            child.kill();
            QVERIFY(child.waitForFinished(10000));
            const qint64 cursor = applier.cursor(&error);
            QVERIFY2(cursor > previous, qPrintable(QStringLiteral("cursor %1 after %2").arg(cursor).arg(previous)));
            QVERIFY2(cursor < lastSeq, "the child finished before it was killed");
            previous = cursor;
        }
        QProcess child;
        startChild(child, *m_b, 0);
        const QByteArray done = waitForLine(child, "done");
        QVERIFY2(!done.isEmpty(), child.readAllStandardError().constData());
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitCode(), 0);

        QCOMPARE(applier.cursor(&error), lastSeq);
        // Every row the server has, once; none of them is an operation of B's.
        const QStringList tables = storage::SyncCapture::syncedTables(m_b->db(), &error);
        for (const QString& table : tables) {
            const qint64 live = serverCount(
                QStringLiteral("SELECT count(*) FROM row_state WHERE table_name = ? AND NOT deleted"), {table});
            QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)), live);
            QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)),
                     count(m_a->db(), QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)));
        }
        QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM history_event")),
                 count(m_a->db(), QStringLiteral("SELECT count(*) FROM history_event")));
        QCOMPARE(storage::SyncOutbox(m_b->db()).pendingCount(&error), 0);
        QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM sync_outbox")), 0);
        QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM sync_row_change")), 0);
        // The pulled patrons are found by search, each once.
        const auto found =
            m_b->repos->search.search(core::SearchText::queryTokens(QStringLiteral("pulled799")), {}, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> patrons;
        for (const auto& hit : found)
            patrons.insert(hit.patronId);
        QCOMPARE(patrons.size(), 1);
        // And a normal round afterwards pulls nothing more.
        const sync::SyncRound again = m_stack.syncRound(*m_b);
        QVERIFY2(again.ok, qPrintable(again.problem));
        QCOMPARE(again.pulled, 0);
    }

    void serverKilledMidPushAppliesEachOperationOnce()
    {
        constexpr int operations = 700; // within the registered block of patron numbers
        for (int i = 0; i < operations; ++i)
            testing::addPatron(m_c->repos->patrons, QStringLiteral("Pushed%1").arg(i), QStringLiteral("Killjoy"),
                               QString(), QString());
        QString error;
        QCOMPARE(storage::SyncOutbox(m_c->db()).pendingCount(&error), qint64(operations));

        // SIGKILL once the server's PostgreSQL session has written inside the push's transaction; the timer fires
        // in the event loop SyncHttpClient waits in.
        bool killed = false;
        QTimer watch;
        watch.setInterval(2);
        connect(&watch, &QTimer::timeout, this, [&] {
            if (killed)
                return;
            if (serverCount(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                           "'foyer-server' AND backend_xid IS NOT NULL")) > 0) {
                killed = true;
                m_stack.server().kill();
            }
        });
        watch.start();
        const sync::SyncRound interrupted = m_stack.syncRound(*m_c);
        watch.stop();
        QVERIFY(killed);
        QVERIFY(!interrupted.ok);
        QVERIFY(storage::SyncOutbox(m_c->db()).pendingCount(&error) > 0);

        const QString serving = m_stack.server().start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        sync::SyncRound resumed = m_stack.syncRound(*m_c);
        QVERIFY2(resumed.ok, qPrintable(resumed.problem));
        QCOMPARE(resumed.refused, 0);
        QCOMPARE(storage::SyncOutbox(m_c->db()).pendingCount(&error), 0);
        const qint64 outbox = count(m_c->db(), QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QCOMPARE(outbox, qint64(operations));
        QCOMPARE(count(m_c->db(), QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'sent'")), outbox);
        QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM applied_operation WHERE workstation_id = ? AND "
                                            "status = 'applied'"),
                             {m_c->workstationId}),
                 outbox);
        QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE workstation_id = ?"),
                             {m_c->workstationId}),
                 outbox);
        QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM (SELECT operation_id FROM audit_log GROUP BY "
                                            "operation_id HAVING count(*) > 1) d")),
                 qint64(0));
        QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM row_state WHERE table_name = 'patron' AND "
                                            "data->>'last_name' = 'Killjoy'")),
                 qint64(operations));
        QCOMPARE(count(m_c->db(), QStringLiteral("SELECT count(*) FROM patron WHERE last_name = 'Killjoy'")),
                 qint64(operations));
    }
};

QTEST_MAIN(TestSyncCrash)
#include "TestSyncCrash.moc"
