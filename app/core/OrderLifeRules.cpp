#include "OrderLifeRules.h"

#include "OrderStatus.h"

namespace foyer::core {

bool OrderLifeRules::canRefund(StaffMember::Role role)
{
    return role == StaffMember::Role::Manager || role == StaffMember::Role::Admin;
}

OrderLifeRules::RefundPlan OrderLifeRules::planRefund(const QList<LineForLife>& lines, const QStringList& lineIds,
                                                      StaffMember::Role role, const QString& reason)
{
    RefundPlan plan;
    if (!canRefund(role)) {
        plan.problem = tr("Only a manager can refund.");
        return plan;
    }
    if (reason.trimmed().isEmpty()) {
        plan.problem = tr("Say why the order is refunded.");
        return plan;
    }
    if (lineIds.isEmpty()) {
        plan.problem = tr("Choose the seats to refund.");
        return plan;
    }
    int activeAfter = 0;
    for (const LineForLife& line : lines) {
        const bool chosen = lineIds.contains(line.id);
        if (chosen && line.status != QLatin1String("active")) {
            plan.problem = tr("A chosen seat was already %1.").arg(line.status);
            return plan;
        }
        if (chosen) {
            if (line.payType == QLatin1String("membership"))
                ++plan.creditsFreed;
            else
                plan.refundMinor += line.priceMinor;
        } else if (line.status == QLatin1String("active")) {
            ++activeAfter;
        }
    }
    for (const QString& id : lineIds) {
        bool known = false;
        for (const LineForLife& line : lines)
            known = known || line.id == id;
        if (!known) {
            plan.problem = tr("A chosen seat is not in this order.");
            return plan;
        }
    }
    plan.orderStatus = activeAfter == 0 ? QStringLiteral("fully_refunded") : QStringLiteral("partially_refunded");
    return plan;
}

QString OrderLifeRules::voidProblem(const QString& orderStatus, qint64 paidMinor, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return tr("Say why the order is voided.");
    if (orderStatus == QLatin1String("void"))
        return tr("The order is already void.");
    if (paidMinor > 0)
        return tr("This order has been paid; refund it instead of voiding it.");
    return {};
}

QString OrderLifeRules::staleEditProblem(const QString& expectedStatus, const QString& storedStatus)
{
    const bool open = storedStatus == QLatin1String("open");
    if (open && expectedStatus == storedStatus)
        return {};
    if (expectedStatus == storedStatus)
        return tr("This order is already %1: change it through a refund, an exchange or a change request.")
            .arg(OrderStatus::staffLabel(storedStatus));
    // It moved on since the editor read it: say what happened, so staff look before doing it again.
    if (storedStatus == QLatin1String("void"))
        return tr("This order was voided at another window; reopen it to see its state.");
    if (storedStatus == QLatin1String("partially_refunded") || storedStatus == QLatin1String("fully_refunded"))
        return tr("This order was refunded at another window; reopen it to see its state.");
    if (expectedStatus == QLatin1String("open"))
        return tr("This order was confirmed at another window; reopen it to see its state.");
    return tr("This order was changed at another window (now %1); reopen it to see its state.")
        .arg(OrderStatus::staffLabel(storedStatus));
}

QString OrderLifeRules::staleLineProblem(const QString& seatLabel, const QString& lineStatus, bool removed)
{
    if (removed)
        return tr("Seat %1 was removed from this order at another window; reopen it to see its state.").arg(seatLabel);
    if (lineStatus == QLatin1String("active"))
        return {};
    if (lineStatus == QLatin1String("refunded"))
        return tr("Seat %1 was refunded at another window; reopen the order to see its state.").arg(seatLabel);
    if (lineStatus == QLatin1String("exchanged"))
        return tr("Seat %1 was exchanged at another window; reopen the order to see its state.").arg(seatLabel);
    if (lineStatus == QLatin1String("void"))
        return tr("Seat %1 was voided at another window; reopen the order to see its state.").arg(seatLabel);
    return tr("Seat %1 was changed at another window (now %2); reopen the order to see its state.")
        .arg(seatLabel, lineStatus);
}

QString OrderLifeRules::changeRequestProblem(const QString& orderStatus, const QString& whatShouldChange,
                                             const QString& reason, const QString& requestedBy)
{
    if (orderStatus == QLatin1String("open"))
        return tr("The order is still open: change it in the order editor.");
    if (whatShouldChange.trimmed().isEmpty())
        return tr("Say what should change.");
    if (reason.trimmed().isEmpty())
        return tr("Say why.");
    if (requestedBy.trimmed().isEmpty())
        return tr("Say who asked for the change.");
    return {};
}

} // namespace foyer::core
