#include "OrderRepository.h"

#include "ChangeLog.h"
#include "Clock.h"
#include "ConfirmationNumber.h"
#include "MoneyFormat.h"
#include "OrderLifeRules.h"
#include "PayType.h"
#include "PaymentWriter.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncResolution.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

OrderRepository::OrderRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_benefits(m_db)
    , m_members(m_db)
{
}

QString OrderRepository::workstationPrefix(QString* error)
{
    const QString sql = QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'workstation_prefix'");
    const QString what = tr("this workstation's confirmation prefix");
    QString prefix;
    QSqlQuery q(m_db);
    if (!readRows(
            q, sql, {}, what, [&](const QSqlQuery& row) { prefix = row.value(0).toString(); }, error))
        return {};
    if (!prefix.isEmpty())
        return prefix;
    // Random like the database's own id: 24 bits make two workstations of one venue sharing a prefix unlikely; the
    // server registers prefixes once it exists.
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO workstation_setting (name, value) VALUES ('workstation_prefix', ?)"));
    if (!runBound(q,
                  {core::ConfirmationNumber::prefixFromDatabaseId(
                      QString::number(0x100000 + QRandomGenerator::system()->bounded(0xF00000), 16))},
                  error))
        return {};
    // Read back what is stored: another connection may have made it first.
    if (!readRows(
            q, sql, {}, what, [&](const QSqlQuery& row) { prefix = row.value(0).toString(); }, error))
        return {};
    if (prefix.isEmpty())
        fail(error, tr("This workstation's confirmation prefix could not be kept."));
    return prefix;
}

QString OrderRepository::nextConfirmationNumber(QString* error)
{
    const QString prefix = workstationPrefix(error);
    if (prefix.isEmpty())
        return {};
    QSqlQuery q(m_db);
    qint64 counter = 0;
    if (!readRows(
            q, QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'confirmation_counter'"), {},
            tr("the confirmation counter"), [&](const QSqlQuery& row) { counter = row.value(0).toLongLong(); }, error))
        return {};
    ++counter;
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES ('confirmation_counter', "
                             "?)"));
    if (!runBound(q, {QString::number(counter)}, error))
        return {};
    return core::ConfirmationNumber::format(prefix, counter);
}

std::optional<core::OrderDraft> OrderRepository::load(const QString& orderId, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    std::optional<core::OrderDraft> found;
    if (!readRows(
            q,
            QStringLiteral("SELECT id, confirmation_number, coalesce(patron_id, ''), channel, internal_status FROM "
                           "\"order\" WHERE id = ? AND deleted_at IS NULL"),
            {orderId}, tr("the order"),
            [&](const QSqlQuery& row) {
                core::OrderDraft order;
                order.id = row.value(0).toString();
                order.confirmationNumber = row.value(1).toString();
                order.patronId = row.value(2).toString();
                order.channel = row.value(3).toString();
                order.internalStatus = row.value(4).toString();
                found = order;
            },
            error))
        return std::nullopt;
    if (!found) {
        fail(error, tr("That order no longer exists."));
        return std::nullopt;
    }
    core::OrderDraft& order = *found;
    const QString lines = QStringLiteral(
        "SELECT l.id, l.performance_id, p.show_id, s.title, p.starts_at, l.seat_id, coalesce(st.section || ' ' || "
        "st.row_label || st.seat_number, ''), coalesce(l.price_type_id, ''), coalesce(pt.name, l.description, ''), "
        "coalesce(pt.price_minor, l.price_minor), l.pay_type, coalesce(l.membership_number, ''), "
        "coalesce(st.section, ''), coalesce(l.discount_id, ''), l.price_minor FROM order_line l "
        "LEFT JOIN performance p ON p.id = l.performance_id LEFT JOIN show s ON s.id = p.show_id LEFT JOIN seat st ON "
        "st.id = l.seat_id LEFT JOIN price_type pt ON pt.id = l.price_type_id WHERE l.order_id = ? AND l.deleted_at "
        "IS NULL AND l.status = 'active' ORDER BY l.created_at, l.id");
    const bool read = readRows(
        q, lines, {orderId}, tr("the order's seats"),
        [&](const QSqlQuery& row) {
            core::OrderLineDraft line;
            line.id = row.value(0).toString();
            line.performanceId = row.value(1).toString();
            line.showId = row.value(2).toString();
            line.showTitle = row.value(3).toString();
            line.performanceAt = utcFrom(row.value(4));
            line.seatId = row.value(5).toString();
            line.seatLabel = row.value(6).toString();
            line.priceTypeId = row.value(7).toString();
            line.priceTypeName = row.value(8).toString();
            line.listPriceMinor = row.value(9).toLongLong();
            line.payType = row.value(10).toString();
            line.membershipNumber = row.value(11).toString();
            line.section = row.value(12).toString();
            line.discountId = row.value(13).toString();
            line.discountedPriceMinor = row.value(14).toLongLong();
            order.lines.append(line);
        },
        error);
    if (!read)
        return std::nullopt;
    return found;
}

bool OrderRepository::checkStored(const core::OrderDraft& order, const QString& expectedStatus, QString* error,
                                  bool resolving)
{
    if (order.id.isEmpty())
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    std::optional<QString> stored;
    if (!readRows(
            q, QStringLiteral("SELECT internal_status FROM \"order\" WHERE id = ? AND deleted_at IS NULL"), {order.id},
            tr("the order"), [&](const QSqlQuery& row) { stored = row.value(0).toString(); }, error))
        return false;
    if (!stored)
        return fail(error, tr("This order was deleted at another window; it was not saved."));
    const bool refusedAsRead = resolving && *stored == expectedStatus && *stored != QLatin1String("void");
    if (const QString problem = core::OrderLifeRules::staleEditProblem(expectedStatus, *stored);
        !problem.isEmpty() && !refusedAsRead)
        return fail(error, problem);
    // The editor's seats are still the order's own: one refunded, exchanged, voided or removed at another window is
    // not written over (its seat could be sold again meanwhile).
    QHash<QString, std::pair<QString, bool>> lines; // id -> status, removed
    if (!readRows(
            q, QStringLiteral("SELECT id, status, deleted_at IS NOT NULL FROM order_line WHERE order_id = ?"),
            {order.id}, tr("the order's stored seats"),
            [&](const QSqlQuery& row) {
                lines.insert(row.value(0).toString(), {row.value(1).toString(), row.value(2).toInt() != 0});
            },
            error))
        return false;
    for (const core::OrderLineDraft& line : order.lines) {
        const auto it = lines.constFind(line.id);
        if (it == lines.cend())
            continue;
        if (const QString problem = core::OrderLifeRules::staleLineProblem(line.seatLabel, it->first, it->second);
            !problem.isEmpty())
            return fail(error, problem);
    }
    return true;
}

bool OrderRepository::writeOrder(core::OrderDraft& order, const QString& expectedStatus, const QString& actorId,
                                 QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    const bool isNew = order.id.isEmpty();
    if (isNew) {
        order.id = core::UuidV7::generateText();
        order.confirmationNumber = nextConfirmationNumber(error);
        if (order.confirmationNumber.isEmpty())
            return false;
        q.prepare(QStringLiteral("INSERT INTO \"order\" (id, confirmation_number, patron_id, channel, category, "
                                 "internal_status, staff_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'ticket', ?, "
                                 "?, ?, ?)"));
        for (const QVariant& v : {QVariant(order.id), QVariant(order.confirmationNumber), textOrNull(order.patronId),
                                  QVariant(order.channel), QVariant(order.internalStatus), textOrNull(actorId),
                                  QVariant(now), QVariant(now)})
            q.addBindValue(v);
    } else {
        // Guarded by the status checkStored found: of two windows confirming one order, one does.
        q.prepare(QStringLiteral("UPDATE \"order\" SET patron_id = ?, channel = ?, internal_status = ?, updated_at = ? "
                                 "WHERE id = ? AND internal_status = ? AND deleted_at IS NULL"));
        for (const QVariant& v : {textOrNull(order.patronId), QVariant(order.channel), QVariant(order.internalStatus),
                                  QVariant(now), QVariant(order.id), QVariant(expectedStatus)})
            q.addBindValue(v);
    }
    if (!q.exec())
        return fail(error, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return fail(error, tr("This order was changed at another window; reopen it to see its state."));

    // Lines: drop those no longer in the draft, then add or update the rest.
    QSet<QString> keep;
    for (core::OrderLineDraft& line : order.lines) {
        if (line.id.isEmpty())
            line.id = core::UuidV7::generateText();
        keep.insert(line.id);
    }
    // Only active lines are the editor's to drop or change (checkStored refused a draft holding any other).
    QSet<QString> stored;
    if (!readRows(
            q,
            QStringLiteral("SELECT id FROM order_line WHERE order_id = ? AND deleted_at IS NULL AND status = 'active'"),
            {order.id}, tr("the order's stored seats"),
            [&](const QSqlQuery& row) { stored.insert(row.value(0).toString()); }, error))
        return false;
    for (const QString& id : std::as_const(stored)) {
        if (keep.contains(id))
            continue;
        q.prepare(QStringLiteral("UPDATE order_line SET deleted_at = ?, updated_at = ? WHERE id = ? AND status = "
                                 "'active' AND deleted_at IS NULL"));
        for (const QString& v : {now, now, id})
            q.addBindValue(v);
        if (!q.exec())
            return fail(error, q.lastError().text());
        if (q.numRowsAffected() != 1)
            return fail(error, tr("A seat of this order was changed at another window; reopen it to see its state."));
    }
    QSqlQuery taken(m_db);
    const QString seatsTaken = tr("the seats other orders hold");
    if (!prepareRead(taken,
                     QStringLiteral("SELECT o.confirmation_number FROM order_line l JOIN \"order\" o ON o.id = "
                                    "l.order_id WHERE l.performance_id = ? AND l.seat_id = ? AND l.status = 'active' "
                                    "AND l.deleted_at IS NULL AND l.order_id <> ?"),
                     seatsTaken, error))
        return false;
    QSet<QString> seatsInThisOrder;
    for (const core::OrderLineDraft& line : std::as_const(order.lines)) {
        if (!line.seatId.isEmpty()) {
            const QString key = line.performanceId + u'/' + line.seatId;
            if (seatsInThisOrder.contains(key))
                return fail(error, tr("Seat %1 is in this order twice.").arg(line.seatLabel));
            seatsInThisOrder.insert(key);
            QString holder;
            if (!readRows(
                    taken, {line.performanceId, line.seatId, order.id}, seatsTaken,
                    [&](const QSqlQuery& row) { holder = row.value(0).toString(); }, error))
                return false;
            if (!holder.isEmpty())
                return fail(
                    error,
                    tr("Seat %1 is already sold or held for this performance (order %2).").arg(line.seatLabel, holder));
        }
        if (stored.contains(line.id)) {
            q.prepare(QStringLiteral("UPDATE order_line SET performance_id = ?, seat_id = ?, price_type_id = ?, "
                                     "description = ?, price_minor = ?, pay_type = ?, membership_number = ?, "
                                     "discount_id = ?, updated_at = ? WHERE id = ? AND order_id = ? AND status = "
                                     "'active' AND deleted_at IS NULL"));
        } else {
            q.prepare(QStringLiteral("INSERT INTO order_line (performance_id, seat_id, price_type_id, description, "
                                     "price_minor, pay_type, membership_number, discount_id, updated_at, id, order_id, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        }
        for (const QVariant& v :
             {textOrNull(line.performanceId), textOrNull(line.seatId), textOrNull(line.priceTypeId),
              QVariant(line.priceTypeName), QVariant(line.priceMinor()), QVariant(line.payType),
              textOrNull(core::PayType::isMembership(line.payType) ? line.membershipNumber.trimmed() : QString()),
              textOrNull(line.discountId), QVariant(now), QVariant(line.id)})
            q.addBindValue(v);
        q.addBindValue(order.id);
        if (!stored.contains(line.id))
            q.addBindValue(now);
        if (!q.exec())
            return fail(error, q.lastError().text().contains(QLatin1String("UNIQUE"))
                                   ? tr("Seat %1 was just taken on another workstation.").arg(line.seatLabel)
                                   : q.lastError().text());
        if (q.numRowsAffected() != 1)
            return fail(
                error,
                tr("Seat %1 was changed at another window; reopen the order to see its state.").arg(line.seatLabel));
    }
    return true;
}

bool OrderRepository::save(core::OrderDraft& order, const QString& actorId, QString* error)
{
    const core::OrderDraft before = order;
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    if (!txn.finish(saveIn(order, before, actorId, error))) {
        order = before; // the ids and number handed out are not real until committed
        return false;
    }
    return true;
}

bool OrderRepository::saveIn(core::OrderDraft& order, const core::OrderDraft& before, const QString& actorId,
                             QString* error)
{
    // Checked inside the write transaction: a confirmation, void or refund another window made a moment ago counts.
    bool ok =
        checkStored(order, before.internalStatus, error) && writeOrder(order, before.internalStatus, actorId, error);
    return ok && recordOrderChange(order,
                                   QStringLiteral("Order %1 saved: %2 seat(s), total %3 (not yet confirmed)")
                                       .arg(order.confirmationNumber)
                                       .arg(order.lines.size())
                                       .arg(core::MoneyFormat::amount(order.totalMinor())),
                                   {}, actorId, error);
}

bool OrderRepository::resolveRefused(core::OrderDraft& order, const QStringList& refusedOperationIds,
                                     const QString& actorId, QList<core::MembershipCreditRule::LineError>* lineErrors,
                                     QString* error, const core::MembershipCreditRule::PasswordCheck& checkPassword,
                                     const QList<core::Tender::Payment>* tender)
{
    if (lineErrors)
        lineErrors->clear();
    if (order.id.isEmpty())
        return fail(error, tr("Only a stored order can be resolved."));
    if (order.lines.isEmpty())
        return fail(error, tr("The order has no seats: cancel it instead."));
    const core::OrderDraft before = order;
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    if (!txn.finish(resolveIn(order, before, refusedOperationIds, actorId, lineErrors, error, checkPassword, tender))) {
        order = before;
        return false;
    }
    return true;
}

bool OrderRepository::resolveIn(core::OrderDraft& order, const core::OrderDraft& before,
                                const QStringList& refusedOperationIds, const QString& actorId,
                                QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                                const core::MembershipCreditRule::PasswordCheck& checkPassword,
                                const QList<core::Tender::Payment>* tender)
{
    // First, before any write of its own: the rows the server never took are queued to be sent again as they are at
    // commit, and the refusals are marked resolved.
    SyncResolution resolution(m_db);
    bool ok = resolution.begin(refusedOperationIds, QStringLiteral("changed"), actorId, error);
    // The refused confirmation's payments and credit uses never reached the venue: taken back, then recorded anew
    // for the order as it is now (sent with it, or nothing at all when they are not recorded again).
    QSqlQuery q(m_db);
    for (const auto& [table, sql] :
         {std::pair{QStringLiteral("payment"), QStringLiteral("DELETE FROM payment WHERE id = ?")},
          std::pair{QStringLiteral("membership_seat_use"),
                    QStringLiteral("DELETE FROM membership_seat_use WHERE id = ?")}}) {
        if (!ok)
            break;
        ok = prepareQuery(q, sql, error);
        for (const QJsonObject& key : resolution.insertedKeys(table)) {
            if (!ok)
                break;
            ok = runBound(q, {key.value(QStringLiteral("id")).toString()}, error);
        }
    }
    if (ok) {
        ok = before.internalStatus == QLatin1String("open")
                 ? saveIn(order, before, actorId, error)
                 : confirmIn(order, before, actorId, lineErrors, error, checkPassword, true, tender);
    }
    return ok;
}

bool OrderRepository::confirmable(const core::OrderDraft& order, const QString& actorId,
                                  QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                                  const core::MembershipCreditRule::PasswordCheck& checkPassword,
                                  const QStringList& refusedOperationIds, QMap<QString, qint64>* totals)
{
    if (lineErrors)
        lineErrors->clear();
    if (order.lines.isEmpty())
        return fail(error, tr("The order has no seats."));
    if (!refusedOperationIds.isEmpty() && order.id.isEmpty())
        return fail(error, tr("Only a stored order can be resolved."));
    core::OrderDraft trial = order;
    const core::OrderDraft before = order;
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const bool ok =
        refusedOperationIds.isEmpty()
            ? confirmIn(trial, before, actorId, lineErrors, error, checkPassword, false, nullptr)
            : resolveIn(trial, before, refusedOperationIds, actorId, lineErrors, error, checkPassword, nullptr);
    // Always undone: this was a trial.
    txn.finish(false);
    if (ok && totals)
        *totals = trial.totalsByPayType();
    return ok;
}

bool OrderRepository::confirm(core::OrderDraft& order, const QString& actorId,
                              QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                              const core::MembershipCreditRule::PasswordCheck& checkPassword,
                              const QList<core::Tender::Payment>* tender)
{
    if (lineErrors)
        lineErrors->clear();
    if (order.lines.isEmpty())
        return fail(error, tr("The order has no seats."));
    const core::OrderDraft before = order;
    // The check runs inside the write transaction (BEGIN IMMEDIATE): no other order can take the same credits
    // between the check and the record.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    if (!txn.finish(confirmIn(order, before, actorId, lineErrors, error, checkPassword, false, tender))) {
        order = before;
        return false;
    }
    return true;
}

bool OrderRepository::confirmIn(core::OrderDraft& order, const core::OrderDraft& before, const QString& actorId,
                                QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                                const core::MembershipCreditRule::PasswordCheck& checkPassword, bool resolving,
                                const QList<core::Tender::Payment>* tender)
{
    // Every line has its id before the checks, so a typed password is found by it.
    for (core::OrderLineDraft& line : order.lines)
        if (line.id.isEmpty())
            line.id = core::UuidV7::generateText();
    // First: a copy another window has confirmed, voided or refunded meanwhile is refused for that, before its
    // credits or payments are looked at.
    if (!checkStored(order, before.internalStatus, error, resolving))
        return false;
    // A read that fails refuses the confirmation: taken for "nothing there" it would skip a presale or over-issue
    // credits.
    const auto refuse = [&](const QString& readError) { return fail(error, tr("Not confirmed: %1").arg(readError)); };
    QString readError;
    const std::optional<int> refusedSales = applyBenefits(order, core::Clock::currentDateTimeUtc(), &readError);
    if (!refusedSales)
        return refuse(readError);
    if (*refusedSales > 0) {
        QList<core::MembershipCreditRule::LineError> saleErrors;
        for (int row = 0; row < order.lines.size(); ++row)
            if (!order.lines.at(row).saleProblem.isEmpty())
                saleErrors.append({row, order.lines.at(row).saleProblem});
        if (lineErrors)
            *lineErrors = saleErrors;
        return fail(error, tr("%1 seat(s) cannot be sold to this patron now.").arg(saleErrors.size()));
    }
    const QList<core::MembershipSeatLine> membershipLines = order.membershipLines();
    QStringList numbers;
    for (const auto& line : membershipLines)
        numbers.append(line.membershipNumber.trimmed());
    const std::optional<QHash<QString, core::MemberRecord>> members = memberRecords(numbers, &readError);
    if (!members)
        return refuse(readError);
    QList<core::MembershipCreditRule::LineError> problems;
    QString firstMember;
    if (checkPassword)
        problems = core::MembershipCreditRule::authenticate(membershipLines, *members, checkPassword, &firstMember);
    if (problems.isEmpty()) {
        const std::optional<QList<core::PriorCreditUse>> prior = priorCreditUse(numbers, order.id, &readError);
        if (!prior)
            return refuse(readError);
        problems = core::MembershipCreditRule::validate(membershipLines, *members, *prior);
    }
    if (!problems.isEmpty()) {
        if (lineErrors)
            *lineErrors = problems;
        return fail(error,
                    tr("%1 membership line(s) cannot be confirmed; the order stays unconfirmed.").arg(problems.size()));
    }
    // The payment step's tender against what the order owes as priced here (a benefit may have changed a price since
    // the step showed it): anything else refuses the confirmation, nothing written.
    if (tender) {
        const QString why = core::Tender::check(*tender, order.totalsByPayType());
        if (!why.isEmpty())
            return fail(error, tr("Not confirmed: %1").arg(why));
    }
    order.internalStatus = QStringLiteral("complete");
    // Authenticated at the order: a walk-up order takes the member's patron record (staff can change it later).
    if (order.patronId.isEmpty() && !firstMember.isEmpty()) {
        QSqlQuery member(m_db);
        QString patronId;
        if (!readRows(
                member,
                QStringLiteral("SELECT coalesce(patron_id, '') FROM membership WHERE membership_number = ? AND "
                               "deleted_at IS NULL"),
                {firstMember}, tr("the member's patron record"),
                [&](const QSqlQuery& row) { patronId = row.value(0).toString(); }, &readError))
            return refuse(readError);
        order.patronId = patronId;
    }
    bool ok = writeOrder(order, before.internalStatus, actorId, error);
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    if (ok) {
        q.prepare(QStringLiteral("UPDATE \"order\" SET confirmed_at = ? WHERE id = ?"));
        ok = runBound(q, {now, order.id}, error);
    }
    // The money taken at the window, one payment row per pay type: as the payment step took it (tendered, change,
    // the terminal's reference or the check's number), or the amount alone without a step.
    if (tender) {
        for (const core::Tender::Payment& payment : *tender)
            ok = ok && insertPayment(q, order.id, payment, actorId, now, error);
    } else {
        const QMap<QString, qint64> totals = order.totalsByPayType();
        for (auto it = totals.cbegin(); ok && it != totals.cend(); ++it) {
            if (it.value() <= 0)
                continue;
            ok = insertPayment(q, order.id, it.key(), it.value(), actorId, now, error);
        }
    }
    int membershipSeats = 0;
    for (const core::OrderLineDraft& line : std::as_const(order.lines)) {
        if (!ok || !core::PayType::isMembership(line.payType))
            continue;
        ++membershipSeats;
        q.prepare(
            QStringLiteral("INSERT OR REPLACE INTO membership_seat_use (id, membership_id, order_line_id, show_id, "
                           "created_at) SELECT ?, id, ?, ?, ? FROM membership WHERE membership_number = ? AND "
                           "deleted_at IS NULL"));
        for (const QString& v :
             {core::UuidV7::generateText(), line.id, line.showId, now, line.membershipNumber.trimmed()})
            q.addBindValue(v);
        ok = (q.exec() && q.numRowsAffected() == 1) ||
             fail(error, tr("Cannot record the credit for membership %1.").arg(line.membershipNumber));
    }
    ok = ok && recordOrderChange(order,
                                 QStringLiteral("Order %1 confirmed: %2 seat(s), %3 on membership credits, total %4")
                                     .arg(order.confirmationNumber)
                                     .arg(order.lines.size())
                                     .arg(membershipSeats)
                                     .arg(core::MoneyFormat::amount(order.totalMinor())),
                                 {{QStringLiteral("confirmed_at"), now}}, actorId, error);
    return ok;
}

std::optional<QStringList> OrderRepository::heldBenefitLevels(const QString& patronId, const QDate& on, QString* error)
{
    return m_benefits.heldBenefitLevels(patronId, on, error);
}

std::optional<int> OrderRepository::applyBenefits(core::OrderDraft& order, const QDateTime& now, QString* error)
{
    return m_benefits.applyBenefits(order, now, error);
}

bool OrderRepository::recordOrderChange(const core::OrderDraft& order, const QString& summary, QVariantMap payload,
                                        const QString& actorId, QString* error)
{
    ChangeLog::Change change;
    change.entity = QStringLiteral("order");
    change.entityId = order.id;
    change.patronId = order.patronId;
    change.historyKind = QStringLiteral("box_office_sale");
    change.summary = summary;
    change.actorId = actorId;
    payload.insert(QStringLiteral("id"), order.id);
    payload.insert(QStringLiteral("confirmation_number"), order.confirmationNumber);
    payload.insert(QStringLiteral("status"), order.internalStatus);
    payload.insert(QStringLiteral("lines"), int(order.lines.size()));
    payload.insert(QStringLiteral("total_minor"), order.totalMinor());
    change.payload = payload;
    return ChangeLog(m_db).record(change, error);
}

std::optional<QHash<QString, core::MemberRecord>> OrderRepository::memberRecords(const QStringList& membershipNumbers,
                                                                                 QString* error)
{
    return m_members.memberRecords(membershipNumbers, error);
}

std::optional<QList<core::PriorCreditUse>>
OrderRepository::priorCreditUse(const QStringList& membershipNumbers, const QString& excludingOrderId, QString* error)
{
    return m_members.priorCreditUse(membershipNumbers, excludingOrderId, error);
}

} // namespace foyer::storage
