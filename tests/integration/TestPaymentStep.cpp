// The payment step's confirmation on a real encrypted database: the order and its payments (tendered, change,
// reference) in one transaction with its sync operation; a tender that is short, holds a card number or no longer
// matches what the order owes writes nothing; the day sheet's cash expected counts what was kept.
#include "Clock.h"
#include "Database.h"
#include "DaySheetReport.h"
#include "DemoDataWriter.h"
#include "MoneyFormat.h"
#include "PatronFixtures.h"
#include "Repositories.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestPaymentStep : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    QString m_show, m_performance, m_adult;
    QList<core::SeatMap::Seat> m_seats;
    core::StaffMember m_staff;

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
    static core::Tender::Payment pay(const char* payType, qint64 due, qint64 tendered = 0, const char* ref = "")
    {
        core::Tender::Payment p;
        p.payType = QString::fromLatin1(payType);
        p.dueMinor = due;
        p.tenderedMinor = tendered;
        p.reference = QString::fromLatin1(ref);
        return p;
    }
    qint64 number(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("read failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }
    QString written()
    {
        QStringList counts;
        for (const char* table :
             {"\"order\"", "order_line", "payment", "membership_seat_use", "sync_outbox", "history_event"})
            counts.append(QString::number(number(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))));
        return counts.join(u',');
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("pay.db")), QByteArray(32, '\x53'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 12; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &e);
        QVERIFY2(!hall.isEmpty(), qPrintable(e));
        m_seats = m_repos->venue.seats(hall, &e);
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
        m_staff.id = core::UuidV7::generateText();
        m_staff.username = QStringLiteral("bo");
        m_staff.displayName = QStringLiteral("Bo Office");
        m_staff.role = core::StaffMember::Role::BoxOffice;
        QVERIFY(m_repos->staff.create(m_staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
    }

    void refusedTendersWriteNothing()
    {
        core::OrderDraft order;
        order.lines = {line(0, QStringLiteral("cash")), line(1, QStringLiteral("credit_card"))};
        const QString before = written();
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QString e;
        // The trial confirmation: would confirm, owes 45.00 cash and 45.00 card, and writes nothing.
        QMap<QString, qint64> totals;
        QVERIFY2(m_repos->orders.confirmable(order, m_staff.id, &lineErrors, &e, {}, {}, &totals), qPrintable(e));
        QCOMPARE(totals.value(QStringLiteral("cash")), qint64(4500));
        QCOMPARE(totals.value(QStringLiteral("credit_card")), qint64(4500));
        QCOMPARE(written(), before);

        const QList<QList<core::Tender::Payment>> refused = {
            {pay("cash", 4500, 4000), pay("credit_card", 4500, 0, "AP1")},              // short
            {pay("cash", 4500, 5000), pay("credit_card", 4500, 0, "4111111111111111")}, // a card number
            {pay("cash", 4500, 5000)},                                                  // card not taken
            {pay("cash", 4000, 5000), pay("credit_card", 4500, 0, "AP1")},              // amount due moved on
        };
        for (const auto& tender : refused) {
            core::OrderDraft copy = order;
            QVERIFY(!m_repos->orders.confirm(copy, m_staff.id, &lineErrors, &e, {}, &tender));
            QVERIFY2(e.startsWith(QStringLiteral("Not confirmed")), qPrintable(e));
            QVERIFY(!e.contains(QStringLiteral("4111111111111111"))); // never echoed
            QCOMPARE(copy.internalStatus, order.internalStatus);
            QCOMPARE(written(), before);
        }
    }

    void confirmationStoresTheTenderInOneOperation()
    {
        core::OrderDraft order;
        order.lines = {line(2, QStringLiteral("cash")), line(3, QStringLiteral("cash")),
                       line(4, QStringLiteral("credit_card")), line(5, QStringLiteral("check")),
                       line(6, QStringLiteral("membership"), QStringLiteral("M-77"))};
        const qint64 operations = number(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        const QList<core::Tender::Payment> tender = {pay("credit_card", 4500, 0, " AP-0042 "), pay("cash", 9000, 10000),
                                                     pay("check", 4500, 0, "1042")};
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QString e;
        QVERIFY2(m_repos->orders.confirm(order, m_staff.id, &lineErrors, &e, {}, &tender), qPrintable(e));
        QCOMPARE(order.internalStatus, QStringLiteral("complete"));
        const QString where = QStringLiteral(" FROM payment WHERE order_id = '%1' AND pay_type = ").arg(order.id);
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1'").arg(order.id)), 3);
        QCOMPARE(number(QStringLiteral("SELECT amount_minor") + where + QStringLiteral("'cash'")), 9000);
        QCOMPARE(number(QStringLiteral("SELECT tendered_minor") + where + QStringLiteral("'cash'")), 10000);
        QCOMPARE(number(QStringLiteral("SELECT change_minor") + where + QStringLiteral("'cash'")), 1000);
        QCOMPARE(number(QStringLiteral("SELECT reference IS NULL") + where + QStringLiteral("'cash'")), 1);
        QCOMPARE(number(QStringLiteral("SELECT reference = 'AP-0042'") + where + QStringLiteral("'credit_card'")), 1);
        QCOMPARE(number(QStringLiteral("SELECT tendered_minor IS NULL") + where + QStringLiteral("'credit_card'")), 1);
        QCOMPARE(number(QStringLiteral("SELECT reference = '1042'") + where + QStringLiteral("'check'")), 1);
        // One sync operation carries the order and its payments with what was tendered.
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM sync_outbox")), operations + 1);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT changes FROM sync_outbox ORDER BY hlc DESC LIMIT 1")) && q.next());
        const QString changes = q.value(0).toString();
        QVERIFY(changes.contains(QStringLiteral("\"tendered_minor\":10000")));
        QVERIFY(changes.contains(QStringLiteral("\"change_minor\":1000")));
        QVERIFY(changes.contains(QStringLiteral("AP-0042")));
        QCOMPARE(changes.count(QStringLiteral("\"table\":\"payment\"")), 3);
    }

    void daySheetCountsTheCashKept()
    {
        const QDate day = core::Clock::today();
        reports::DaySheetReport::Input input;
        input.day = day;
        QString e;
        input.payments = m_repos->reports.payments(day, {}, &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        qint64 kept = 0;
        for (const auto& p : std::as_const(input.payments))
            if (p.payType == QLatin1String("cash")) {
                QCOMPARE(p.tenderedMinor.toLongLong(), qint64(10000));
                QCOMPARE(p.changeMinor.toLongLong(), qint64(1000));
                kept += p.keptMinor();
            }
        QCOMPARE(kept, qint64(9000));
        const reports::ReportDocument report = reports::DaySheetReport::build(input);
        bool found = false;
        for (const auto& section : report.sections) {
            const int taken = int(section.columns.indexOf(QStringLiteral("Cash taken")));
            const int expected = int(section.columns.indexOf(QStringLiteral("Expected")));
            if (taken < 0 || expected < 0 || section.rows.isEmpty())
                continue;
            found = true;
            QCOMPARE(section.rows.constFirst().at(taken), core::MoneyFormat::amount(9000));
            QCOMPARE(section.rows.constFirst().at(expected), core::MoneyFormat::amount(9000));
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestPaymentStep)
#include "TestPaymentStep.moc"
