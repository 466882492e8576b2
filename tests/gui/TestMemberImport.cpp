// The member import hashes passwords on worker threads (at most two), shows progress, can be cancelled, refuses the
// whole import when one hash fails (and offers Import all again), and lets go of the passwords once it is done.
#include "Database.h"
#include "MemberImportDialog.h"
#include "PasswordHasher.h"
#include "Repositories.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace foyer;

namespace {

const QString Header =
    QStringLiteral("membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n");

QString memberRow(int n, bool withPassword)
{
    return QStringLiteral("M-%1,Member Number%1,m%1@example.org,%2,Friend,2026-09-01,2027-08-31,The Tempest=2\n")
        .arg(n)
        .arg(withPassword ? QStringLiteral("password of member %1").arg(n) : QString());
}

} // namespace

class TestMemberImport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;

    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }

    QString writeCsv(const QString& name, const QString& rows)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write((Header + rows).toUtf8());
        return path;
    }

    static bool dryRunOf(gui::MemberImportDialog& dialog, const QString& path)
    {
        auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("fileField"));
        field->clear();
        QTest::keyClicks(field, path);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("dryRunButton")), Qt::LeftButton);
        return dialog.findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled();
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("members.db")), QByteArray(32, '\x6d'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString problem;
        const QString tempest =
            m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &problem);
        QVERIFY2(!tempest.isEmpty(), qPrintable(problem));
        QVERIFY2(!m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {tempest}, &problem).isEmpty(),
                 qPrintable(problem));
    }

    // One password that cannot be hashed (a real Argon2id call with a memory limit libsodium refuses) stops the
    // whole import: nothing is written, no member is mailed, Import all stays offered; the retry imports everyone
    // with the passwords from the file, which were held in locked memory until then.
    void aFailedHashRefusesTheWholeImportAndAllowsARetry()
    {
        std::atomic<bool> failNext = true;
        std::atomic<int> calls = 0;
        gui::MemberImportDialog dialog(
            &m_repos->memberImport, QString(), nullptr, [&](const core::SecureBuffer& password) {
                ++calls;
                security::PasswordHasher::Cost cost = security::PasswordHasher::Cost::interactive();
                if (failNext.exchange(false))
                    cost.memLimit = std::numeric_limits<size_t>::max();
                return security::PasswordHasher::hash(password, cost);
            });
        dialog.show();
        const QString path = writeCsv(QStringLiteral("fail.csv"), memberRow(1, true) + memberRow(2, true) +
                                                                      memberRow(3, true) + memberRow(4, false));
        QVERIFY(dryRunOf(dialog, path));
        QCOMPARE(dialog.passwordsHeld(), 3);
        QSignalSpy finished(&dialog, &gui::MemberImportDialog::importFinished);
        auto* importButton = dialog.findChild<QPushButton*>(QStringLiteral("importButton"));
        QTest::mouseClick(importButton, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM email_request WHERE template = 'member_set_password'")), 0);
        const QString message = dialog.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text();
        QVERIFY2(message.contains(QStringLiteral("Nothing imported")) && message.contains(QStringLiteral("protected")),
                 qPrintable(message));
        QVERIFY(importButton->isEnabled());
        QCOMPARE(dialog.passwordsHeld(), 3); // kept for the retry
        QVERIFY(!dialog.findChild<QProgressBar*>(QStringLiteral("hashProgress"))->isVisible());

        QTest::mouseClick(importButton, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(1).at(0).toBool(), true);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership")), 4);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE password_hash LIKE '$argon2id$%'")), 3);
        // Only the member without a password in the file is asked to set one.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM email_request WHERE template = 'member_set_password'")), 1);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT password_hash FROM membership WHERE membership_number = 'M-2'")) &&
                q.next());
        QVERIFY(security::PasswordHasher::verify(core::SecureBuffer::fromUtf8(QStringLiteral("password of member 2")),
                                                 q.value(0).toString()));
        QCOMPARE(dialog.passwordsHeld(), 0); // wiped once committed
        QVERIFY(!importButton->isEnabled());
        QVERIFY(calls >= 4); // the failed attempt, then the three passwords again
    }

    // Hashing runs on at most two threads while the window stays responsive; Cancel stops it, writes nothing and
    // wipes the passwords.
    void hashingRunsOnTwoWorkersWithProgressAndCancel()
    {
        QSemaphore gate;
        std::atomic<int> running = 0;
        std::atomic<int> mostAtOnce = 0;
        std::atomic<int> started = 0;
        gui::MemberImportDialog dialog(
            &m_repos->memberImport, QString(), nullptr, [&](const core::SecureBuffer& password) {
                ++started;
                const int now = ++running;
                for (int seen = mostAtOnce; now > seen && !mostAtOnce.compare_exchange_weak(seen, now);)
                    ;
                gate.tryAcquire(1, 60000); // held until the test has looked
                const QString hash = security::PasswordHasher::hash(password);
                --running;
                return hash;
            });
        dialog.show();
        QString rows;
        for (int n = 11; n <= 16; ++n)
            rows += memberRow(n, true);
        QVERIFY(dryRunOf(dialog, writeCsv(QStringLiteral("cancel.csv"), rows)));
        QSignalSpy finished(&dialog, &gui::MemberImportDialog::importFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
        QVERIFY(dialog.isImporting());
        auto* progress = dialog.findChild<QProgressBar*>(QStringLiteral("hashProgress"));
        auto* cancel = dialog.findChild<QPushButton*>(QStringLiteral("cancelImportButton"));
        QVERIFY(progress->isVisible() && !progress->accessibleName().isEmpty());
        QVERIFY(cancel->isVisible() && cancel->isEnabled() && !cancel->accessibleName().isEmpty());
        QCOMPARE(progress->maximum(), 6);
        QTRY_COMPARE(running.load(), 2);
        QTest::qWait(200);
        QCOMPARE(started.load(), 2); // the other four wait for a free worker
        gate.release(1);             // one hash may finish: progress moves on
        QTRY_COMPARE(progress->value(), 1);
        QTest::mouseClick(cancel, Qt::LeftButton);
        gate.release(10);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(mostAtOnce.load() <= 2);
        QVERIFY(started.load() < 6); // cancelled before every password was hashed
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE membership_number LIKE 'M-1_'")), 0);
        QCOMPARE(dialog.passwordsHeld(), 0);
        QVERIFY(
            dialog.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().contains(QStringLiteral("cancelled")));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled());
        QVERIFY(!progress->isVisible() && !cancel->isVisible());
    }

    void cleanupTestCase()
    {
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestMemberImport)
#include "TestMemberImport.moc"
