#include "PaymentWriter.h"

#include "SqlBinding.h"
#include "UuidV7.h"
#include "WorkstationSql.h"

namespace foyer::storage {

bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error)
{
    query.prepare(
        QStringLiteral(
            "INSERT INTO payment (id, order_id, pay_type, amount_minor, staff_id, workstation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, %1, ?, ?)")
            .arg(QLatin1String(CurrentWorkstation)));
    return runBound(query, {core::UuidV7::generateText(), orderId, payType, amountMinor, textOrNull(staffId), now, now},
                    error);
}

} // namespace foyer::storage
