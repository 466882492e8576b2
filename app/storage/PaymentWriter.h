#pragma once

#include "Tender.h"

#include <QSqlQuery>
#include <QString>

namespace foyer::storage {

// The one place a payment row is written: money taken (positive) or given back (negative) for an order, by whom and
// at this workstation, so the day sheet can add up each drawer. Runs inside the caller's transaction.
bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error);
// A payment taken at the payment step: the amount kept, and for cash what was tendered and the change given, for a
// card or gift card the terminal's reference (processor token), for a check its number.
bool insertPayment(QSqlQuery& query, const QString& orderId, const core::Tender::Payment& payment,
                   const QString& staffId, const QString& now, QString* error);

} // namespace foyer::storage
