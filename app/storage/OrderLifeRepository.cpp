#include "OrderLifeRepository.h"

#include "ChangeLog.h"
#include "PaymentWriter.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncResolution.h"
#include "Transaction.h"
#include "UuidV7.h"
#include "WorkstationSql.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

OrderLifeRepository::OrderLifeRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<OrderLifeRepository::OrderHead> OrderLifeRepository::head(const QString& orderId, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    std::optional<OrderHead> found;
    if (!readRows(
            q,
            QStringLiteral("SELECT coalesce(patron_id, ''), confirmation_number, internal_status FROM \"order\" "
                           "WHERE id = ? AND deleted_at IS NULL"),
            {orderId}, tr("the order"),
            [&](const QSqlQuery& row) {
                found = OrderHead{row.value(0).toString(), row.value(1).toString(), row.value(2).toString()};
            },
            error))
        return std::nullopt;
    if (!found)
        fail(error, tr("That order no longer exists."));
    return found;
}

std::optional<QList<core::LineForLife>> OrderLifeRepository::lines(const QString& orderId, QString* error)
{
    QList<core::LineForLife> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!readRows(
            q,
            QStringLiteral("SELECT id, price_minor, pay_type, status FROM order_line WHERE order_id = ? AND "
                           "deleted_at IS NULL ORDER BY created_at, id"),
            {orderId}, tr("the order's seats"),
            [&](const QSqlQuery& row) {
                out.append({row.value(0).toString(), row.value(1).toLongLong(), row.value(2).toString(),
                            row.value(3).toString()});
            },
            error))
        return std::nullopt;
    return out;
}

std::optional<qint64> OrderLifeRepository::paidMinor(const QString& orderId, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    qint64 paid = 0;
    if (!readRows(
            q,
            QStringLiteral("SELECT coalesce(sum(amount_minor), 0) FROM payment WHERE order_id = ? AND deleted_at IS "
                           "NULL"),
            {orderId}, tr("the order's payments"), [&](const QSqlQuery& row) { paid = row.value(0).toLongLong(); },
            error))
        return std::nullopt;
    return paid;
}

bool OrderLifeRepository::record(const QString& orderId, const OrderHead& head, const QString& kind,
                                 const QString& summary, const QString& actorId, QVariantMap payload, QString* error)
{
    ChangeLog::Change change;
    change.entity = QStringLiteral("order");
    change.entityId = orderId;
    change.patronId = head.patronId;
    change.historyKind = kind;
    change.summary = summary;
    change.actorId = actorId;
    payload.insert(QStringLiteral("id"), orderId);
    change.payload = payload;
    return ChangeLog(m_db).record(change, error);
}

bool OrderLifeRepository::refund(const QString& orderId, const QStringList& lineIds, const core::StaffMember& staff,
                                 const QString& reason, core::OrderLifeRules::RefundPlan* planOut, QString* error)
{
    // Read and planned inside the write transaction: a seat another window refunded a moment ago is seen as refunded.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const std::optional<OrderHead> order = head(orderId, error);
    if (!order)
        return false;
    const std::optional<QList<core::LineForLife>> current = lines(orderId, error);
    if (!current)
        return false;
    const core::OrderLifeRules::RefundPlan plan =
        core::OrderLifeRules::planRefund(*current, lineIds, staff.role, reason);
    if (planOut)
        *planOut = plan;
    if (!plan.problem.isEmpty())
        return fail(error, plan.problem);
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    bool ok = true;
    QStringList seats;
    for (const core::LineForLife& line : *current) {
        if (!ok || !lineIds.contains(line.id))
            continue;
        // The line stops being active: its seat is free again, and a membership seat's credit counts no more. Only an
        // active line is refunded, once.
        q.prepare(QStringLiteral("UPDATE order_line SET status = 'refunded', updated_at = ? WHERE id = ? AND status = "
                                 "'active'"));
        ok = runBound(q, {now, line.id}, error) &&
             (q.numRowsAffected() == 1 ||
              fail(error, tr("A chosen seat was refunded or changed meanwhile; nothing was refunded.")));
        q.prepare(QStringLiteral("INSERT INTO order_event (id, order_id, kind, order_line_id, amount_minor, reason, "
                                 "staff_id, workstation, occurred_at) VALUES (?, ?, 'refund', ?, ?, ?, ?, "
                                 "%1, ?)")
                      .arg(QLatin1String(CurrentWorkstation)));
        ok = ok && runBound(q,
                            {core::UuidV7::generateText(), orderId, line.id,
                             line.payType == QLatin1String("membership") ? qint64(0) : line.priceMinor,
                             reason.trimmed(), staff.id.isEmpty() ? QVariant() : QVariant(staff.id), now},
                            error);
        if (ok && line.priceMinor > 0 && line.payType != QLatin1String("membership")) {
            ok = insertPayment(q, orderId, line.payType, -line.priceMinor, staff.id, now, error);
        }
        seats.append(line.id);
    }
    if (ok) {
        q.prepare(QStringLiteral("UPDATE \"order\" SET internal_status = ?, updated_at = ? WHERE id = ?"));
        ok = runBound(q, {plan.orderStatus, now, orderId}, error);
    }
    ok = ok && record(orderId, *order, QStringLiteral("refund"),
                      QStringLiteral("Order %1: %2 seat(s) refunded by %3 (%4 back, %5 credit(s) freed): %6")
                          .arg(order->confirmationNumber)
                          .arg(seats.size())
                          .arg(staff.displayName)
                          .arg(double(plan.refundMinor) / 100.0, 0, 'f', 2)
                          .arg(plan.creditsFreed)
                          .arg(reason.trimmed()),
                      staff.id,
                      {{QStringLiteral("internal_status"), plan.orderStatus},
                       {QStringLiteral("refunded_lines"), seats},
                       {QStringLiteral("refund_minor"), plan.refundMinor},
                       {QStringLiteral("reason"), reason.trimmed()}},
                      error);
    return txn.finish(ok);
}

bool OrderLifeRepository::voidOrder(const QString& orderId, const core::StaffMember& staff, const QString& reason,
                                    QString* error)
{
    // Checked inside the write transaction: a payment taken or a void done a moment ago on another window counts.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    return txn.finish(voidIn(orderId, staff, reason, error));
}

bool OrderLifeRepository::cancelRefused(const QString& orderId, const QStringList& refusedOperationIds,
                                        const core::StaffMember& staff, const QString& reason, qint64* givenBackMinor,
                                        QString* error)
{
    if (givenBackMinor)
        *givenBackMinor = 0;
    if (reason.trimmed().isEmpty())
        return fail(error, core::OrderLifeRules::voidProblem(QString(), 0, reason));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    // First, before any write of its own: what the server never took is queued to be sent again as it is at commit.
    SyncResolution resolution(m_db);
    bool ok = resolution.begin(refusedOperationIds, QStringLiteral("cancelled"), staff.id, error);
    qint64 givenBack = 0;
    QSqlQuery q(m_db);
    for (const QJsonObject& key : resolution.insertedKeys(QStringLiteral("payment"))) {
        if (!ok)
            break;
        ok = readRows(m_db, QStringLiteral("SELECT amount_minor FROM payment WHERE id = ? AND order_id = ?"),
                      {key.value(QStringLiteral("id")).toString(), orderId}, error,
                      [&](const QSqlQuery& row) { givenBack += row.value(0).toLongLong(); }) &&
             prepareQuery(q, QStringLiteral("DELETE FROM payment WHERE id = ? AND order_id = ?"), error) &&
             runBound(q, {key.value(QStringLiteral("id")).toString(), orderId}, error);
    }
    for (const QJsonObject& key : resolution.insertedKeys(QStringLiteral("membership_seat_use"))) {
        if (!ok)
            break;
        ok = prepareQuery(q, QStringLiteral("DELETE FROM membership_seat_use WHERE id = ?"), error) &&
             runBound(q, {key.value(QStringLiteral("id")).toString()}, error);
    }
    ok = ok && voidIn(orderId, staff, reason, error);
    if (!txn.finish(ok))
        return false;
    if (givenBackMinor)
        *givenBackMinor = givenBack;
    return true;
}

bool OrderLifeRepository::voidIn(const QString& orderId, const core::StaffMember& staff, const QString& reason,
                                 QString* error)
{
    const std::optional<OrderHead> order = head(orderId, error);
    if (!order)
        return false;
    const std::optional<qint64> paid = paidMinor(orderId, error);
    if (!paid)
        return false;
    if (const QString problem = core::OrderLifeRules::voidProblem(order->status, *paid, reason); !problem.isEmpty())
        return fail(error, problem);
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE order_line SET status = 'void', updated_at = ? WHERE order_id = ? AND status = "
                             "'active'"));
    bool ok = runBound(q, {now, orderId}, error);
    // Guarded by the status it was checked in.
    q.prepare(QStringLiteral("UPDATE \"order\" SET internal_status = 'void', updated_at = ? WHERE id = ? AND "
                             "internal_status = ?"));
    ok = ok && runBound(q, {now, orderId, order->status}, error) &&
         (q.numRowsAffected() == 1 || fail(error, tr("The order was changed meanwhile; it was not voided.")));
    q.prepare(QStringLiteral("INSERT INTO order_event (id, order_id, kind, reason, staff_id, workstation, occurred_at) "
                             "VALUES (?, ?, 'void', ?, ?, %1, ?)")
                  .arg(QLatin1String(CurrentWorkstation)));
    ok = ok && runBound(q,
                        {core::UuidV7::generateText(), orderId, reason.trimmed(),
                         staff.id.isEmpty() ? QVariant() : QVariant(staff.id), now},
                        error);
    ok = ok && record(orderId, *order, QStringLiteral("void"),
                      QStringLiteral("Order %1 voided by %2: %3")
                          .arg(order->confirmationNumber, staff.displayName, reason.trimmed()),
                      staff.id,
                      {{QStringLiteral("internal_status"), QStringLiteral("void")},
                       {QStringLiteral("reason"), reason.trimmed()}},
                      error);
    return ok;
}

bool OrderLifeRepository::exchange(const QString& orderId, const QString& lineId, const QString& newPerformanceId,
                                   const QString& newSeatId, qint64 newPriceMinor, const core::StaffMember& staff,
                                   const QString& reason, qint64* differenceMinor, QString* error)
{
    if (reason.trimmed().isEmpty())
        return fail(error, tr("Say why the seat is exchanged."));
    // Checked inside the write transaction: a seat refunded or exchanged a moment ago on another window is seen so.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const std::optional<OrderHead> order = head(orderId, error);
    if (!order)
        return false;
    const std::optional<QList<core::LineForLife>> current = lines(orderId, error);
    if (!current)
        return false;
    core::LineForLife old;
    for (const core::LineForLife& line : *current)
        if (line.id == lineId)
            old = line;
    if (old.id.isEmpty())
        return fail(error, tr("That seat is not in this order."));
    // Read inside the transaction: a seat another window just exchanged or refunded is seen so, and said so.
    if (old.status != QLatin1String("active"))
        return fail(error, tr("That seat was already %1; it cannot be exchanged.").arg(old.status));
    // A membership seat stays free: its credit moves to the new seat.
    const bool membership = old.payType == QLatin1String("membership");
    if (membership)
        newPriceMinor = 0;
    const qint64 difference = core::OrderLifeRules::exchangeDifference(old.priceMinor, newPriceMinor);
    if (differenceMinor)
        *differenceMinor = difference;
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE order_line SET status = 'exchanged', updated_at = ? WHERE id = ? AND status = "
                             "'active'"));
    bool ok = runBound(q, {now, lineId}, error) &&
              (q.numRowsAffected() == 1 ||
               fail(error, tr("The seat was refunded or exchanged meanwhile; it was not exchanged.")));
    const QString newLine = core::UuidV7::generateText();
    q.prepare(QStringLiteral("INSERT INTO order_line (id, order_id, performance_id, seat_id, description, price_minor, "
                             "pay_type, created_at, updated_at) VALUES (?, ?, ?, ?, 'Exchange', ?, ?, ?, ?)"));
    ok = ok &&
         (runBound(q, {newLine, orderId, newPerformanceId, newSeatId, newPriceMinor, old.payType, now, now}, error) ||
          fail(error, tr("That seat is already sold or held for the new performance.")));
    if (ok && membership) {
        // Exactly the one credit the old seat used moves: none moved would leave the new seat free without a credit.
        q.prepare(QStringLiteral("UPDATE membership_seat_use SET order_line_id = ?, show_id = (SELECT show_id FROM "
                                 "performance WHERE id = ?) WHERE order_line_id = ? AND deleted_at IS NULL"));
        ok = runBound(q, {newLine, newPerformanceId, lineId}, error) &&
             (q.numRowsAffected() == 1 ||
              fail(error, tr("The seat's membership credit is not on record (given back or moved meanwhile); the "
                             "seat was not exchanged.")));
    }
    if (ok && difference != 0) {
        ok = insertPayment(q, orderId, old.payType, difference, staff.id, now, error);
    }
    q.prepare(QStringLiteral("INSERT INTO order_event (id, order_id, kind, order_line_id, amount_minor, reason, "
                             "staff_id, workstation, occurred_at) VALUES (?, ?, 'exchange', ?, ?, ?, ?, %1, ?)")
                  .arg(QLatin1String(CurrentWorkstation)));
    ok = ok && runBound(q,
                        {core::UuidV7::generateText(), orderId, lineId, difference, reason.trimmed(),
                         staff.id.isEmpty() ? QVariant() : QVariant(staff.id), now},
                        error);
    ok = ok && record(orderId, *order, QStringLiteral("exchange"),
                      QStringLiteral("Order %1: a seat exchanged by %2 (difference %3): %4")
                          .arg(order->confirmationNumber, staff.displayName)
                          .arg(double(difference) / 100.0, 0, 'f', 2)
                          .arg(reason.trimmed()),
                      staff.id,
                      {{QStringLiteral("exchanged_line"), lineId},
                       {QStringLiteral("new_line"), newLine},
                       {QStringLiteral("difference_minor"), difference}},
                      error);
    return txn.finish(ok);
}

bool OrderLifeRepository::requestChange(const QString& orderId, const QString& whatShouldChange, const QString& reason,
                                        const QString& requestedBy, const core::StaffMember& staff, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const std::optional<OrderHead> order = head(orderId, error);
    if (!order)
        return false;
    if (const QString problem =
            core::OrderLifeRules::changeRequestProblem(order->status, whatShouldChange, reason, requestedBy);
        !problem.isEmpty())
        return fail(error, problem);
    const QString now = nowUtcText();
    const QString id = core::UuidV7::generateText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO change_request (id, order_id, what_should_change, reason, requested_by, "
                             "staff_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    bool ok = runBound(q,
                       {id, orderId, whatShouldChange.trimmed(), reason.trimmed(), requestedBy.trimmed(),
                        staff.id.isEmpty() ? QVariant() : QVariant(staff.id), now, now},
                       error);
    ok = ok && record(orderId, *order, QStringLiteral("change_request"),
                      QStringLiteral("Change requested on closed order %1 by %2: %3 (why: %4)")
                          .arg(order->confirmationNumber, requestedBy.trimmed(), whatShouldChange.trimmed(),
                               reason.trimmed()),
                      staff.id,
                      {{QStringLiteral("change_request_id"), id},
                       {QStringLiteral("what_should_change"), whatShouldChange.trimmed()},
                       {QStringLiteral("reason"), reason.trimmed()},
                       {QStringLiteral("requested_by"), requestedBy.trimmed()}},
                      error);
    return txn.finish(ok);
}

} // namespace foyer::storage
