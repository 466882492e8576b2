#include "VenueSeeder.h"

#include "BenefitRules.h"
#include "Clock.h"
#include "StorageFailure.h"

namespace foyer::seed {

namespace {

QString rowLabel(int index)
{
    // A..Z, then AA, BB, ... as theatres letter long stalls
    return index < 26 ? QString(QChar(u'A' + index)) : QString(2, QChar(u'A' + index - 26));
}

} // namespace

QString VenueSeeder::mainStageCsv()
{
    QString csv = QStringLiteral("section,row,seat,x,y,member_only\n");
    // Stalls: 30 rows widening from 36 to 50 seats; circle: 12 rows of 44 (first three member-only); balcony: 10 rows
    // of 40. About 2,000 seats, centred on the stage.
    int y = 0;
    for (int r = 0; r < 30; ++r, ++y) {
        const int seats = 36 + r / 2;
        for (int s = 1; s <= seats; ++s)
            csv += QStringLiteral("Stalls,%1,%2,%3,%4,\n").arg(rowLabel(r)).arg(s).arg(s - seats / 2.0 + 25).arg(y);
    }
    y += 2;
    // The circle's first three rows are the Front Circle, a members-only area (see ensure()).
    for (int r = 0; r < 12; ++r, ++y)
        for (int s = 1; s <= 44; ++s)
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                       .arg(r < 3 ? QStringLiteral("Front Circle") : QStringLiteral("Circle"))
                       .arg(rowLabel(r < 3 ? r : r - 3))
                       .arg(s)
                       .arg(s + 3)
                       .arg(y)
                       .arg(r < 3 ? QStringLiteral("yes") : QString());
    y += 2;
    for (int r = 0; r < 10; ++r, ++y)
        for (int s = 1; s <= 40; ++s)
            csv += QStringLiteral("Balcony,%1,%2,%3,%4,\n").arg(rowLabel(r)).arg(s).arg(s + 5).arg(y);
    return csv;
}

QString VenueSeeder::studioCsv()
{
    QString csv = QStringLiteral("section,row,seat,x,y,member_only\n");
    for (int r = 0; r < 10; ++r)
        for (int s = 1; s <= 20; ++s)
            csv += QStringLiteral("Studio,%1,%2,%3,%4,\n").arg(rowLabel(r)).arg(s).arg(s).arg(r);
    return csv;
}

VenueSeeder::Venue VenueSeeder::ensure(storage::VenueRepository& venue, QString* error)
{
    Venue out;
    QString readError;
    const bool seeded = !venue.hallId(QStringLiteral("Main Stage"), &readError).isEmpty();
    if (seeded)
        out.showIds = venue.showIds(&readError);
    if (!readError.isEmpty()) {
        storage::fail(error, readError);
        return {};
    }
    if (seeded) {
        out.friendShowIds = out.showIds.mid(0, 2);
        return out;
    }
    const QString main = venue.importSeatMap(QStringLiteral("Main Stage"), mainStageCsv(), error);
    const QString studio =
        main.isEmpty() ? QString() : venue.importSeatMap(QStringLiteral("Studio"), studioCsv(), error);
    if (studio.isEmpty())
        return {};
    struct Show
    {
        const char* title;
        bool studio;
        qint64 adultMinor;
    };
    const Show shows[] = {{"The Tempest", false, 4500},
                          {"A Winter's Tale", false, 4200},
                          {"Hamlet", false, 5200},
                          {"Chamber Nights", true, 2500}};
    // Weekly evenings from a month ago to four months ahead: history to report on and a season to sell.
    const QDate today = core::Clock::today();
    const QDate firstNight = today.addDays(-30 - today.dayOfWeek());
    int offset = 0;
    QStringList performances;
    for (const Show& show : shows) {
        const QString id = venue.addShow(QString::fromUtf8(show.title), QStringLiteral("2026/27"), error);
        if (id.isEmpty())
            return {};
        out.showIds.append(id);
        for (const auto& [name, price] : {std::pair{QStringLiteral("Adult"), show.adultMinor},
                                          std::pair{QStringLiteral("Concession"), show.adultMinor * 3 / 4},
                                          std::pair{QStringLiteral("Under 18"), show.adultMinor / 2}})
            if (venue.addPriceType(id, name, price, error).isEmpty())
                return {};
        for (int week = 0; week < 22; ++week) {
            // Curtain up at 19:30 at the venue, summer or winter.
            const QDateTime starts =
                QDateTime(firstNight.addDays(week * 7 + offset), QTime(19, 30), core::Clock::venueTimeZone()).toUTC();
            const QString performance =
                venue.addPerformance(id, show.studio ? studio : main, starts, starts.addDays(-45), error);
            if (performance.isEmpty())
                return {};
            performances.append(performance);
        }
        ++offset; // each show on its own evening of the week
    }
    out.friendShowIds = out.showIds.mid(0, 2);
    const QString friendLevel = venue.addBenefitLevel(QStringLiteral("Friend"), true, out.friendShowIds, error);
    const QString circleLevel = venue.addBenefitLevel(QStringLiteral("Patron Circle"), true, out.showIds, error);
    if (friendLevel.isEmpty() || circleLevel.isEmpty() ||
        venue.addBenefitLevel(QStringLiteral("Lifetime Member"), false, out.showIds, error).isEmpty())
        return {};
    // Members book over the fourteen venue days before the public sale's; the Front Circle is the Patron Circle's.
    for (const QString& performance : std::as_const(performances)) {
        const auto p = venue.performance(performance, &readError);
        if (!readError.isEmpty()) {
            storage::fail(error, readError);
            return {};
        }
        const QDate saleDay = p ? core::Clock::venueDate(p->publicSaleAt) : QDate();
        const core::PresaleWindow presale =
            core::PresaleWindow::overVenueDays(circleLevel, saleDay.addDays(-14), saleDay.addDays(-1));
        if (p && venue.addPresale(performance, circleLevel, presale.startsAt, presale.endsAt, error).isEmpty())
            return {};
    }
    if (venue.addMemberArea(main, QStringLiteral("Front Circle"), circleLevel, error).isEmpty())
        return {};
    // Friends get 10% off automatically; the Patron Circle two free guest tickets a season; the circle's front rows
    // are theirs (the seat map marks them member-only already).
    if (venue.addDiscountCode(QStringLiteral("FRIEND10"), true, friendLevel, 10, 0, QStringLiteral("2026/27"), error)
            .isEmpty() ||
        venue
            .addDiscountCode(QStringLiteral("CIRCLEGUEST"), false, circleLevel, 100, 2, QStringLiteral("2026/27"),
                             error)
            .isEmpty())
        return {};
    if (venue.addFund(QStringLiteral("Annual Fund"), error).isEmpty())
        return {};
    return out;
}

} // namespace foyer::seed
