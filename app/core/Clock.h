#pragma once

#include <QDate>
#include <QDateTime>
#include <QTimeZone>
#include <memory>

namespace foyer::core {

// The one source of "now" and of the venue's day for rules, repositories and reports (KeePassXC's Clock is the
// model): code asks Clock, never QDateTime::currentDateTime, so a test can pin time with TestClock and a venue's days
// begin at its own midnight, not the workstation's.
//
// The venue time zone is a venue setting (SettingsRepository "venue_time_zone", an IANA id); until it is set, the
// workstation's zone is used.
class Clock
{
public:
    virtual ~Clock() = default;

    static QDateTime currentDateTimeUtc();
    // Now in the venue's zone (what staff see on the wall clock at the venue).
    static QDateTime currentDateTimeAtVenue();
    // Today at the venue.
    static QDate today();

    static QTimeZone venueTimeZone();
    static void setVenueTimeZone(const QTimeZone& zone);
    // A moment in the venue's zone, and the venue's day it falls on.
    static QDateTime atVenue(const QDateTime& time);
    static QDate venueDate(const QDateTime& time);
    // The first moment of a venue day, and the first moment after it, in UTC: [start, end) bounds a day sheet or a
    // presale day even across a daylight-saving change (a day can be 23 or 25 hours long).
    static QDateTime startOfVenueDayUtc(const QDate& day);
    static QDateTime endOfVenueDayUtc(const QDate& day);

    // Tests only: replaces the clock (nullptr restores the system clock).
    static void setInstance(std::shared_ptr<Clock> clock);

protected:
    virtual QDateTime nowUtc() const;
};

// A clock that stands still until told to move.
class TestClock : public Clock
{
public:
    explicit TestClock(const QDateTime& utc);
    void set(const QDateTime& utc);
    void advanceSeconds(qint64 seconds);

protected:
    QDateTime nowUtc() const override;

private:
    QDateTime m_now;
};

} // namespace foyer::core
