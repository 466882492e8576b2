// A writer killed with SIGKILL in the middle of its work leaves a sound database holding whole transactions only.
#include "Database.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer::storage;

class TestCrash : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    QString writerPath() const { return QStringLiteral(FOYER_BINARY_DIR "/tests/helpers/crash_writer"); }

    void createDatabase(const QString& file)
    {
        DatabaseError error;
        QVERIFY2(Database::open(file, m_key, Database::Mode::CreateNew, &error), qPrintable(error.message));
    }

    // Starts the writer and waits until it printed `marker`.
    void runUntil(QProcess& writer, const QString& file, const char* mode, const QByteArray& marker)
    {
        writer.start(writerPath(), {file, QString::fromLatin1(mode)});
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        writer.write(m_key.toHex() + '\n'); // the key goes through a pipe, never the command line
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (!output.contains(marker) && timer.elapsed() < 120000) {
            QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
            writer.waitForReadyRead(1000);
            output += writer.readAllStandardOutput();
        }
        QVERIFY2(output.contains(marker), output.constData());
    }

    void kill(QProcess& writer)
    {
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    }

    qint64 rowsAfterRecovery(const QString& file)
    {
        DatabaseError error;
        auto db = Database::open(file, m_key, Database::Mode::OpenExisting, &error);
        if (!db) {
            qWarning("reopen failed: %s", qPrintable(error.message));
            return -1;
        }
        if (db->integrityCheck() != QLatin1String("ok")) {
            qWarning("integrity_check: %s", qPrintable(db->integrityCheck()));
            return -1;
        }
        QSqlQuery q(db->connection());
        return q.exec(QStringLiteral("SELECT count(*) FROM workstation_setting")) && q.next() ? q.value(0).toLongLong()
                                                                                              : -1;
    }

private slots:
    void killedInsideTransactionLeavesNoRows()
    {
        const QString file = m_dir.filePath(QStringLiteral("pause.db"));
        createDatabase(file);
        QProcess writer;
        runUntil(writer, file, "pause", "halfway");
        kill(writer);
        QCOMPARE(rowsAfterRecovery(file), 0);
    }

    void killedAtARandomMomentLeavesWholeTransactions()
    {
        const QString file = m_dir.filePath(QStringLiteral("loop.db"));
        createDatabase(file);
        for (int round = 1; round <= 3; ++round) {
            QProcess writer;
            runUntil(writer, file, "loop", "committed 1");
            QTest::qWait(int(QRandomGenerator::global()->bounded(50, 400)));
            kill(writer);
            const qint64 rows = rowsAfterRecovery(file);
            qInfo("round %d: %lld rows after SIGKILL", round, rows);
            QVERIFY(rows >= 10000 * round);
            QCOMPARE(rows % 10000, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "TestCrash.moc"
