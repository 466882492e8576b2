#include "PaymentWriter.h"

#include "SqlBinding.h"
#include "UuidV7.h"
#include "WorkstationSql.h"

namespace foyer::storage {

namespace {

bool insertRow(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
               const QVariant& tenderedMinor, const QVariant& changeMinor, const QVariant& reference,
               const QString& staffId, const QString& now, QString* error)
{
    query.prepare(QStringLiteral("INSERT INTO payment (id, order_id, pay_type, amount_minor, tendered_minor, "
                                 "change_minor, reference, staff_id, workstation, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, %1, ?, ?)")
                      .arg(QLatin1String(CurrentWorkstation)));
    return runBound(query,
                    {core::UuidV7::generateText(), orderId, payType, amountMinor, tenderedMinor, changeMinor, reference,
                     textOrNull(staffId), now, now},
                    error);
}

} // namespace

bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error)
{
    const QVariant none; // NULL: not recorded
    return insertRow(query, orderId, payType, amountMinor, none, none, none, staffId, now, error);
}

bool insertPayment(QSqlQuery& query, const QString& orderId, const core::Tender::Payment& payment,
                   const QString& staffId, const QString& now, QString* error)
{
    const QVariant none; // NULL: not recorded
    const QString reference = payment.reference.trimmed();
    return insertRow(query, orderId, payment.payType, payment.keptMinor(),
                     payment.isCash() ? QVariant(payment.tenderedMinor) : none,
                     payment.isCash() ? QVariant(payment.changeMinor()) : none,
                     payment.isCash() ? none : textOrNull(reference), staffId, now, error);
}

} // namespace foyer::storage
