// What staff type and import around orders: seat ranges, CSV (RFC 4180), the member database dry run, and
// confirmation numbers.
#include "ConfirmationNumber.h"
#include "Csv.h"
#include "DrawerShifts.h"
#include "MemberImport.h"
#include "MoneyFormat.h"
#include "SeatSpec.h"

#include <QTest>

using namespace foyer::core;

class TestOrderInput : public QObject
{
    Q_OBJECT
private slots:
    void seats_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected"); // "B12 B13" or "error:<part of message>"
        QTest::newRow("one seat") << "B12"
                                  << "B12";
        QTest::newRow("range") << "B12-15"
                               << "B12 B13 B14 B15";
        QTest::newRow("range with row twice") << "b12-B14"
                                              << "B12 B13 B14";
        QTest::newRow("two parts") << "B12-13, C3"
                                   << "B12 B13 C3";
        QTest::newRow("spaces") << " AA 3 - 4 "
                                << "AA3 AA4";
        QTest::newRow("two rows") << "B12-C14"
                                  << "error:two rows";
        QTest::newRow("backwards") << "B15-12"
                                   << "error:backwards";
        QTest::newRow("typed twice") << "B12, B12"
                                     << "error:twice";
        QTest::newRow("no row") << "12"
                                << "error:not a seat";
        QTest::newRow("empty") << ""
                               << "error:Type seats";
        QTest::newRow("too many") << "A1-500"
                                  << "error:At most";
    }
    void seats()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        QString error;
        const auto seats = SeatSpec::parse(typed, &error);
        if (expected.startsWith(QLatin1String("error:"))) {
            QVERIFY(seats.isEmpty());
            QVERIFY2(error.contains(expected.mid(6)), qPrintable(error));
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList labels;
        for (const auto& seat : seats)
            labels.append(seat.row + QString::number(seat.number));
        QCOMPARE(labels.join(u' '), expected);
    }

    void sectionsCarryOverToLaterParts()
    {
        QString error;
        const auto seats = SeatSpec::parse(QStringLiteral("Stalls H10-11, C3, Upper Circle AA2"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList labels;
        for (const auto& seat : seats)
            labels.append(seat.section + u':' + seat.row + QString::number(seat.number));
        QCOMPARE(labels, (QStringList{QStringLiteral("Stalls:H10"), QStringLiteral("Stalls:H11"),
                                      QStringLiteral("Stalls:C3"), QStringLiteral("Upper Circle:AA2")}));
        QVERIFY(SeatSpec::parse(QStringLiteral("AA 3"), &error).constFirst().section.isEmpty());
    }

    void moneyTypedByStaff_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("whole") << QStringLiteral("143") << true << qint64(14300);
        QTest::newRow("one decimal") << QStringLiteral("143.5") << true << qint64(14350);
        QTest::newRow("cents") << QStringLiteral(" 0.07 ") << true << qint64(7);
        QTest::newRow("grouped") << QStringLiteral("1,234.50") << true << qint64(123450);
        QTest::newRow("three decimals") << QStringLiteral("1.234") << false << qint64(0);
        QTest::newRow("negative") << QStringLiteral("-5") << false << qint64(0);
        QTest::newRow("letters") << QStringLiteral("12a") << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
    }

    void moneyTypedByStaff()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, minor);
        qint64 parsed = 0;
        QCOMPARE(foyer::core::MoneyFormat::parse(text, &parsed), ok);
        if (ok)
            QCOMPARE(parsed, minor);
    }

    void drawerShiftsSplitTheDayAtEachCount()
    {
        using foyer::core::DrawerShifts;
        const QDateTime noon(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC);
        // Counted at 17:00 (the matinee) and 23:00 (the evening), listed out of order; cash at 14:00, 16:59, 20:00
        // and a refund at 21:00; then a sale at 23:30 after the last count.
        const QList<DrawerShifts::Count> counts = {{noon.addSecs(11 * 3600), 0, 9000},
                                                   {noon.addSecs(5 * 3600), 10000, 14500}};
        const QList<DrawerShifts::Cash> cash = {{noon.addSecs(2 * 3600), 3000},
                                                {noon.addSecs(5 * 3600 - 60), 1500},
                                                {noon.addSecs(8 * 3600), 10000},
                                                {noon.addSecs(9 * 3600), -1000},
                                                {noon.addSecs(11 * 3600 + 1800), 700}};
        const QList<DrawerShifts::Shift> shifts = DrawerShifts::split(counts, cash);
        QCOMPARE(shifts.size(), 3);
        QCOMPARE(shifts.at(0).countIndex, 1); // the matinee, counted first
        QCOMPARE(shifts.at(0).balance.cashTakenMinor, qint64(4500));
        QCOMPARE(shifts.at(0).balance.expectedMinor(), qint64(14500));
        QCOMPARE(shifts.at(0).balance.differenceMinor(), qint64(0));
        QCOMPARE(shifts.at(1).countIndex, 0);
        QCOMPARE(shifts.at(1).balance.cashTakenMinor, qint64(9000));
        QCOMPARE(shifts.at(1).balance.differenceMinor(), qint64(0));
        QCOMPARE(shifts.at(2).countIndex, -1); // not counted yet: no difference, not a shortfall
        QCOMPARE(shifts.at(2).balance.cashTakenMinor, qint64(700));
        QCOMPARE(shifts.at(2).balance.differenceMinor(), qint64(0));
        // No counts at all: all the cash is one uncounted shift; no cash and no count: nothing.
        QCOMPARE(DrawerShifts::split({}, cash).size(), 1);
        QVERIFY(DrawerShifts::split({}, {}).isEmpty());
    }

    void csvRoundTrip()
    {
        const QString text = QStringLiteral("\xFEFF"
                                            "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n\r\n1,\"two\nlines\",3\n");
        QString error;
        const auto rows = Csv::parse(text, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).fields,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b, with comma"), QStringLiteral("say \"hi\"")}));
        QCOMPARE(rows.at(1).line, 3);
        QCOMPARE(rows.at(1).fields.at(1), QStringLiteral("two\nlines"));
        QCOMPARE(Csv::formatRow(rows.at(0).fields), QStringLiteral("a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"));
        Csv::parse(QStringLiteral("a,\"open"), &error);
        QVERIFY(error.contains(QStringLiteral("Line 1")));
    }

    void memberImportDryRunReportsEveryRow()
    {
        const QString csv =
            QStringLiteral("membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n"
                           "M-100,Ann Lee,ann@example.org,correct horse,Friend,2026-09-01,2027-08-31,The Tempest=2\n"
                           "M-101,Bob Ray,bob@example.org,,Friend,2026-09-01,,season=4\n"
                           ",Cy Dee,not-an-email,,Friend,2026-09-01,,The Tempest=2\n"
                           "M-100,Dup Licate,dup@example.org,,Friend,2026-09-01,,Unknown Show=1\n"
                           "M-7,Held Already,held@example.org,,Gold,someday,,The Tempest=x\n");
        const QHash<QString, QString> shows = {{QStringLiteral("the tempest"), QStringLiteral("show-1")}};
        const QHash<QString, QString> levels = {{QStringLiteral("friend"), QStringLiteral("level-1")}};
        const auto report = MemberImport::dryRun(csv, shows, levels, {QStringLiteral("M-7")});
        QVERIFY(report.fileError.isEmpty());
        QCOMPARE(report.members.size(), 5);
        QVERIFY(report.members.at(0).errors.isEmpty());
        QCOMPARE(report.members.at(0).creditsPerShow.value(QStringLiteral("show-1")), 2);
        QCOMPARE(report.members.at(0).lastName, QStringLiteral("Lee"));
        QVERIFY(report.members.at(1).errors.isEmpty());
        QCOMPARE(report.members.at(1).seasonCredits, 4);
        const QString third = report.members.at(2).errors.join(u'|');
        QVERIFY2(third.contains(QStringLiteral("missing membership number")) &&
                     third.contains(QStringLiteral("bad email")),
                 qPrintable(third));
        const QString fourth = report.members.at(3).errors.join(u'|');
        QVERIFY2(fourth.contains(QStringLiteral("duplicate membership number M-100 (also on line 2)")) &&
                     fourth.contains(QStringLiteral("unknown show \"Unknown Show\"")),
                 qPrintable(fourth));
        const QString fifth = report.members.at(4).errors.join(u'|');
        QVERIFY2(fifth.contains(QStringLiteral("already exists")) &&
                     fifth.contains(QStringLiteral("unknown benefit")) &&
                     fifth.contains(QStringLiteral("valid_from")) && fifth.contains(QStringLiteral("show=seats")),
                 qPrintable(fifth));
        QCOMPARE(report.members.at(4).line, 6);
        QVERIFY(!report.canImport());

        const auto missingColumn =
            MemberImport::dryRun(QStringLiteral("membership_number,name\nM-1,Ann\n"), shows, levels, {});
        QVERIFY(missingColumn.fileError.contains(QStringLiteral("email")));
    }

    void confirmationNumbersCarryTheWorkstationPrefix()
    {
        const QString prefix = ConfirmationNumber::prefixFromDatabaseId(QStringLiteral("3f9a0c11aa"));
        QCOMPARE(prefix, QStringLiteral("3F9A0C"));
        QCOMPARE(ConfirmationNumber::format(prefix, 127), QStringLiteral("3F9A0C-000127"));
    }
};

QTEST_APPLESS_MAIN(TestOrderInput)
#include "TestOrderInput.moc"
