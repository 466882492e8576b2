#pragma once

#include "OrderLifeRules.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <optional>

namespace foyer::storage {

// What happens to a confirmed order: refunds (managers), exchanges, voids and change requests. Each records who,
// why and when, gives back the seats (and member credits) it frees, sets the order's status, and writes its history
// event, audit row and outbox entry in the same transaction.
class OrderLifeRepository
{
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::OrderLifeRepository)
public:
    explicit OrderLifeRepository(QSqlDatabase db);

    // The order's lines and what was paid for it; nullopt (why in error) when they could not be read.
    std::optional<QList<core::LineForLife>> lines(const QString& orderId, QString* error);
    std::optional<qint64> paidMinor(const QString& orderId, QString* error);

    // Each of these reads, checks and writes inside one write transaction, and every update is guarded by the state
    // it was checked in (status = 'active'): of two windows refunding the same seat, one does, the other is told.

    bool refund(const QString& orderId, const QStringList& lineIds, const core::StaffMember& staff,
                const QString& reason, core::OrderLifeRules::RefundPlan* plan, QString* error);
    bool voidOrder(const QString& orderId, const core::StaffMember& staff, const QString& reason, QString* error);
    // Cancels an order the server refused (SyncOutbox::attentionFor gives refusedOperationIds), in one transaction:
    // the refused operations' payments and credit uses are taken back (the venue never had them: the money goes back
    // to the patron at the window), the order is voided by the void rule (OrderLifeRules::voidProblem; a payment the
    // server did take means a refund instead), and the voided order is sent again in this transaction's operation
    // (SyncResolution), the refusals resolved with the staff member and time. *givenBackMinor: the money taken back.
    bool cancelRefused(const QString& orderId, const QStringList& refusedOperationIds, const core::StaffMember& staff,
                       const QString& reason, qint64* givenBackMinor, QString* error);
    // Moves one seat to another performance (and seat); the difference is charged (positive) or refunded. A
    // membership seat stays at 0 and its credit moves with it.
    bool exchange(const QString& orderId, const QString& lineId, const QString& newPerformanceId,
                  const QString& newSeatId, qint64 newPriceMinor, const core::StaffMember& staff, const QString& reason,
                  qint64* differenceMinor, QString* error);
    bool requestChange(const QString& orderId, const QString& whatShouldChange, const QString& reason,
                       const QString& requestedBy, const core::StaffMember& staff, QString* error);

private:
    struct OrderHead
    {
        QString patronId;
        QString confirmationNumber;
        QString status;
    };
    // Nullopt (why in error) when the order is not there or could not be read.
    std::optional<OrderHead> head(const QString& orderId, QString* error);
    // The void itself, in the caller's transaction.
    bool voidIn(const QString& orderId, const core::StaffMember& staff, const QString& reason, QString* error);
    bool record(const QString& orderId, const OrderHead& head, const QString& kind, const QString& summary,
                const QString& actorId, QVariantMap payload, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
