#include "OrderLifeRules.h"

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
