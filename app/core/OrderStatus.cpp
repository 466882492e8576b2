#include "OrderStatus.h"

namespace foyer::core {

QStringList OrderStatus::internalCodes()
{
    return {QStringLiteral("open"),
            QStringLiteral("to_be_qualified"),
            QStringLiteral("complete"),
            QStringLiteral("partially_paid"),
            QStringLiteral("reservation"),
            QStringLiteral("payment_exception"),
            QStringLiteral("confirmation_exception"),
            QStringLiteral("chargeback_pending"),
            QStringLiteral("fully_refunded")};
}

QString OrderStatus::staffLabel(const QString& code)
{
    if (code == QLatin1String("open"))
        return tr("Open");
    if (code == QLatin1String("to_be_qualified"))
        return tr("To Be Qualified");
    if (code == QLatin1String("complete"))
        return tr("Complete");
    if (code == QLatin1String("partially_paid"))
        return tr("Partially Paid");
    if (code == QLatin1String("reservation"))
        return tr("Reservation");
    if (code == QLatin1String("payment_exception"))
        return tr("Payment Exception");
    if (code == QLatin1String("confirmation_exception"))
        return tr("Confirmation Exception");
    if (code == QLatin1String("chargeback_pending"))
        return tr("Chargeback Pending");
    if (code == QLatin1String("fully_refunded"))
        return tr("Fully Refunded");
    // Set by the order's life after confirmation (refunds of some seats, a void), not chosen by staff.
    if (code == QLatin1String("partially_refunded"))
        return tr("Partially Refunded");
    if (code == QLatin1String("void"))
        return tr("Void");
    return code;
}

QString OrderStatus::patronLabel(const QString& code)
{
    if (code == QLatin1String("to_be_qualified") || code == QLatin1String("complete"))
        return tr("Completed");
    if (code == QLatin1String("partially_paid"))
        return tr("Partially Paid");
    if (code == QLatin1String("reservation"))
        return tr("Reservation");
    if (code == QLatin1String("payment_exception") || code == QLatin1String("confirmation_exception") ||
        code == QLatin1String("chargeback_pending"))
        return tr("In Review");
    if (code == QLatin1String("fully_refunded"))
        return tr("Refunded");
    if (code == QLatin1String("partially_refunded"))
        return tr("Partially Refunded");
    if (code == QLatin1String("void"))
        return tr("Cancelled");
    return QString();
}

} // namespace foyer::core
