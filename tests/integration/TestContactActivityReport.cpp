// The contact activity report: per staff member and kind, outcomes and every log, checked in the PDF (pdftotext)
// and the CSV against an independent SQL count.
#include "ContactActivityReport.h"
#include "Database.h"
#include "PatronFixtures.h"
#include "ReportChecks.h"
#include "Repositories.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestContactActivityReport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;

private slots:
    void contactsPerStaffAndKindAgreeWithTheDatabase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("contacts.db")), QByteArray(32, '\x74'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        const QString ada = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                               QStringLiteral("ada@example.org"), QString());
        QStringList staffIds;
        for (const char* name : {"Dee Velopment", "Mo Manager"}) {
            core::StaffMember staff;
            staff.id = core::UuidV7::generateText();
            staff.username = QString::fromLatin1(name).section(u' ', 0, 0).toLower();
            staff.displayName = QString::fromLatin1(name);
            QString e;
            QVERIFY(m_repos->staff.create(staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
            staffIds.append(staff.id);
        }
        const struct
        {
            int staff;
            const char* kind;
            int day;
            const char* outcome;
        } logs[] = {{0, "phone", 2, "Left a message"}, {0, "phone", 3, "Spoke with patron"},
                    {0, "meeting", 4, "Pledged 500"},  {1, "in_person", 5, "Resolved"},
                    {1, "phone", 6, "Resolved"},       {0, "phone", 40, "Outside the range"}};
        for (const auto& l : logs) {
            core::ContactLog log;
            log.kind = QString::fromLatin1(l.kind);
            log.direction = QStringLiteral("outbound");
            log.subject = QStringLiteral("Season renewal");
            log.outcome = QString::fromLatin1(l.outcome);
            log.occurredAt = QDateTime(QDate(2026, 11, 1).addDays(l.day - 1), QTime(12, 0), Qt::UTC);
            QString e;
            QVERIFY2(m_repos->activity.addContactLog(ada, log, staffIds.at(l.staff), &e), qPrintable(e));
        }

        const QDate from(2026, 11, 1), to(2026, 11, 30);
        QString readError;
        const auto contactRows = m_repos->reports.contactActivity(from, to, &readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        reports::ReportDocument report = reports::ContactActivityReport::build(contactRows, from, to);
        report.venueName = QStringLiteral("Harbour Theatre");
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();

        // Independent counts straight from SQL.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT s.display_name, count(*) FROM contact_log c JOIN staff_user s ON s.id = "
                                      "c.staff_id WHERE c.occurred_at >= '2026-11-01' AND c.occurred_at < "
                                      "'2026-12-01' GROUP BY s.display_name")));
        QHash<QString, int> expected;
        while (q.next())
            expected.insert(q.value(0).toString(), q.value(1).toInt());
        QCOMPARE(expected.value(QStringLiteral("Dee Velopment")), 3);

        QHash<QString, int> fromCsv;
        for (const QStringList& row : testing::csvSection(report.csv(), QStringLiteral("By staff member and kind")))
            if (expected.contains(row.value(0)))
                fromCsv.insert(row.value(0), row.last().toInt());
        QCOMPARE(fromCsv, expected);

        const QString pdf = m_dir.filePath(QStringLiteral("contacts.pdf"));
        QVERIFY(report.writePdf(pdf));
        // Set to refresh the pictures in docs/reports.
        if (const QString keep = qEnvironmentVariable("FOYER_KEEP_REPORTS"); !keep.isEmpty())
            QFile::copy(pdf, keep + QStringLiteral("/contact-activity.pdf"));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString printed = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(printed.contains(QStringLiteral("Contact activity")) &&
                     printed.contains(QStringLiteral("Mo Manager")) && printed.contains(QStringLiteral("Pledged 500")),
                 qPrintable(printed));
        QVERIFY(!printed.contains(QStringLiteral("Outside the range")));
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestContactActivityReport)
#include "TestContactActivityReport.moc"
