#pragma once

#include <QSqlQuery>
#include <QString>

namespace foyer::storage {

// The one place a payment row is written: money taken (positive) or given back (negative) for an order, by whom and
// at this workstation, so the day sheet can add up each drawer. Runs inside the caller's transaction.
bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error);

} // namespace foyer::storage
