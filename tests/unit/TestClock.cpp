// core::Clock: "now" from a test clock, and the venue's days in its own zone, whatever zone the workstation is in
// (ctest runs this again under TZ=UTC and TZ=America/Los_Angeles). A day across a daylight-saving change is 23 or
// 25 hours long, in the northern hemisphere (Europe/London) and the southern (Pacific/Auckland).
#include "Clock.h"

#include <QTest>

using namespace foyer;

namespace {

QDateTime utc(const char* iso)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QTimeZone zone(const char* id)
{
    return QTimeZone(QByteArray(id));
}

} // namespace

class TestClock : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        core::Clock::setInstance(nullptr);
        core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone());
    }

    void venueDayBounds_data()
    {
        QTest::addColumn<QString>("zoneId");
        QTest::addColumn<QDate>("day");
        QTest::addColumn<QDateTime>("start");
        QTest::addColumn<QDateTime>("end");
        QTest::addColumn<int>("hours");
        // Independent figures: the zones' published changes (BST from 01:00 UTC on the last Sunday of March to
        // 01:00 UTC on the last Sunday of October; NZDT from 02:00 NZST on the last Sunday of September to 03:00
        // NZDT on the first Sunday of April; Chile's clocks skip midnight itself).
        QTest::newRow("London, an ordinary winter day")
            << "Europe/London" << QDate(2024, 1, 15) << utc("2024-01-15T00:00:00") << utc("2024-01-16T00:00:00") << 24;
        QTest::newRow("London, clocks go forward")
            << "Europe/London" << QDate(2024, 3, 31) << utc("2024-03-31T00:00:00") << utc("2024-03-31T23:00:00") << 23;
        QTest::newRow("London, clocks go back")
            << "Europe/London" << QDate(2024, 10, 27) << utc("2024-10-26T23:00:00") << utc("2024-10-28T00:00:00") << 25;
        QTest::newRow("Auckland, an ordinary winter day")
            << "Pacific/Auckland" << QDate(2024, 6, 14) << utc("2024-06-13T12:00:00") << utc("2024-06-14T12:00:00")
            << 24;
        QTest::newRow("Auckland, clocks go back") << "Pacific/Auckland" << QDate(2024, 4, 7)
                                                  << utc("2024-04-06T11:00:00") << utc("2024-04-07T12:00:00") << 25;
        QTest::newRow("Auckland, clocks go forward") << "Pacific/Auckland" << QDate(2024, 9, 29)
                                                     << utc("2024-09-28T12:00:00") << utc("2024-09-29T11:00:00") << 23;
        // There is no 00:00 on 8 September 2024 in Santiago: the day begins at 01:00 (-03).
        QTest::newRow("Santiago, midnight skipped") << "America/Santiago" << QDate(2024, 9, 8)
                                                    << utc("2024-09-08T04:00:00") << utc("2024-09-09T03:00:00") << 23;
    }

    void venueDayBounds()
    {
        QFETCH(QString, zoneId);
        QFETCH(QDate, day);
        QFETCH(QDateTime, start);
        QFETCH(QDateTime, end);
        QFETCH(int, hours);
        QVERIFY2(QTimeZone::isTimeZoneIdAvailable(zoneId.toUtf8()), qPrintable(zoneId));
        core::Clock::setVenueTimeZone(QTimeZone(zoneId.toUtf8()));
        QCOMPARE(core::Clock::startOfVenueDayUtc(day), start);
        QCOMPARE(core::Clock::endOfVenueDayUtc(day), end);
        QCOMPARE(core::Clock::startOfVenueDayUtc(day).timeSpec(), Qt::UTC);
        QCOMPARE(core::Clock::startOfVenueDayUtc(day).secsTo(core::Clock::endOfVenueDayUtc(day)), qint64(hours) * 3600);
        // The last moment of the day is still that day at the venue; the end is the next day's first.
        QCOMPARE(core::Clock::venueDate(start), day);
        QCOMPARE(core::Clock::venueDate(end.addMSecs(-1)), day);
        QCOMPARE(core::Clock::venueDate(end), day.addDays(1));
        QCOMPARE(core::Clock::venueDate(start.addMSecs(-1)), day.addDays(-1));
        // Consecutive days tile time: no gap, no overlap.
        QCOMPARE(core::Clock::startOfVenueDayUtc(day.addDays(1)), end);
    }

    void todayIsTheVenuesDayNotTheWorkstations()
    {
        // 11:30 UTC on 14 June 2024: 23:30 that day in Auckland, 04:30 in Los Angeles, 12:30 in London.
        auto clock = std::make_shared<core::TestClock>(utc("2024-06-14T11:30:00"));
        core::Clock::setInstance(clock);
        core::Clock::setVenueTimeZone(zone("Pacific/Auckland"));
        QCOMPARE(core::Clock::currentDateTimeUtc(), utc("2024-06-14T11:30:00"));
        QCOMPARE(core::Clock::today(), QDate(2024, 6, 14));
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(23, 30));
        QCOMPARE(core::Clock::currentDateTimeAtVenue().timeZone(), zone("Pacific/Auckland"));
        clock->advanceSeconds(30 * 60); // midnight at the venue
        QCOMPARE(core::Clock::today(), QDate(2024, 6, 15));
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(0, 0));
        core::Clock::setVenueTimeZone(zone("America/Los_Angeles"));
        QCOMPARE(core::Clock::today(), QDate(2024, 6, 14));
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(5, 0));
        clock->set(utc("2024-06-14T06:59:59"));
        QCOMPARE(core::Clock::today(), QDate(2024, 6, 13));
    }

    void theTestClockStandsStillUntilMoved()
    {
        auto clock = std::make_shared<core::TestClock>(utc("2024-03-31T00:59:59"));
        core::Clock::setInstance(clock);
        core::Clock::setVenueTimeZone(zone("Europe/London"));
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(0, 59, 59));
        QTest::qWait(20);
        QCOMPARE(core::Clock::currentDateTimeUtc(), utc("2024-03-31T00:59:59"));
        clock->advanceSeconds(1); // the clocks go forward: 01:00 GMT is 02:00 BST
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(2, 0));
        QCOMPARE(core::Clock::today(), QDate(2024, 3, 31));
    }

    void withoutATestClockNowIsTheSystemsInUtc()
    {
        core::Clock::setInstance(std::make_shared<core::TestClock>(utc("2001-01-01T00:00:00")));
        core::Clock::setInstance(nullptr);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QDateTime now = core::Clock::currentDateTimeUtc();
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(now.timeSpec(), Qt::UTC);
        QVERIFY(before <= now && now <= after);
    }

    void anInvalidZoneMeansTheWorkstationsZone()
    {
        core::Clock::setVenueTimeZone(zone("Pacific/Auckland"));
        core::Clock::setVenueTimeZone(zone("Nowhere/Atlantis"));
        QCOMPARE(core::Clock::venueTimeZone(), QTimeZone::systemTimeZone());
        const QDate day(2024, 6, 14);
        QCOMPARE(core::Clock::startOfVenueDayUtc(day), day.startOfDay(QTimeZone::systemTimeZone()).toUTC());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "TestClock.moc"
