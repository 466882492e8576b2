#include "DaySheetReport.h"

#include "Clock.h"
#include "DrawerShifts.h"
#include "MoneyFormat.h"
#include "OrderStatus.h"
#include "PayType.h"

#include <QLocale>
#include <QMap>

namespace foyer::reports {

namespace {

QString money(qint64 minor)
{
    return core::MoneyFormat::amount(minor);
}

// The venue's wall-clock time, wherever the sheet is printed.
QString localTime(const QDateTime& utc)
{
    return QLocale().toString(core::Clock::atVenue(utc).time(), QStringLiteral("HH:mm"));
}

} // namespace

ReportDocument DaySheetReport::build(const Input& input)
{
    const QLocale locale;
    ReportDocument report;
    report.title = tr("Box office day sheet");
    report.parameters = {locale.toString(input.day, QLocale::LongFormat),
                         input.workstation.isEmpty() ? tr("All workstations")
                                                     : tr("Workstation %1").arg(input.workstation)};

    // Money by pay type, from the payment rows alone.
    struct PayTypeTotals
    {
        qint64 taken = 0;
        qint64 refunded = 0;
        int payments = 0;
    };
    QMap<QString, PayTypeTotals> byPayType;
    QMap<QString, std::pair<int, qint64>> paymentsByStaff;
    for (const auto& p : input.payments) {
        PayTypeTotals& t = byPayType[p.payType];
        (p.amountMinor >= 0 ? t.taken : t.refunded) += p.amountMinor;
        ++t.payments;
        paymentsByStaff[p.staffName].second += p.amountMinor;
    }
    int membershipSeats = 0;
    int seats = 0;
    for (const auto& o : input.orders) {
        membershipSeats += o.membershipSeats;
        seats += o.seats;
        ++paymentsByStaff[o.staffName].first;
    }

    ReportDocument::Section payTypes;
    payTypes.heading = tr("By pay type");
    payTypes.columns = {tr("Pay type"), tr("Payments"), tr("Taken"), tr("Refunded"), tr("Net")};
    payTypes.rightAligned = {false, true, true, true, true};
    qint64 taken = 0;
    qint64 refunded = 0;
    int paymentCount = 0;
    for (const QString& code : core::PayType::codes()) {
        if (core::PayType::isMembership(code)) {
            payTypes.rows.append({tr("Membership seats (%n seat(s), covered by credits)", nullptr, membershipSeats),
                                  QString(), money(0), money(0), money(0)});
            continue;
        }
        const PayTypeTotals t = byPayType.value(code);
        payTypes.rows.append({core::PayType::label(code), QString::number(t.payments), money(t.taken),
                              money(t.refunded), money(t.taken + t.refunded)});
        payTypes.bars.append({core::PayType::label(code), t.taken + t.refunded});
        taken += t.taken;
        refunded += t.refunded;
        paymentCount += t.payments;
    }
    payTypes.totals = {tr("Total"), QString::number(paymentCount), money(taken), money(refunded),
                       money(taken + refunded)};

    ReportDocument::Section drawers;
    drawers.heading = tr("Cash drawers");
    drawers.columns = {tr("Workstation"), tr("Drawer or shift"), tr("Float"),      tr("Cash taken"),
                       tr("Expected"),    tr("Counted"),         tr("Over/short"), tr("Counted by")};
    drawers.rightAligned = {false, false, true, true, true, true, true, false};
    // Per workstation, each count balances the cash taken since the one before (core::DrawerShifts).
    QMap<QString, QList<core::DrawerShifts::Cash>> cashByWorkstation;
    for (const auto& p : input.payments)
        if (p.payType == QLatin1String("cash"))
            // What stayed in the drawer: tendered minus change, not what was handed over.
            cashByWorkstation[p.workstation].append({p.at, p.keptMinor()});
    QMap<QString, QList<storage::CashDrawerRepository::CashCount>> countsByWorkstation;
    for (const auto& c : input.counts)
        countsByWorkstation[c.workstation].append(c);
    QStringList workstations = cashByWorkstation.keys() + countsByWorkstation.keys();
    workstations.removeDuplicates();
    workstations.sort();
    core::DrawerBalance all;
    qint64 overShort = 0;
    for (const QString& workstation : std::as_const(workstations)) {
        const auto counts = countsByWorkstation.value(workstation);
        QList<core::DrawerShifts::Count> times;
        for (const auto& c : counts)
            times.append({c.countedAt, c.floatMinor, c.countedMinor});
        for (const core::DrawerShifts::Shift& shift :
             core::DrawerShifts::split(times, cashByWorkstation.value(workstation))) {
            const core::DrawerBalance& b = shift.balance;
            const bool counted = shift.countIndex >= 0;
            const QString drawer =
                counted ? tr("%1 (counted %2)")
                              .arg(counts.at(shift.countIndex).drawer, localTime(counts.at(shift.countIndex).countedAt))
                        : tr("Not counted yet");
            drawers.rows.append({workstation.isEmpty() ? tr("(unknown)") : workstation, drawer, money(b.floatMinor),
                                 money(b.cashTakenMinor), money(b.expectedMinor()),
                                 counted ? money(b.countedMinor) : QString(),
                                 counted ? money(b.differenceMinor()) : QString(),
                                 counted ? counts.at(shift.countIndex).staffName : QString()});
            all.floatMinor += b.floatMinor;
            all.cashTakenMinor += b.cashTakenMinor;
            if (counted) {
                all.countedMinor += b.countedMinor;
                all.counted = true;
                overShort += b.differenceMinor();
            }
        }
    }
    if (!drawers.rows.isEmpty())
        drawers.totals = {tr("Total"),
                          QString(),
                          money(all.floatMinor),
                          money(all.cashTakenMinor),
                          money(all.expectedMinor()),
                          money(all.countedMinor),
                          all.counted ? money(overShort) : QString(),
                          QString()};
    drawers.emptyText = tr("No cash taken and no drawer counted.");

    ReportDocument::Section staff;
    staff.heading = tr("Staff");
    staff.columns = {tr("Staff member"), tr("Orders confirmed"), tr("Payments, net")};
    staff.rightAligned = {false, true, true};
    for (auto it = paymentsByStaff.cbegin(); it != paymentsByStaff.cend(); ++it)
        staff.rows.append({it.key().isEmpty() ? tr("(unknown)") : it.key(), QString::number(it.value().first),
                           money(it.value().second)});

    ReportDocument::Section orders;
    orders.heading = tr("Orders confirmed");
    orders.columns = {tr("Time"),  tr("Order"),     tr("Patron"), tr("Sold by"), tr("Seats"), tr("Membership seats"),
                      tr("Total"), tr("Status now")};
    orders.rightAligned = {false, false, false, false, true, true, true, false};
    qint64 ordersTotal = 0;
    for (const auto& o : input.orders) {
        orders.rows.append({localTime(o.confirmedAt), o.confirmationNumber,
                            o.patronName.isEmpty() ? tr("Walk-up") : o.patronName, o.staffName,
                            QString::number(o.seats), QString::number(o.membershipSeats), money(o.totalMinor),
                            core::OrderStatus::staffLabel(o.status)});
        ordersTotal += o.totalMinor;
    }
    orders.totals = {tr("Total"),
                     tr("%n order(s)", nullptr, int(input.orders.size())),
                     QString(),
                     QString(),
                     QString::number(seats),
                     QString::number(membershipSeats),
                     money(ordersTotal),
                     QString()};

    ReportDocument::Section changes;
    changes.heading = tr("Refunds and exchanges");
    changes.columns = {tr("Time"), tr("Kind"), tr("Order"), tr("Seat"), tr("Amount"), tr("Reason"), tr("By")};
    changes.rightAligned = {false, false, false, false, true, false, false};
    ReportDocument::Section voids;
    voids.heading = tr("Voids");
    voids.columns = {tr("Time"), tr("Order"), tr("Reason"), tr("By")};
    voids.rightAligned = {false, false, false, false};
    for (const auto& e : input.events) {
        if (e.kind == QLatin1String("void"))
            voids.rows.append({localTime(e.at), e.confirmationNumber, e.reason, e.staffName});
        else
            changes.rows.append({localTime(e.at), e.kind == QLatin1String("refund") ? tr("Refund") : tr("Exchange"),
                                 e.confirmationNumber, e.seat, money(e.amountMinor), e.reason, e.staffName});
    }

    report.sections = {payTypes, drawers, staff, orders, changes, voids};
    return report;
}

} // namespace foyer::reports
