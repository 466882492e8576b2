// The CSV reader and writer: whatever is written reads back as the same rows (checked over many seeded random rows
// with every awkward character), the line ends of older exports, malformed quoting as an error naming its line, and
// the export rules (formulas neutralised, figures kept, every row as wide as the widest).
#include "Csv.h"

#include <QRandomGenerator>
#include <QTest>

using foyer::core::Csv;

class TestCsv : public QObject
{
    Q_OBJECT

    static QList<QStringList> fieldsOf(const QList<Csv::Row>& rows)
    {
        QList<QStringList> out;
        for (const Csv::Row& row : rows)
            out.append(row.fields);
        return out;
    }

    static QList<QStringList> parsed(const QString& text)
    {
        QString error;
        const QList<Csv::Row> rows = Csv::parse(text, &error);
        if (!error.isEmpty())
            qWarning("unexpected parse error: %s", qPrintable(error));
        return fieldsOf(rows);
    }

private slots:
    void aRowOfOneEmptyFieldSurvives()
    {
        const QList<QStringList> rows = {{QStringLiteral("a")}, {QString()}, {QStringLiteral("b")}};
        QString text;
        for (const QStringList& row : rows)
            text += Csv::formatRow(row);
        QCOMPARE(text, QStringLiteral("a\r\n\"\"\r\nb\r\n"));
        QCOMPARE(parsed(text), rows);
        // A line with nothing on it is still no record (files end with one, people leave them between blocks).
        QCOMPARE(parsed(QStringLiteral("a\n\nb\n")),
                 (QList<QStringList>{{QStringLiteral("a")}, {QStringLiteral("b")}}));
    }

    void crOnlyLineEndsSeparateRecords()
    {
        QString error;
        const QList<Csv::Row> rows =
            Csv::parse(QStringLiteral("name,seats\rAda,2\r\"Grace\rHopper\",3\r\rLin,1"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(fieldsOf(rows), (QList<QStringList>{{QStringLiteral("name"), QStringLiteral("seats")},
                                                     {QStringLiteral("Ada"), QStringLiteral("2")},
                                                     {QStringLiteral("Grace\rHopper"), QStringLiteral("3")},
                                                     {QStringLiteral("Lin"), QStringLiteral("1")}}));
        // Line numbers count CR, LF and CRLF alike, including the one inside the quoted field.
        QCOMPARE(rows.at(1).line, 2);
        QCOMPARE(rows.at(2).line, 3);
        QCOMPARE(rows.at(3).line, 6);
        QCOMPARE(parsed(QStringLiteral("a\r\nb\rc\nd")),
                 (QList<QStringList>{
                     {QStringLiteral("a")}, {QStringLiteral("b")}, {QStringLiteral("c")}, {QStringLiteral("d")}}));
    }

    void textAfterAClosingQuoteIsAnErrorNamingItsLine()
    {
        QString error;
        const QList<Csv::Row> rows = Csv::parse(QStringLiteral("x,y\r\n1,2\r\n\"ab\"cd,3\r\n"), &error);
        QVERIFY(rows.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("Line 3")) && error.contains(QStringLiteral("closing quote")),
                 qPrintable(error));
        error.clear();
        QVERIFY(Csv::parse(QStringLiteral("a\r\"ab\" ,c"), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("Line 2")), qPrintable(error));
        error.clear();
        QVERIFY(Csv::parse(QStringLiteral("a,\"open\nstill open"), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("Line 1")) && error.contains(QStringLiteral("never closed")),
                 qPrintable(error));
    }

    void generatedRowsRoundTrip()
    {
        // Fields built from the characters that break CSV writers, in runs, with empty fields and rows of one field.
        const QStringList pieces = {QString(),
                                    QStringLiteral(","),
                                    QStringLiteral("\""),
                                    QStringLiteral("\r"),
                                    QStringLiteral("\n"),
                                    QStringLiteral("\r\n"),
                                    QStringLiteral(" "),
                                    QStringLiteral("a"),
                                    QStringLiteral("Zoë"),
                                    QStringLiteral("=1+2"),
                                    QStringLiteral("\"\""),
                                    QStringLiteral("\t")};
        QRandomGenerator random(20261112);
        QList<QStringList> rows;
        QString text;
        for (int r = 0; r < 5000; ++r) {
            QStringList row;
            const int fields = 1 + int(random.bounded(6));
            for (int f = 0; f < fields; ++f) {
                QString field;
                const int length = int(random.bounded(5)); // 0: an empty field
                for (int p = 0; p < length; ++p)
                    field += pieces.at(int(random.bounded(qsizetype(pieces.size()))));
                row.append(field);
            }
            rows.append(row);
            text += Csv::formatRow(row);
        }
        QString error;
        const QList<Csv::Row> back = Csv::parse(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.size(), rows.size());
        for (int r = 0; r < rows.size(); ++r)
            QVERIFY2(back.at(r).fields == rows.at(r), qPrintable(QStringLiteral("row %1 differs").arg(r)));
        // With a byte-order mark in front and no line end after the last row, the same.
        text.chop(2);
        QCOMPARE(fieldsOf(Csv::parse(QChar(0xFEFF) + text)), rows);
    }

    void exportNeutralisesFormulasButNotFigures()
    {
        QCOMPARE(Csv::neutralised(QStringLiteral("=HYPERLINK(\"http://x.example\")")),
                 QStringLiteral("'=HYPERLINK(\"http://x.example\")"));
        QCOMPARE(Csv::neutralised(QStringLiteral("+44 20 7946 0000")), QStringLiteral("'+44 20 7946 0000"));
        QCOMPARE(Csv::neutralised(QStringLiteral("-2+3+cmd|' /C calc'!A0")), QStringLiteral("'-2+3+cmd|' /C calc'!A0"));
        QCOMPARE(Csv::neutralised(QStringLiteral("@SUM(A1:A9)")), QStringLiteral("'@SUM(A1:A9)"));
        QCOMPARE(Csv::neutralised(QStringLiteral("\t=1")), QStringLiteral("'\t=1"));
        QCOMPARE(Csv::neutralised(QStringLiteral("\r=1")), QStringLiteral("'\r=1"));
        QCOMPARE(Csv::neutralised(QStringLiteral("-")), QStringLiteral("'-"));
        QCOMPARE(Csv::neutralised(QStringLiteral("-1e3")), QStringLiteral("'-1e3"));
        // A report's own negative figures stay numbers an accountant can add up, in any locale's marks.
        for (const char* figure : {"-12.50", "-1,234.50", "-1.234,50", "-7", "-1 234,50"})
            QCOMPARE(Csv::neutralised(QString::fromUtf8(figure)), QString::fromUtf8(figure));
        QCOMPARE(Csv::neutralised(QStringLiteral("Ada = the first")), QStringLiteral("Ada = the first"));
        QCOMPARE(Csv::neutralised(QString()), QString());
    }

    void exportRowsAllHaveTheSameWidth()
    {
        const QString text =
            Csv::formatExport({{QStringLiteral("Donations")},
                               {QStringLiteral("Name"), QStringLiteral("Amount"), QStringLiteral("Note")},
                               {QStringLiteral("=cmd"), QStringLiteral("-12.50"), QString()},
                               {},
                               {QStringLiteral("Totals"), QString()}});
        QString error;
        const QList<Csv::Row> rows = Csv::parse(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 5);
        for (const Csv::Row& row : rows)
            QCOMPARE(row.fields.size(), 3);
        QCOMPARE(rows.at(0).fields, (QStringList{QStringLiteral("Donations"), QString(), QString()}));
        QCOMPARE(rows.at(2).fields, (QStringList{QStringLiteral("'=cmd"), QStringLiteral("-12.50"), QString()}));
        QCOMPARE(rows.at(3).fields, (QStringList{QString(), QString(), QString()}));
    }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "TestCsv.moc"
