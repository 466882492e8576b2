// A report's CSV as a spreadsheet gets it: the same number of fields on every row, names and notes that look like
// formulas made harmless while the report's own figures (negative ones too) stay numbers, and a write that did not
// reach the disk reported with its cause instead of claimed saved.
#include "Csv.h"
#include "ReportDocument.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestReportCsv : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static reports::ReportDocument sample()
    {
        reports::ReportDocument report;
        report.title = QStringLiteral("Donations");
        reports::ReportDocument::Section gifts;
        gifts.heading = QStringLiteral("Every donation");
        gifts.columns = {QStringLiteral("Patron"), QStringLiteral("Note"), QStringLiteral("Amount"),
                         QStringLiteral("Status")};
        gifts.rows = {{QStringLiteral("=HYPERLINK(\"http://evil.example\",\"Ada\")"), QStringLiteral("@SUM(A1)"),
                       QStringLiteral("-1,234.50"), QStringLiteral("Refunded")},
                      {QStringLiteral("Grace Hopper"), QStringLiteral("+ a pledge"), QStringLiteral("250.00"),
                       QStringLiteral("Posted")}};
        gifts.totals = {QStringLiteral("Total"), QString(), QStringLiteral("-984.50"), QString()};
        reports::ReportDocument::Section funds;
        funds.heading = QStringLiteral("By fund");
        funds.columns = {QStringLiteral("Fund"), QStringLiteral("Amount")};
        funds.rows = {{QStringLiteral("-Annual"), QStringLiteral("-984.50")}};
        report.sections = {gifts, funds};
        return report;
    }

private slots:
    void everyRowHasTheSameWidthAndFormulasAreNeutralised()
    {
        const QByteArray csv = sample().csv();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        QString error;
        const QList<core::Csv::Row> rows = core::Csv::parse(QString::fromUtf8(csv), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Heading, columns, two rows, totals, blank; heading, columns, one row, blank.
        QCOMPARE(rows.size(), 10);
        for (const core::Csv::Row& row : rows)
            QVERIFY2(row.fields.size() == 4, qPrintable(row.fields.join(u'|')));
        QCOMPARE(rows.at(2).fields,
                 (QStringList{QStringLiteral("'=HYPERLINK(\"http://evil.example\",\"Ada\")"),
                              QStringLiteral("'@SUM(A1)"), QStringLiteral("-1,234.50"), QStringLiteral("Refunded")}));
        QCOMPARE(rows.at(3).fields.at(1), QStringLiteral("'+ a pledge"));
        QCOMPARE(rows.at(4).fields.at(2), QStringLiteral("-984.50"));
        QCOMPARE(rows.at(5).fields, (QStringList{QString(), QString(), QString(), QString()}));
        QCOMPARE(rows.at(8).fields,
                 (QStringList{QStringLiteral("'-Annual"), QStringLiteral("-984.50"), QString(), QString()}));
    }

    void writesTheFileAndSaysSo()
    {
        const QString path = m_dir.filePath(QStringLiteral("donations.csv"));
        QString error;
        QVERIFY2(sample().writeCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), sample().csv());
    }

    void aFullDiskIsAFailureNamingTheCause()
    {
        // /dev/full accepts the open and refuses every byte with ENOSPC, as a full disk does.
        QVERIFY2(QFile::exists(QStringLiteral("/dev/full")), "this test needs /dev/full (Linux)");
        QString error;
        QVERIFY(!sample().writeCsv(QStringLiteral("/dev/full"), &error));
        QVERIFY2(error.contains(QStringLiteral("/dev/full")) && error.contains(QStringLiteral("No space left")),
                 qPrintable(error));
        // A folder that does not exist: the open fails, with its reason.
        error.clear();
        QVERIFY(!sample().writeCsv(m_dir.filePath(QStringLiteral("no/such/folder/x.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("No such file")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestReportCsv)
#include "TestReportCsv.moc"
