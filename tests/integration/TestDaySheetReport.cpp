// The box office day sheet from a seeded day of sales on two workstations: money by pay type and each drawer's
// expected cash against the count at close, checked in the PDF (pdftotext) and the CSV against independent SQL sums.
#include "Clock.h"
#include "Database.h"
#include "DaySheetReport.h"
#include "DemoDataWriter.h"
#include "MoneyFormat.h"
#include "PatronFixtures.h"
#include "ReportChecks.h"
#include "Repositories.h"

#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestDaySheetReport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    QString m_show;
    QString m_performance;
    QString m_adult;
    QList<core::SeatMap::Seat> m_seats;
    core::StaffMember m_boxOffice;
    core::StaffMember m_manager;

    core::OrderLineDraft line(int seat, const QString& payType, const QString& membership = QString())
    {
        core::OrderLineDraft l;
        l.performanceId = m_performance;
        l.showId = m_show;
        l.performanceAt = QDateTime(core::Clock::today().addDays(3), QTime(19, 30));
        l.seatId = m_seats.at(seat).id;
        l.seatLabel = m_seats.at(seat).label();
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = payType;
        l.membershipNumber = membership;
        return l;
    }

    core::StaffMember addStaff(const QString& name, core::StaffMember::Role role)
    {
        core::StaffMember staff;
        staff.id = core::UuidV7::generateText();
        staff.username = name.section(u' ', 0, 0).toLower();
        staff.displayName = name;
        staff.role = role;
        QString e;
        if (!m_repos->staff.create(staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e))
            qFatal("staff: %s", qPrintable(e));
        return staff;
    }

    void setWorkstation(const QString& prefix)
    {
        // Stands in for a second workstation's sales arriving by sync: its own prefix on its rows.
        QSqlQuery q(m_db->connection());
        q.exec(QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES "
                              "('workstation_prefix', '%1')")
                   .arg(prefix));
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("day.db")), QByteArray(32, '\x52'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 12; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &e);
        QVERIFY2(!hall.isEmpty(), qPrintable(e));
        QString seatsError;
        m_seats = m_repos->venue.seats(hall, &seatsError);
        QVERIFY2(seatsError.isEmpty(), qPrintable(seatsError));
        m_show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &e);
        m_performance = m_repos->venue.addPerformance(
            m_show, hall, QDateTime(core::Clock::today().addDays(3), QTime(19, 30)).toUTC(), {}, &e);
        QVERIFY2(!m_performance.isEmpty(), qPrintable(e));
        m_adult = m_repos->venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &e);
        QVERIFY(!m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {m_show}, &e).isEmpty());
        const QString ada = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                               QStringLiteral("ada@example.org"), QString());
        storage::DemoDataWriter writer(m_db->connection());
        core::Membership membership;
        membership.id = core::UuidV7::generateText();
        membership.membershipNumber = QStringLiteral("M-77");
        membership.levelName = QStringLiteral("Friend");
        membership.validFrom = core::Clock::today().addMonths(-1);
        membership.validUntil = core::Clock::today().addMonths(11);
        QVERIFY(writer.addMembership(ada, membership, QString(), &e));
        QVERIFY(writer.addMembershipCredits(membership.id, {m_show}, 2, &e));
        m_boxOffice = addStaff(QStringLiteral("Bo Office"), core::StaffMember::Role::BoxOffice);
        m_manager = addStaff(QStringLiteral("Mo Manager"), core::StaffMember::Role::Manager);

        // Workstation AAAAAA: Bo sells two cash seats and a card seat to Ada, then a membership seat and a check.
        QList<core::MembershipCreditRule::LineError> lineErrors;
        setWorkstation(QStringLiteral("AAAAAA"));
        core::OrderDraft first;
        first.patronId = ada;
        first.lines = {line(0, QStringLiteral("cash")), line(1, QStringLiteral("cash")),
                       line(2, QStringLiteral("credit_card"))};
        QVERIFY2(m_repos->orders.confirm(first, m_boxOffice.id, &lineErrors, &e), qPrintable(e));
        core::OrderDraft second;
        second.patronId = ada;
        second.lines = {line(3, QStringLiteral("membership"), QStringLiteral("M-77")),
                        line(4, QStringLiteral("check"))};
        QVERIFY2(m_repos->orders.confirm(second, m_boxOffice.id, &lineErrors, &e), qPrintable(e));
        // The manager refunds one cash seat of the first order at the same window.
        core::OrderLifeRules::RefundPlan plan;
        QString linesError;
        const auto lines = m_repos->orderLife.lines(first.id, &linesError);
        QVERIFY2(lines, qPrintable(linesError));
        QVERIFY2(m_repos->orderLife.refund(first.id, {lines->at(0).id}, m_manager, QStringLiteral("Could not come"),
                                           &plan, &e),
                 qPrintable(e));
        // Workstation BBBBBB: Mo sells a walk-up cash seat and a gift card seat, and voids an unpaid order.
        setWorkstation(QStringLiteral("BBBBBB"));
        core::OrderDraft walkUp;
        walkUp.lines = {line(5, QStringLiteral("cash")), line(6, QStringLiteral("gift_card"))};
        QVERIFY2(m_repos->orders.confirm(walkUp, m_manager.id, &lineErrors, &e), qPrintable(e));
        core::OrderDraft unpaid;
        unpaid.lines = {line(7, QStringLiteral("cash"))};
        QVERIFY2(m_repos->orders.save(unpaid, m_manager.id, &e), qPrintable(e));
        QVERIFY2(m_repos->orderLife.voidOrder(unpaid.id, m_manager, QStringLiteral("Patron walked away"), &e),
                 qPrintable(e));

        // At close each window counts its drawer: AAAAAA is 2.00 short, BBBBBB is right.
        storage::CashDrawerRepository::CashCount bad;
        bad.businessDate = core::Clock::today();
        bad.workstation = QStringLiteral("AAAAAA");
        bad.drawer = QString();
        QVERIFY(!m_repos->cashDrawers.recordCount(bad, m_boxOffice.id, &e));
        QVERIFY2(e.contains(QStringLiteral("Name the drawer")), qPrintable(e));
        QCOMPARE(testing::sqlNumber(m_db->connection(), QStringLiteral("SELECT count(*) FROM cash_count")), 0);
        storage::CashDrawerRepository::CashCount a{core::Clock::today(),
                                                   QStringLiteral("AAAAAA"),
                                                   QStringLiteral("Drawer 1"),
                                                   10000,
                                                   14300,
                                                   QString(),
                                                   {},
                                                   {}};
        QVERIFY2(m_repos->cashDrawers.recordCount(a, m_boxOffice.id, &e), qPrintable(e));
        // A recount replaces the first figure rather than adding a second drawer.
        a.countedMinor = 14300; // recounted, same figure
        QVERIFY2(m_repos->cashDrawers.recordCount(a, m_boxOffice.id, &e), qPrintable(e));
        storage::CashDrawerRepository::CashCount b{
            core::Clock::today(), QStringLiteral("BBBBBB"), QStringLiteral("Drawer 2"), 5000, 9500, QString(), {}, {}};
        QVERIFY2(m_repos->cashDrawers.recordCount(b, m_manager.id, &e), qPrintable(e));
        QCOMPARE(testing::sqlNumber(m_db->connection(), QStringLiteral("SELECT count(*) FROM cash_count")), 2);

        // An evening shift on AAAAAA: one more cash seat, counted on its own; BBBBBB sells a cash seat after its
        // count, which nobody has counted yet.
        QTest::qWait(5);
        setWorkstation(QStringLiteral("AAAAAA"));
        core::OrderDraft evening;
        evening.lines = {line(8, QStringLiteral("cash"))};
        QVERIFY2(m_repos->orders.confirm(evening, m_boxOffice.id, &lineErrors, &e), qPrintable(e));
        QTest::qWait(5);
        storage::CashDrawerRepository::CashCount night{
            core::Clock::today(), QStringLiteral("AAAAAA"), QStringLiteral("Evening"), 0, 4500, QString(), {}, {}};
        QVERIFY2(m_repos->cashDrawers.recordCount(night, m_boxOffice.id, &e), qPrintable(e));
        QTest::qWait(5);
        setWorkstation(QStringLiteral("BBBBBB"));
        core::OrderDraft late;
        late.lines = {line(9, QStringLiteral("cash"))};
        QVERIFY2(m_repos->orders.confirm(late, m_manager.id, &lineErrors, &e), qPrintable(e));
    }

    void wideOrdersKeepTheirColumnHeadersWhole()
    {
        // A busy day's orders with long names make the table wider than the page: the columns share what is left
        // after their headers, so "Membership seats" is never cut short (it was, when the widths were squeezed evenly).
        reports::DaySheetReport::Input input;
        input.day = QDate(2026, 12, 1);
        for (int n = 0; n < 12; ++n) {
            storage::ReportRepository::SoldOrderRow row;
            row.confirmedAt = QDateTime(input.day, QTime(18, n), Qt::UTC);
            row.confirmationNumber = QStringLiteral("3F9A0C-%1").arg(100000 + n);
            row.patronName = QStringLiteral("Alexandria Montgomery-Worthington-Fairweather %1").arg(n);
            row.staffName = QStringLiteral("Bartholomew Cavendish-Featherstonehaugh");
            row.seats = 4;
            row.membershipSeats = 2;
            row.totalMinor = 18000;
            row.status = QStringLiteral("confirmed");
            input.orders.append(row);
        }
        const reports::ReportDocument report = reports::DaySheetReport::build(input);
        const QString pdf = m_dir.filePath(QStringLiteral("wide-day-sheet.pdf"));
        QVERIFY(report.writePdf(pdf));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Membership seats")), qPrintable(printed));
        for (const reports::ReportDocument::Section& section : report.sections)
            if (!section.rows.isEmpty())
                for (const QString& column : section.columns)
                    QVERIFY2(printed.contains(column), qPrintable(section.heading + u'/' + column));
    }

    void daySheetReconcilesWithThePayments()
    {
        const QDate day = core::Clock::today();
        reports::DaySheetReport::Input input;
        input.day = day;
        QString readError;
        input.payments = m_repos->reports.payments(day, {}, &readError);
        input.orders = m_repos->reports.ordersConfirmed(day, {}, &readError);
        input.events = m_repos->reports.orderEvents(day, {}, &readError);
        input.counts = m_repos->cashDrawers.counts(day, {}, &readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        reports::ReportDocument report = reports::DaySheetReport::build(input);
        report.venueName = QStringLiteral("Harbour Theatre");
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();

        // Independent figures: SQL over the payment rows.
        const QSqlDatabase db = m_db->connection();
        auto sum = [&db](const QString& where) {
            return testing::sqlNumber(db, QStringLiteral("SELECT coalesce(sum(amount_minor), 0) FROM payment WHERE ") +
                                              where);
        };
        const qint64 net = sum(QStringLiteral("1"));
        // Each count's window: the cash at its workstation after the previous count and up to its own.
        const QString countedAt = QStringLiteral("(SELECT counted_at FROM cash_count WHERE drawer = '%1')");
        const qint64 cashDay = sum(QStringLiteral("pay_type = 'cash' AND workstation = 'AAAAAA' AND created_at <= ") +
                                   countedAt.arg(QStringLiteral("Drawer 1")));
        const qint64 cashEvening =
            sum(QStringLiteral("pay_type = 'cash' AND workstation = 'AAAAAA' AND created_at > ") +
                countedAt.arg(QStringLiteral("Drawer 1")) + QStringLiteral(" AND created_at <= ") +
                countedAt.arg(QStringLiteral("Evening")));
        const qint64 cashB = sum(QStringLiteral("pay_type = 'cash' AND workstation = 'BBBBBB' AND created_at <= ") +
                                 countedAt.arg(QStringLiteral("Drawer 2")));
        const qint64 uncountedB = sum(QStringLiteral("pay_type = 'cash' AND workstation = 'BBBBBB' AND created_at > ") +
                                      countedAt.arg(QStringLiteral("Drawer 2")));
        const qint64 refunds = sum(QStringLiteral("amount_minor < 0"));
        // 8 paid seats (5 cash, card, check, gift card) and 1 cash seat refunded.
        QCOMPARE(net, qint64(8 * 4500 - 4500));
        QCOMPARE(cashDay, qint64(4500));
        QCOMPARE(cashEvening, qint64(4500));
        QCOMPARE(cashB, qint64(4500));
        QCOMPARE(uncountedB, qint64(4500));

        const QString pdf = m_dir.filePath(QStringLiteral("day-sheet.pdf"));
        int pages = 0;
        QVERIFY(report.writePdf(pdf, &pages));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Box office day sheet")), qPrintable(printed));
        testing::keepForDocs(pdf, QStringLiteral("day-sheet.pdf"));
        QVERIFY2(printed.contains(core::MoneyFormat::amount(net)), qPrintable(printed));
        QVERIFY(printed.contains(core::MoneyFormat::amount(refunds)));
        QVERIFY(printed.contains(QStringLiteral("Could not come")));
        QVERIFY(printed.contains(QStringLiteral("Patron walked away")));
        QVERIFY(printed.contains(QStringLiteral("Ada Lovelace")));
        QVERIFY(printed.contains(QStringLiteral("Bo Office")));
        QVERIFY(printed.contains(QStringLiteral("Page 1 of %1").arg(pages)));
        // Every table's column headers are printed whole, never elided ("Membership seats" was cut short), and
        // none has lost characters to an ellipsis.
        QVERIFY(printed.contains(QStringLiteral("Membership seats")));
        QVERIFY2(!printed.contains(QChar(0x2026)), qPrintable(printed));
        for (const reports::ReportDocument::Section& section : report.sections)
            if (!section.rows.isEmpty())
                for (const QString& column : section.columns)
                    QVERIFY2(printed.contains(column), qPrintable(section.heading + u'/' + column));
        testing::keepForDocs(pdf, QStringLiteral("day-sheet.pdf"));

        // CSV: pay-type nets add up to the SQL total; each drawer's expected cash is float + its cash payments, and
        // the difference is what was counted less that.
        const QByteArray csv = report.csv();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        const QLocale locale;
        auto minor = [&locale](const QString& text) { return qRound64(locale.toDouble(text) * 100); };
        qint64 csvNet = 0;
        for (const QStringList& row : testing::csvSection(csv, QStringLiteral("By pay type")))
            if (row.value(0) != QLatin1String("Total"))
                csvNet += minor(row.value(4));
        QCOMPARE(csvNet, net);
        const auto drawers = testing::csvSection(csv, QStringLiteral("Cash drawers"));
        QCOMPARE(drawers.size(), 5); // AAAAAA day and evening, BBBBBB counted and not yet, total
        QCOMPARE(drawers.at(0).value(0), QStringLiteral("AAAAAA"));
        QVERIFY(drawers.at(0).value(1).startsWith(QStringLiteral("Drawer 1")));
        QCOMPARE(minor(drawers.at(0).value(3)), cashDay);
        QCOMPARE(minor(drawers.at(0).value(4)), 10000 + cashDay);
        QCOMPARE(minor(drawers.at(0).value(6)), 14300 - (10000 + cashDay)); // 2.00 short
        QVERIFY(drawers.at(1).value(1).startsWith(QStringLiteral("Evening")));
        QCOMPARE(minor(drawers.at(1).value(3)), cashEvening);
        QCOMPARE(minor(drawers.at(1).value(6)), 0);
        QCOMPARE(minor(drawers.at(2).value(4)), 5000 + cashB);
        QCOMPARE(minor(drawers.at(2).value(6)), 0);
        QCOMPARE(drawers.at(3).value(1), QStringLiteral("Not counted yet"));
        QCOMPARE(minor(drawers.at(3).value(3)), uncountedB);
        QCOMPARE(drawers.at(3).value(5), QString());
        QCOMPARE(minor(drawers.at(4).value(6)), -200);
        const auto orders = testing::csvSection(csv, QStringLiteral("Orders confirmed"));
        QCOMPARE(orders.size(),
                 testing::sqlNumber(db, QStringLiteral("SELECT count(*) FROM \"order\" WHERE confirmed_at IS NOT "
                                                       "NULL")) +
                     1);                                                              // and the total row
        QCOMPARE(orders.constLast().value(5), QStringLiteral("1"));                   // one membership seat
        QCOMPARE(orders.constFirst().value(7), QStringLiteral("Partially Refunded")); // a label, not a code
        QCOMPARE(testing::csvSection(csv, QStringLiteral("Voids")).size(), 1);

        // One workstation: only its money.
        input.workstation = QStringLiteral("BBBBBB");
        input.payments = m_repos->reports.payments(day, input.workstation, &readError);
        input.orders = m_repos->reports.ordersConfirmed(day, input.workstation, &readError);
        input.events = m_repos->reports.orderEvents(day, input.workstation, &readError);
        input.counts = m_repos->cashDrawers.counts(day, input.workstation, &readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        const QByteArray one = reports::DaySheetReport::build(input).csv();
        const auto byPayType = testing::csvSection(one, QStringLiteral("By pay type"));
        QCOMPARE(minor(byPayType.constLast().value(4)), sum(QStringLiteral("workstation = 'BBBBBB'")));
        QCOMPARE(testing::csvSection(one, QStringLiteral("Cash drawers")).size(), 3); // counted, not yet, total
        QVERIFY(!QString::fromUtf8(one).contains(QStringLiteral("Could not come")));
    }
};

QTEST_MAIN(TestDaySheetReport)
#include "TestDaySheetReport.moc"
