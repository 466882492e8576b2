#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace foyer::core {

// An order's internal status (what staff work with) and the label the patron sees for it, as PatronPortal shows
// them: Completed = To Be Qualified or Complete; Partially Paid; Reservation; In Review = Payment Exception,
// Confirmation Exception or Chargeback Pending; Refunded = Fully Refunded.
class OrderStatus
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::OrderStatus)
public:
    // Database spellings of the internal statuses; "open" is an order still being built.
    static QStringList internalCodes();
    static QString staffLabel(const QString& code);
    // Empty for statuses a patron never sees (an open order).
    static QString patronLabel(const QString& code);
};

} // namespace foyer::core
