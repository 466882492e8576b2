// A presale over whole venue days opens and closes at the venue's midnight, not the workstation's, and tells a
// patron the public sale's time at the venue. The venue is in Auckland; ctest runs this again with the workstation
// at UTC and at America/Los_Angeles. The window starts on 29 September 2024, the 23-hour day clocks go forward.
#include "BenefitRules.h"
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

const QString circle = QStringLiteral("circle-level");

} // namespace

class TestPresaleWindow : public QObject
{
    Q_OBJECT
    std::shared_ptr<core::TestClock> m_clock = std::make_shared<core::TestClock>(utc("2024-09-01T00:00:00"));
    core::PresaleWindow m_presale;
    QDateTime m_publicSale;

    // What a patron holding `held` is told, at the test clock's now.
    QString problemNow(const QStringList& held) const
    {
        return core::BenefitRules::saleProblem(core::Clock::currentDateTimeUtc(), m_publicSale, {m_presale}, {}, held);
    }

private slots:
    void initTestCase()
    {
        core::Clock::setInstance(m_clock);
        core::Clock::setVenueTimeZone(QTimeZone(QByteArrayLiteral("Pacific/Auckland")));
        // Members book from 29 September to 5 October; the public sale opens at the venue's midnight after.
        m_presale = core::PresaleWindow::overVenueDays(circle, QDate(2024, 9, 29), QDate(2024, 10, 5));
        m_publicSale = core::Clock::startOfVenueDayUtc(QDate(2024, 10, 6));
    }

    void cleanupTestCase()
    {
        core::Clock::setInstance(nullptr);
        core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone());
    }

    void theWindowIsTheVenuesDays()
    {
        // Independent figures: 00:00 NZST (+12) on 29 September, 00:00 NZDT (+13) on 6 October.
        QCOMPARE(m_presale.startsAt, utc("2024-09-28T12:00:00"));
        QCOMPARE(m_presale.endsAt, utc("2024-10-05T11:00:00"));
        QCOMPARE(m_presale.benefitLevelId, circle);
        // Seven days, one of them 23 hours long.
        QCOMPARE(m_presale.startsAt.secsTo(m_presale.endsAt), qint64(7 * 24 - 1) * 3600);
    }

    void aMemberMayBuyFromTheVenuesMidnight()
    {
        m_clock->set(m_presale.startsAt.addMSecs(-1)); // 23:59:59.999 on the 28th at the venue
        QVERIFY(!problemNow({circle}).isEmpty());
        m_clock->set(m_presale.startsAt);
        QCOMPARE(problemNow({circle}), QString());
        QCOMPARE(core::Clock::currentDateTimeAtVenue().time(), QTime(0, 0));
        QCOMPARE(core::Clock::today(), QDate(2024, 9, 29));
    }

    void othersWaitForThePublicSaleAtTheVenuesMidnight()
    {
        m_clock->set(m_presale.endsAt.addMSecs(-1)); // the presale's last moment
        QCOMPARE(problemNow({circle}), QString());
        const QString problem = problemNow({QStringLiteral("friend-level")});
        // The time at the venue, whatever zone this workstation is in.
        QVERIFY2(problem.contains(QStringLiteral("6 Oct 2024 00:00")), qPrintable(problem));
        QVERIFY(!problemNow({}).isEmpty());
        m_clock->set(m_publicSale);
        QCOMPARE(problemNow({}), QString());
        QCOMPARE(problemNow({circle}), QString());
    }

    void aWindowOfOneShortDayIsTwentyThreeHours()
    {
        const auto day = core::PresaleWindow::overVenueDays(circle, QDate(2024, 9, 29), QDate(2024, 9, 29));
        QCOMPARE(day.startsAt.secsTo(day.endsAt), qint64(23) * 3600);
        m_clock->set(day.endsAt); // 00:00 on the 30th at the venue: that one-day presale is over
        QVERIFY(!core::BenefitRules::saleProblem(core::Clock::currentDateTimeUtc(), m_publicSale, {day}, {}, {circle})
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPresaleWindow)
#include "TestPresaleWindow.moc"
