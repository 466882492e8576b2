// The day sheet's day is the venue's: with the venue_time_zone setting at Pacific/Auckland (far from UTC), a sale at
// 23:30 at the venue is on that venue day, and a day across a daylight-saving change (25 and 23 hours long) holds
// exactly its own sales, whatever zone the workstation is in (ctest runs this again under TZ=UTC and
// TZ=America/Los_Angeles). Also: the setting refuses a zone it does not know, and a failed read stops the report.
#include "Clock.h"
#include "Database.h"
#include "ReportBuilder.h"
#include "ReportChecks.h"
#include "Repositories.h"
#include "UuidV7.h"

#include <QSet>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

namespace {

QDateTime utc(const char* iso)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace

class TestVenueDaySheet : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    QString m_show;
    QString m_performance;
    QDateTime m_performanceAt;
    QString m_adult;
    QList<core::SeatMap::Seat> m_seats;
    int m_nextSeat = 0;
    core::StaffMember m_staff;
    QHash<QString, QString> m_sales; // label -> confirmation number

    // One cash seat sold at `at`: confirmed through the repository, then its rows moved to that moment, as a sale
    // made then would have them.
    void sellAt(const QString& label, const QDateTime& at)
    {
        core::OrderLineDraft l;
        l.performanceId = m_performance;
        l.showId = m_show;
        l.performanceAt = m_performanceAt;
        l.seatId = m_seats.at(m_nextSeat).id;
        l.seatLabel = m_seats.at(m_nextSeat).label();
        ++m_nextSeat;
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = QStringLiteral("cash");
        core::OrderDraft order;
        order.lines = {l};
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QString e;
        QVERIFY2(m_repos->orders.confirm(order, m_staff.id, &lineErrors, &e), qPrintable(e));
        const QString when = at.toUTC().toString(Qt::ISODateWithMs);
        QSqlQuery q(m_db->connection());
        for (const QString& sql :
             {QStringLiteral("UPDATE \"order\" SET confirmed_at = ?, created_at = ? WHERE id = ?"),
              QStringLiteral("UPDATE order_line SET created_at = ?, updated_at = ? WHERE "
                             "order_id = ?"),
              QStringLiteral("UPDATE payment SET created_at = ?, updated_at = ? WHERE order_id = ?")}) {
            QVERIFY(q.prepare(sql));
            q.addBindValue(when);
            q.addBindValue(when);
            q.addBindValue(order.id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        m_sales.insert(label, order.confirmationNumber);
    }

    // The confirmation numbers on the venue day's sheet, from its payments and from its orders.
    QSet<QString> paidOn(const QDate& day)
    {
        QString e;
        QSet<QString> out;
        for (const auto& payment : m_repos->reports.payments(day, {}, &e))
            out.insert(payment.confirmationNumber);
        if (!e.isEmpty())
            qFatal("payments: %s", qPrintable(e));
        return out;
    }
    QSet<QString> confirmedOn(const QDate& day)
    {
        QString e;
        QSet<QString> out;
        for (const auto& order : m_repos->reports.ordersConfirmed(day, {}, &e))
            out.insert(order.confirmationNumber);
        if (!e.isEmpty())
            qFatal("orders: %s", qPrintable(e));
        return out;
    }
    QSet<QString> sales(const QStringList& labels) const
    {
        QSet<QString> out;
        for (const QString& label : labels)
            out.insert(m_sales.value(label));
        return out;
    }

private slots:
    void initTestCase()
    {
        core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone());
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("venue-day.db")), QByteArray(32, '\x61'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 20; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &e);
        QVERIFY2(!hall.isEmpty(), qPrintable(e));
        QString seatsError;
        m_seats = m_repos->venue.seats(hall, &seatsError);
        QVERIFY2(seatsError.isEmpty(), qPrintable(seatsError));
        m_show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &e);
        m_performanceAt = core::Clock::currentDateTimeUtc().addDays(3);
        m_performance = m_repos->venue.addPerformance(m_show, hall, m_performanceAt, {}, &e);
        QVERIFY2(!m_performance.isEmpty(), qPrintable(e));
        m_adult = m_repos->venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &e);
        QVERIFY2(!m_adult.isEmpty(), qPrintable(e));
        m_staff.id = core::UuidV7::generateText();
        m_staff.username = QStringLiteral("bo");
        m_staff.displayName = QStringLiteral("Bo Office");
        m_staff.role = core::StaffMember::Role::Admin;
        QVERIFY2(m_repos->staff.create(m_staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e),
                 qPrintable(e));

        // A winter's day (NZST, +12) and its neighbours.
        sellAt(QStringLiteral("13th 23:30"), utc("2024-06-13T11:30:00"));
        sellAt(QStringLiteral("14th 00:30"), utc("2024-06-13T12:30:00"));
        sellAt(QStringLiteral("14th 23:30"), utc("2024-06-14T11:30:00"));
        sellAt(QStringLiteral("15th 00:30"), utc("2024-06-14T12:30:00"));
        // 7 April 2024, 25 hours: from 00:00 NZDT (11:00 UTC on the 6th) to 00:00 NZST (12:00 UTC on the 7th).
        sellAt(QStringLiteral("6 Apr last"), utc("2024-04-06T10:59:59"));
        sellAt(QStringLiteral("7 Apr first"), utc("2024-04-06T11:00:00"));
        sellAt(QStringLiteral("7 Apr 02:30 NZDT"), utc("2024-04-06T13:30:00"));
        sellAt(QStringLiteral("7 Apr 02:30 NZST"), utc("2024-04-06T14:30:00"));
        sellAt(QStringLiteral("7 Apr last"), utc("2024-04-07T11:59:59"));
        sellAt(QStringLiteral("8 Apr first"), utc("2024-04-07T12:00:00"));
        // 29 September 2024, 23 hours: from 00:00 NZST (12:00 UTC on the 28th) to 00:00 NZDT (11:00 UTC on the 29th).
        sellAt(QStringLiteral("28 Sep last"), utc("2024-09-28T11:59:59"));
        sellAt(QStringLiteral("29 Sep first"), utc("2024-09-28T12:00:00"));
        sellAt(QStringLiteral("29 Sep last"), utc("2024-09-29T10:59:59"));
        sellAt(QStringLiteral("30 Sep first"), utc("2024-09-29T11:00:00"));
    }

    void cleanupTestCase() { core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone()); }

    void anUnknownZoneIsRefusedAndChangesNothing()
    {
        const QString name = QString::fromLatin1(storage::SettingsRepository::VenueTimeZone);
        const QTimeZone before = core::Clock::venueTimeZone();
        QString e;
        QVERIFY(!m_repos->settings.setValue(name, QStringLiteral("Pacific/Atlantis"), m_staff.id, &e));
        QVERIFY2(e.contains(QStringLiteral("\"Pacific/Atlantis\"")) && e.contains(name), qPrintable(e));
        QCOMPARE(m_repos->settings.value(name, QStringLiteral("unset"), nullptr), QStringLiteral("unset"));
        QCOMPARE(core::Clock::venueTimeZone(), before);
        QCOMPARE(testing::sqlNumber(m_db->connection(),
                                    QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'setting'")),
                 0);
    }

    void theSettingSetsTheVenuesZoneNowAndAtTheNextOpening()
    {
        const QString name = QString::fromLatin1(storage::SettingsRepository::VenueTimeZone);
        QString e;
        QVERIFY2(m_repos->settings.setValue(name, QStringLiteral("Pacific/Auckland"), m_staff.id, &e), qPrintable(e));
        QCOMPARE(core::Clock::venueTimeZone().id(), QByteArrayLiteral("Pacific/Auckland"));
        // As at start-up: the stored setting is read into the clock.
        core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone());
        QVERIFY2(m_repos->settings.loadVenueTimeZone(&e), qPrintable(e));
        QCOMPARE(core::Clock::venueTimeZone().id(), QByteArrayLiteral("Pacific/Auckland"));
        // A zone stored by a workstation that knew it, unknown here: opening says so instead of guessing.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE workstation_setting SET value = 'Pacific/Atlantis' WHERE name = "
                                      "'venue_time_zone'")));
        QVERIFY(!m_repos->settings.loadVenueTimeZone(&e));
        QVERIFY2(e.contains(QStringLiteral("Pacific/Atlantis")), qPrintable(e));
        QCOMPARE(core::Clock::venueTimeZone().id(), QByteArrayLiteral("Pacific/Auckland"));
        QVERIFY(q.exec(QStringLiteral("UPDATE workstation_setting SET value = 'Pacific/Auckland' WHERE name = "
                                      "'venue_time_zone'")));
    }

    void aSaleAtHalfPastElevenIsOnThatVenueDay()
    {
        QCOMPARE(core::Clock::venueTimeZone().id(), QByteArrayLiteral("Pacific/Auckland"));
        const QDate day(2024, 6, 14);
        const QSet<QString> expected = sales({QStringLiteral("14th 00:30"), QStringLiteral("14th 23:30")});
        QCOMPARE(paidOn(day), expected);
        QCOMPARE(confirmedOn(day), expected);
        QCOMPARE(paidOn(day.addDays(-1)), sales({QStringLiteral("13th 23:30")}));
        QCOMPARE(paidOn(day.addDays(1)), sales({QStringLiteral("15th 00:30")}));

        // The sheet itself, as the Reports window builds it: the sales at the venue's times.
        reports::ReportRequest request;
        request.kind = reports::ReportRequest::Kind::DaySheet;
        request.from = day;
        request.to = day;
        reports::ReportDocument report;
        QString e;
        QVERIFY2(reports::ReportBuilder::build(*m_repos, request, &report, &e), qPrintable(e));
        const auto orders = testing::csvSection(report.csv(), QStringLiteral("Orders confirmed"));
        QHash<QString, QString> timeOf;
        for (const QStringList& row : orders)
            timeOf.insert(row.value(1), row.value(0));
        QCOMPARE(timeOf.value(m_sales.value(QStringLiteral("14th 00:30"))), QStringLiteral("00:30"));
        QCOMPARE(timeOf.value(m_sales.value(QStringLiteral("14th 23:30"))), QStringLiteral("23:30"));
        QVERIFY(!timeOf.contains(m_sales.value(QStringLiteral("15th 00:30"))));
    }

    void aTwentyFiveHourDayHoldsExactlyItsSales()
    {
        const QSet<QString> expected = sales({QStringLiteral("7 Apr first"), QStringLiteral("7 Apr 02:30 NZDT"),
                                              QStringLiteral("7 Apr 02:30 NZST"), QStringLiteral("7 Apr last")});
        QCOMPARE(paidOn(QDate(2024, 4, 7)), expected);
        QCOMPARE(confirmedOn(QDate(2024, 4, 7)), expected);
        QCOMPARE(paidOn(QDate(2024, 4, 6)), sales({QStringLiteral("6 Apr last")}));
        QCOMPARE(paidOn(QDate(2024, 4, 8)), sales({QStringLiteral("8 Apr first")}));
    }

    void aTwentyThreeHourDayHoldsExactlyItsSales()
    {
        const QSet<QString> expected = sales({QStringLiteral("29 Sep first"), QStringLiteral("29 Sep last")});
        QCOMPARE(paidOn(QDate(2024, 9, 29)), expected);
        QCOMPARE(confirmedOn(QDate(2024, 9, 29)), expected);
        QCOMPARE(paidOn(QDate(2024, 9, 28)), sales({QStringLiteral("28 Sep last")}));
        QCOMPARE(paidOn(QDate(2024, 9, 30)), sales({QStringLiteral("30 Sep first")}));
    }

    void aFailedReadStopsTheReportWithItsCause()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE payment RENAME TO payment_away")),
                 qPrintable(q.lastError().text()));
        QString e;
        QVERIFY(m_repos->reports.payments(QDate(2024, 6, 14), {}, &e).isEmpty());
        QVERIFY2(e.contains(QStringLiteral("payment")), qPrintable(e));
        e.clear();
        QVERIFY(m_repos->reports.workstations(&e).isEmpty());
        QVERIFY2(!e.isEmpty(), "a failed read of the workstations said nothing");
        reports::ReportRequest request;
        request.kind = reports::ReportRequest::Kind::DaySheet;
        request.from = QDate(2024, 6, 14);
        reports::ReportDocument report;
        e.clear();
        QVERIFY(!reports::ReportBuilder::build(*m_repos, request, &report, &e));
        QVERIFY2(e.contains(QStringLiteral("could not be read")) && e.contains(QStringLiteral("payment")),
                 qPrintable(e));
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE payment_away RENAME TO payment")),
                 qPrintable(q.lastError().text()));
        QCOMPARE(paidOn(QDate(2024, 6, 14)).size(), 2);
    }
};

QTEST_MAIN(TestVenueDaySheet)
#include "TestVenueDaySheet.moc"
