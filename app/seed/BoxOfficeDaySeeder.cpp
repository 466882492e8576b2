#include "BoxOfficeDaySeeder.h"

#include "Clock.h"
#include "StorageFailure.h"

namespace foyer::seed {

bool BoxOfficeDaySeeder::run(storage::Repositories& repos, QString* error)
{
    const QDate today = core::Clock::today();
    QString readError;
    const bool soldToday = !repos.reports.payments(today, QString(), &readError).isEmpty();
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    if (soldToday)
        return true;
    const auto boxOffice = repos.staff.findByUsername(QStringLiteral("boxoffice"), &readError);
    const auto manager = repos.staff.findByUsername(QStringLiteral("manager"), &readError);
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    if (!boxOffice || !manager)
        return true; // seeded without staff accounts: nobody to sell
    const QString mainHall = repos.venue.hallId(QStringLiteral("Main Stage"), &readError);
    const auto upcoming = repos.venue.performances(core::Clock::currentDateTimeUtc(), &readError);
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    QList<storage::VenueRepository::Performance> next;
    for (const auto& performance : upcoming)
        if (performance.hallId == mainHall)
            next.append(performance);
    if (next.isEmpty())
        return true;
    const auto& performance = next.constFirst();
    const storage::VenueRepository::PriceType price = repos.venue.priceTypes(performance.showId, &readError).value(0);
    // The back balcony rows are left free by the seeder; today's walk-ups take seats there.
    QList<core::SeatMap::Seat> free;
    const auto states = repos.venue.seatStates(performance.id, &readError);
    const auto seats = repos.venue.seats(mainHall, &readError);
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    for (const core::SeatMap::Seat& seat : seats)
        if (seat.section == QLatin1String("Balcony") && seat.row >= QLatin1String("H") && !states.contains(seat.id))
            free.append(seat);
    const QStringList payTypes = {QStringLiteral("cash"),       QStringLiteral("credit_card"), QStringLiteral("cash"),
                                  QStringLiteral("gift_card"),  QStringLiteral("check"),       QStringLiteral("cash"),
                                  QStringLiteral("credit_card")};
    QList<core::MembershipCreditRule::LineError> lineErrors;
    QString firstCashOrder;
    QString firstCashLine;
    int nextSeat = 0;
    for (qsizetype i = 0; i < payTypes.size() && nextSeat + 2 <= free.size(); ++i) {
        core::OrderDraft order;
        for (int k = 0; k < 2; ++k, ++nextSeat) {
            core::OrderLineDraft line;
            line.performanceId = performance.id;
            line.showId = performance.showId;
            line.performanceAt = performance.startsAt;
            line.seatId = free.at(nextSeat).id;
            line.seatLabel = free.at(nextSeat).label();
            line.priceTypeId = price.id;
            line.priceTypeName = price.name;
            line.listPriceMinor = price.priceMinor;
            line.payType = payTypes.at(i);
            order.lines.append(line);
        }
        if (!repos.orders.confirm(order, boxOffice->member.id, &lineErrors, error))
            return false;
        if (firstCashOrder.isEmpty() && payTypes.at(i) == QLatin1String("cash")) {
            firstCashOrder = order.id;
            firstCashLine = order.lines.constFirst().id;
        }
    }
    if (firstCashOrder.isEmpty())
        return true;
    // One cash seat comes back: the manager refunds it at the same window.
    core::OrderLifeRules::RefundPlan plan;
    if (!repos.orderLife.refund(firstCashOrder, {firstCashLine}, manager->member, QStringLiteral("Patron unwell"),
                                &plan, error))
        return false;
    // At close Bo counts the drawer: 150.00 float, and 2.50 short of what the payments say.
    qint64 cash = 0;
    const auto payments = repos.reports.payments(today, QString(), &readError);
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    for (const auto& payment : payments)
        if (payment.payType == QLatin1String("cash"))
            cash += payment.amountMinor;
    storage::CashDrawerRepository::CashCount count;
    count.businessDate = today;
    count.workstation = repos.orders.workstationPrefix(&readError);
    if (!readError.isEmpty())
        return storage::fail(error, readError);
    count.drawer = QStringLiteral("Drawer 1");
    count.floatMinor = 15000;
    count.countedMinor = 15000 + cash - 250;
    count.note = QStringLiteral("Counted twice");
    return repos.cashDrawers.recordCount(count, boxOffice->member.id, error);
}

} // namespace foyer::seed
