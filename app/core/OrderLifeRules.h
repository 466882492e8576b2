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
    // Why an editor's copy of an order, read when the order stood at expectedStatus, may not be saved or confirmed
    // over what is stored now (storedStatus, read inside the write transaction); empty when it may. Only an open order
    // is edited: once confirmed it changes through refunds, exchanges, voids and change requests.
    static QString staleEditProblem(const QString& expectedStatus, const QString& storedStatus);
    // Why an editor's seat line (stored with lineStatus) may not be saved again; empty when it may.
    static QString staleLineProblem(const QString& seatLabel, const QString& lineStatus, bool removed);
    static QString changeRequestProblem(const QString& orderStatus, const QString& whatShouldChange,
                                        const QString& reason, const QString& requestedBy);
};

} // namespace foyer::core
