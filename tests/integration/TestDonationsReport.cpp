// The donations report from a seeded database: its PDF (read back with pdftotext) and CSV (parsed back) carry the
// known rows and totals that an independent SQL sum gives, not the report's own arithmetic.
#include "Database.h"
#include "DemoDataWriter.h"
#include "DonationsReport.h"
#include "MoneyFormat.h"
#include "PatronFixtures.h"
#include "ReportChecks.h"
#include "Repositories.h"

#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestDonationsReport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;

    qint64 sqlSum(const QString& where)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(QStringLiteral("SELECT coalesce(sum(amount_minor), 0) FROM donation WHERE ") + where) || !q.next())
            qFatal("sum failed");
        return q.value(0).toLongLong();
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("report.db")), QByteArray(32, '\x73'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        const QString ada = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                               QStringLiteral("ada@example.org"), QString());
        const QString grace = testing::addPatron(m_repos->patrons, QStringLiteral("Grace"), QStringLiteral("Hopper"),
                                                 QStringLiteral("grace@example.org"), QString());
        storage::DemoDataWriter writer(m_db->connection());
        QString e;
        QVERIFY(writer.begin(&e));
        bool ok = true;
        const struct
        {
            QString patron;
            int day;
            qint64 amount;
            const char* status;
            int probability;
        } gifts[] = {{ada, 3, 50000, "Posted", -1},
                     {ada, 10, 12550, "Pledged", -1},
                     {grace, 12, 100000, "Board Approved", 95},
                     {grace, 20, 2500, "Pending", -1},
                     {grace, 40, 99900, "Posted", -1}}; // day 40 falls outside the report's month
        int n = 0;
        for (const auto& gift : gifts) {
            storage::DemoDataWriter::OrderSpec spec;
            spec.order.id = core::UuidV7::generateText();
            spec.order.confirmationNumber = QStringLiteral("D-%1").arg(++n);
            spec.order.category = QStringLiteral("donation");
            spec.order.channel = QStringLiteral("phone");
            spec.order.internalStatus = QStringLiteral("complete");
            spec.order.createdAt = QDateTime(QDate(2026, 11, 1).addDays(gift.day - 1), QTime(12, 0), Qt::UTC);
            spec.donationMinor = gift.amount;
            spec.donationStatus = QString::fromLatin1(gift.status);
            spec.donationProbability = gift.probability;
            ok = ok && writer.addOrder(gift.patron, spec, &e);
        }
        QVERIFY2(writer.finish(ok, &e), qPrintable(e));
    }

    void donationsReportPdfAndCsvAgreeWithTheDatabase()
    {
        const QDate from(2026, 11, 1), to(2026, 11, 30);
        QString readError;
        const auto donations = m_repos->reports.donations(from, to, &readError);
        const auto recurring = m_repos->reports.recurringDonations(&readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        reports::ReportDocument report = reports::DonationsReport::build(donations, recurring, from, to);
        report.venueName = QStringLiteral("Harbour Theatre");
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();
        // The independent figure: SQL over the same days (UTC bounds of the local days).
        const QString range = QStringLiteral("coalesce(received_at, created_at) >= '%1' AND coalesce(received_at, "
                                             "created_at) < '%2'")
                                  .arg(QDateTime(from, QTime(0, 0)).toUTC().toString(Qt::ISODateWithMs),
                                       QDateTime(to.addDays(1), QTime(0, 0)).toUTC().toString(Qt::ISODateWithMs));
        const qint64 total = sqlSum(range);
        QCOMPARE(total, qint64(165050));
        const qint64 posted = sqlSum(range + QStringLiteral(" AND status = 'Posted'"));

        const QString pdf = m_dir.filePath(QStringLiteral("donations.pdf"));
        int pages = 0;
        QVERIFY(report.writePdf(pdf, &pages));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString printed = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(printed.contains(core::MoneyFormat::amount(total)), qPrintable(printed));
        QVERIFY(printed.contains(core::MoneyFormat::amount(posted)));
        QVERIFY(printed.contains(QStringLiteral("Grace Hopper")));
        QVERIFY(printed.contains(QStringLiteral("Board Approved")));
        QVERIFY(printed.contains(QStringLiteral("Printed by Mo Manager")));
        QVERIFY(printed.contains(QStringLiteral("Page 1 of %1").arg(pages)));
        QVERIFY(!printed.contains(core::MoneyFormat::amount(99900))); // the gift outside the range

        // CSV: a byte-order mark, then rows a spreadsheet reads; the detail rows add up to the SQL sum.
        const QByteArray csv = report.csv();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        const auto rows = core::Csv::parse(QString::fromUtf8(csv));
        qint64 csvTotal = 0;
        bool inDetail = false;
        int detailRows = 0;
        for (const auto& row : rows) {
            if (row.fields.value(0) == QLatin1String("Every donation")) {
                inDetail = true;
                continue;
            }
            if (!inDetail || row.fields.value(0) == QLatin1String("Date") ||
                row.fields.value(0).startsWith(QLatin1String("Total")) || testing::csvBlank(row.fields))
                continue;
            bool ok = false;
            csvTotal += qRound64(QLocale().toDouble(row.fields.value(5), &ok) * 100);
            QVERIFY2(ok, qPrintable(row.fields.value(5)));
            ++detailRows;
        }
        QCOMPARE(detailRows, 4);
        QCOMPARE(csvTotal, total);
        QVERIFY(report.writeCsv(m_dir.filePath(QStringLiteral("donations.csv"))));
        // scripts/reports sets this to refresh the pictures in docs/reports.
        if (const QString keep = qEnvironmentVariable("FOYER_KEEP_REPORTS"); !keep.isEmpty())
            QVERIFY(QFile::copy(pdf, keep + QStringLiteral("/donations.pdf")) ||
                    QFile::exists(keep + QStringLiteral("/donations.pdf")));
    }

    void aLongTableRepeatsItsHeaderOnEveryPage()
    {
        reports::ReportDocument report;
        report.title = QStringLiteral("Long");
        report.venueName = QStringLiteral("Harbour Theatre");
        report.printedBy = QStringLiteral("Test");
        report.printedAt = QDateTime::currentDateTimeUtc();
        reports::ReportDocument::Section section;
        section.heading = QStringLiteral("Rows");
        section.columns = {QStringLiteral("Name"), QStringLiteral("Amount")};
        section.rightAligned = {false, true};
        for (int i = 1; i <= 1200; ++i)
            section.rows.append({QStringLiteral("Patron number %1").arg(i), core::MoneyFormat::amount(i * 100)});
        section.totals = {QStringLiteral("Total"), core::MoneyFormat::amount(720060000)};
        report.sections = {section};
        const QString pdf = m_dir.filePath(QStringLiteral("long.pdf"));
        int pages = 0;
        QVERIFY(report.writePdf(pdf, &pages));
        QVERIFY(pages > 10);
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString printed = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY(printed.contains(QStringLiteral("Patron number 1200")));
        QVERIFY(printed.contains(QStringLiteral("Page %1 of %1").arg(pages)));
        QVERIFY(printed.contains(core::MoneyFormat::amount(720060000)));
        // The table's header is on every page with rows (pdftotext ends each page with a form feed).
        int pagesWithRows = 0;
        for (const QString& page : printed.split(u'\f')) {
            if (!page.contains(QStringLiteral("Patron number")))
                continue;
            ++pagesWithRows;
            QVERIFY(page.contains(QStringLiteral("Amount")));
        }
        QVERIFY(pagesWithRows >= pages - 1);

        // Progress is reported page by page, and a cancel stops the report.
        QList<int> seen;
        QVERIFY(report.writePdf(pdf, nullptr, [&seen, pages](int page, int total) {
            seen.append(page);
            return total == pages;
        }));
        QCOMPARE(seen.size(), pages);
        QCOMPARE(seen.constLast(), pages);
        int stoppedAt = 0;
        QVERIFY(!report.writePdf(pdf, nullptr, [&stoppedAt](int page, int) {
            stoppedAt = page;
            return page < 3;
        }));
        QCOMPARE(stoppedAt, 3);
    }

    void aSummaryPdfLeavesTheListToTheCsv()
    {
        const QDate from(2026, 11, 1), to(2026, 11, 30);
        QString readError;
        const auto donations = m_repos->reports.donations(from, to, &readError);
        const auto recurring = m_repos->reports.recurringDonations(&readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        const reports::ReportDocument report = reports::DonationsReport::build(donations, recurring, from, to, false);
        const QString pdf = m_dir.filePath(QStringLiteral("summary.pdf"));
        QVERIFY(report.writePdf(pdf));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("in the CSV export")), qPrintable(printed));
        QVERIFY(printed.contains(QStringLiteral("First-time donors")));
        QVERIFY(printed.contains(QStringLiteral("By month")));
        // The list is not in the PDF but is in the CSV: four donations in November.
        QCOMPARE(testing::csvSection(report.csv(), QStringLiteral("Every donation")).size(), 5);
        QCOMPARE(testing::csvSection(report.csv(), QStringLiteral("First-time donors")).size(), 3); // both, total

        // In December Grace gives again: not a first-time donor, having given in November.
        const QDate december(2026, 12, 1);
        const auto decemberDonations =
            m_repos->reports.donations(december, december.addMonths(1).addDays(-1), &readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        const QByteArray later =
            reports::DonationsReport::build(decemberDonations, {}, december, december.addMonths(1).addDays(-1), false)
                .csv();
        QCOMPARE(testing::csvSection(later, QStringLiteral("Every donation")).size(), 2);
        QCOMPARE(testing::csvSection(later, QStringLiteral("First-time donors")).size(), 1); // the total row only
    }

    void cleanupTestCase()
    {
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestDonationsReport)
#include "TestDonationsReport.moc"
