#include "Clock.h"

#include <QMutex>
#include <QMutexLocker>

namespace foyer::core {

namespace {

QMutex& clockMutex()
{
    static QMutex mutex;
    return mutex;
}

std::shared_ptr<Clock>& installedClock()
{
    static std::shared_ptr<Clock> clock;
    return clock;
}

QTimeZone& installedZone()
{
    static QTimeZone zone = QTimeZone::systemTimeZone();
    return zone;
}

std::shared_ptr<Clock> currentClock()
{
    QMutexLocker lock(&clockMutex());
    return installedClock();
}

} // namespace

QDateTime Clock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

QDateTime Clock::currentDateTimeUtc()
{
    const std::shared_ptr<Clock> clock = currentClock();
    return clock ? clock->nowUtc() : QDateTime::currentDateTimeUtc();
}

QDateTime Clock::currentDateTimeAtVenue()
{
    return atVenue(currentDateTimeUtc());
}

QDate Clock::today()
{
    return currentDateTimeAtVenue().date();
}

QTimeZone Clock::venueTimeZone()
{
    QMutexLocker lock(&clockMutex());
    return installedZone();
}

void Clock::setVenueTimeZone(const QTimeZone& zone)
{
    QMutexLocker lock(&clockMutex());
    installedZone() = zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

QDateTime Clock::atVenue(const QDateTime& time)
{
    return time.toTimeZone(venueTimeZone());
}

QDate Clock::venueDate(const QDateTime& time)
{
    return atVenue(time).date();
}

QDateTime Clock::startOfVenueDayUtc(const QDate& day)
{
    return day.startOfDay(venueTimeZone()).toUTC();
}

QDateTime Clock::endOfVenueDayUtc(const QDate& day)
{
    return day.addDays(1).startOfDay(venueTimeZone()).toUTC();
}

void Clock::setInstance(std::shared_ptr<Clock> clock)
{
    QMutexLocker lock(&clockMutex());
    installedClock() = std::move(clock);
}

TestClock::TestClock(const QDateTime& utc)
    : m_now(utc.toUTC())
{
}

void TestClock::set(const QDateTime& utc)
{
    m_now = utc.toUTC();
}

void TestClock::advanceSeconds(qint64 seconds)
{
    m_now = m_now.addSecs(seconds);
}

QDateTime TestClock::nowUtc() const
{
    return m_now;
}

} // namespace foyer::core
