#pragma once

#include "StaffMember.h"

#include <QCoreApplication>
#include <QList>

namespace foyer::core {

// One line of a confirmed order, as refunds, exchanges and voids see it.
struct LineForLife
{
    QString id;
    qint64 priceMinor = 0;
    QString payType;
    QString status = QStringLiteral("active"); // active, refunded, exchanged, void
};

// The rest of an order's life after confirmation: refunds (managers only), exchanges, voids, change requests.
class OrderLifeRules
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::OrderLifeRules)
public:
    struct RefundPlan
    {
        QString problem;        // non-empty: refused, nothing changes
        qint64 refundMinor = 0; // money back (membership seats give a credit back instead)
        int creditsFreed = 0;   // membership seats among the refunded lines
        QString orderStatus;    // the order's internal status afterwards
    };

    static bool canRefund(StaffMember::Role role);
    // Refund the chosen lines (ids) of an order; all of them refunds the order.
    static RefundPlan planRefund(const QList<LineForLife>& lines, const QStringList& lineIds, StaffMember::Role role,
                                 const QString& reason);
    // Exchange a seat to another performance: positive = the patron pays the difference, negative = refunded.
    static qint64 exchangeDifference(qint64 oldPriceMinor, qint64 newPriceMinor)
    {
        return newPriceMinor - oldPriceMinor;
    }
    // A void cancels an order nobody paid for; a paid order is refunded instead.
    static QString voidProblem(const QString& orderStatus, qint64 paidMinor, const QString& reason);
    static QString changeRequestProblem(const QString& orderStatus, const QString& whatShouldChange,
                                        const QString& reason, const QString& requestedBy);
};

} // namespace foyer::core
