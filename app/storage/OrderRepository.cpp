#include "OrderRepository.h"

#include "BenefitRules.h"
#include "ChangeLog.h"
#include "Clock.h"
#include "ConfirmationNumber.h"
#include "MoneyFormat.h"
#include "PayType.h"
#include "PaymentWriter.h"
#include "SqlBinding.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

// The membership numbers an order names, each once.
QStringList distinctNumbers(QStringList numbers)
{
    numbers.removeAll(QString());
    numbers.removeDuplicates();
    return numbers;
}

// "?, ?, ?" for a list of n values.
QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

} // namespace

OrderRepository::OrderRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString OrderRepository::workstationPrefix()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'workstation_prefix'")) && q.next())
        return q.value(0).toString();
    q.finish();
    // Random like the database's own id: 24 bits make two workstations of one venue sharing a prefix unlikely; the
    // server registers prefixes once it exists.
    const QString prefix = core::ConfirmationNumber::prefixFromDatabaseId(
        QString::number(0x100000 + QRandomGenerator::system()->bounded(0xF00000), 16));
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO workstation_setting (name, value) VALUES ('workstation_prefix', ?)"));
    q.addBindValue(prefix);
    q.exec();
    return prefix;
}

QString OrderRepository::nextConfirmationNumber(QString* error)
{
    const QString prefix = workstationPrefix();
    QSqlQuery q(m_db);
    qint64 counter = 0;
    if (q.exec(QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'confirmation_counter'")) && q.next())
        counter = q.value(0).toLongLong();
    q.finish();
    ++counter;
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES ('confirmation_counter', "
                             "?)"));
    q.addBindValue(QString::number(counter));
    if (!q.exec()) {
        fail(error, q.lastError().text());
        return {};
    }
    return core::ConfirmationNumber::format(prefix, counter);
}

std::optional<core::OrderDraft> OrderRepository::load(const QString& orderId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, confirmation_number, coalesce(patron_id, ''), channel, internal_status FROM "
                             "\"order\" WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(orderId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    core::OrderDraft order;
    order.id = q.value(0).toString();
    order.confirmationNumber = q.value(1).toString();
    order.patronId = q.value(2).toString();
    order.channel = q.value(3).toString();
    order.internalStatus = q.value(4).toString();
    q.finish();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT l.id, l.performance_id, p.show_id, s.title, p.starts_at, l.seat_id, coalesce(st.section || ' ' || "
        "st.row_label || st.seat_number, ''), coalesce(l.price_type_id, ''), coalesce(pt.name, l.description, ''), "
        "coalesce(pt.price_minor, l.price_minor), l.pay_type, coalesce(l.membership_number, ''), "
        "coalesce(st.section, ''), coalesce(l.discount_id, ''), l.price_minor FROM order_line l "
        "LEFT JOIN performance p ON p.id = l.performance_id LEFT JOIN show s ON s.id = p.show_id LEFT JOIN seat st ON "
        "st.id = l.seat_id LEFT JOIN price_type pt ON pt.id = l.price_type_id WHERE l.order_id = ? AND l.deleted_at "
        "IS NULL AND l.status = 'active' ORDER BY l.created_at, l.id"));
    q.addBindValue(orderId);
    if (q.exec())
        while (q.next()) {
            core::OrderLineDraft line;
            line.id = q.value(0).toString();
            line.performanceId = q.value(1).toString();
            line.showId = q.value(2).toString();
            line.showTitle = q.value(3).toString();
            line.performanceAt = utcFrom(q.value(4));
            line.seatId = q.value(5).toString();
            line.seatLabel = q.value(6).toString();
            line.priceTypeId = q.value(7).toString();
            line.priceTypeName = q.value(8).toString();
            line.listPriceMinor = q.value(9).toLongLong();
            line.payType = q.value(10).toString();
            line.membershipNumber = q.value(11).toString();
            line.section = q.value(12).toString();
            line.discountId = q.value(13).toString();
            line.discountedPriceMinor = q.value(14).toLongLong();
            order.lines.append(line);
        }
    return order;
}

bool OrderRepository::writeOrder(core::OrderDraft& order, const QString& actorId, QString* error)
{
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
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
        q.prepare(QStringLiteral("UPDATE \"order\" SET patron_id = ?, channel = ?, internal_status = ?, updated_at = ? "
                                 "WHERE id = ?"));
        for (const QVariant& v : {textOrNull(order.patronId), QVariant(order.channel), QVariant(order.internalStatus),
                                  QVariant(now), QVariant(order.id)})
            q.addBindValue(v);
    }
    if (!q.exec())
        return fail(error, q.lastError().text());

    // Lines: drop those no longer in the draft, then add or update the rest.
    QSet<QString> keep;
    for (core::OrderLineDraft& line : order.lines) {
        if (line.id.isEmpty())
            line.id = core::UuidV7::generateText();
        keep.insert(line.id);
    }
    QSet<QString> stored;
    q.prepare(QStringLiteral("SELECT id FROM order_line WHERE order_id = ? AND deleted_at IS NULL"));
    q.addBindValue(order.id);
    if (q.exec())
        while (q.next())
            stored.insert(q.value(0).toString());
    q.finish();
    for (const QString& id : std::as_const(stored)) {
        if (keep.contains(id))
            continue;
        q.prepare(QStringLiteral("UPDATE order_line SET deleted_at = ?, updated_at = ? WHERE id = ?"));
        for (const QString& v : {now, now, id})
            q.addBindValue(v);
        if (!q.exec())
            return fail(error, q.lastError().text());
    }
    QSqlQuery taken(m_db);
    taken.prepare(QStringLiteral("SELECT o.confirmation_number FROM order_line l JOIN \"order\" o ON o.id = l.order_id "
                                 "WHERE l.performance_id = ? AND l.seat_id = ? AND l.status = 'active' AND "
                                 "l.deleted_at IS NULL AND l.order_id <> ?"));
    QSet<QString> seatsInThisOrder;
    for (const core::OrderLineDraft& line : std::as_const(order.lines)) {
        if (!line.seatId.isEmpty()) {
            const QString key = line.performanceId + u'/' + line.seatId;
            if (seatsInThisOrder.contains(key))
                return fail(error, QStringLiteral("Seat %1 is in this order twice.").arg(line.seatLabel));
            seatsInThisOrder.insert(key);
            taken.addBindValue(line.performanceId);
            taken.addBindValue(line.seatId);
            taken.addBindValue(order.id);
            if (taken.exec() && taken.next())
                return fail(error, QStringLiteral("Seat %1 is already sold or held for this performance (order %2).")
                                       .arg(line.seatLabel, taken.value(0).toString()));
            taken.finish();
        }
        if (stored.contains(line.id)) {
            q.prepare(QStringLiteral("UPDATE order_line SET performance_id = ?, seat_id = ?, price_type_id = ?, "
                                     "description = ?, price_minor = ?, pay_type = ?, membership_number = ?, "
                                     "discount_id = ?, updated_at = ? WHERE id = ?"));
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
        if (!stored.contains(line.id)) {
            q.addBindValue(order.id);
            q.addBindValue(now);
        }
        if (!q.exec())
            return fail(error,
                        q.lastError().text().contains(QLatin1String("UNIQUE"))
                            ? QStringLiteral("Seat %1 was just taken on another workstation.").arg(line.seatLabel)
                            : q.lastError().text());
    }
    return true;
}

bool OrderRepository::save(core::OrderDraft& order, const QString& actorId, QString* error)
{
    const core::OrderDraft before = order;
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    bool ok = writeOrder(order, actorId, error);
    ok = ok && recordOrderChange(order,
                                 QStringLiteral("Order %1 saved: %2 seat(s), total %3 (not yet confirmed)")
                                     .arg(order.confirmationNumber)
                                     .arg(order.lines.size())
                                     .arg(core::MoneyFormat::amount(order.totalMinor())),
                                 {}, actorId, error);
    if (!txn.finish(ok)) {
        order = before; // the ids and number handed out are not real until committed
        return false;
    }
    return true;
}

bool OrderRepository::confirm(core::OrderDraft& order, const QString& actorId,
                              QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                              const core::MembershipCreditRule::PasswordCheck& checkPassword)
{
    if (lineErrors)
        lineErrors->clear();
    if (order.lines.isEmpty())
        return fail(error, QStringLiteral("The order has no seats."));
    const core::OrderDraft before = order;
    // The check runs inside the write transaction (BEGIN IMMEDIATE): no other order can take the same credits
    // between the check and the record.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QList<core::MembershipCreditRule::LineError> saleErrors;
    if (applyBenefits(order, QDateTime::currentDateTimeUtc()) > 0) {
        for (int row = 0; row < order.lines.size(); ++row)
            if (!order.lines.at(row).saleProblem.isEmpty())
                saleErrors.append({row, order.lines.at(row).saleProblem});
        if (lineErrors)
            *lineErrors = saleErrors;
        return fail(error, QStringLiteral("%1 seat(s) cannot be sold to this patron now.").arg(saleErrors.size()));
    }
    const QList<core::MembershipSeatLine> membershipLines = order.membershipLines();
    QStringList numbers;
    for (const auto& line : membershipLines)
        numbers.append(line.membershipNumber.trimmed());
    const QHash<QString, core::MemberRecord> members = memberRecords(numbers);
    QList<core::MembershipCreditRule::LineError> problems;
    QString firstMember;
    if (checkPassword)
        problems = core::MembershipCreditRule::authenticate(membershipLines, members, checkPassword, &firstMember);
    if (problems.isEmpty())
        problems = core::MembershipCreditRule::validate(membershipLines, members, priorCreditUse(numbers, order.id));
    if (!problems.isEmpty()) {
        if (lineErrors)
            *lineErrors = problems;
        return fail(error, QStringLiteral("%1 membership line(s) cannot be confirmed; the order stays unconfirmed.")
                               .arg(problems.size()));
    }
    order.internalStatus = QStringLiteral("complete");
    // Authenticated at the order: a walk-up order takes the member's patron record (staff can change it later).
    if (order.patronId.isEmpty() && !firstMember.isEmpty()) {
        QSqlQuery member(m_db);
        member.prepare(QStringLiteral("SELECT patron_id FROM membership WHERE membership_number = ?"));
        member.addBindValue(firstMember);
        if (member.exec() && member.next())
            order.patronId = member.value(0).toString();
    }
    bool ok = writeOrder(order, actorId, error);
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    QSqlQuery q(m_db);
    if (ok) {
        q.prepare(QStringLiteral("UPDATE \"order\" SET confirmed_at = ? WHERE id = ?"));
        q.addBindValue(now);
        q.addBindValue(order.id);
        ok = q.exec() || fail(error, q.lastError().text());
    }
    // The money taken at the window, one payment row per pay type (a card's token stays with the terminal).
    const QMap<QString, qint64> totals = order.totalsByPayType();
    for (auto it = totals.cbegin(); ok && it != totals.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        ok = insertPayment(q, order.id, it.key(), it.value(), actorId, now, error);
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
             fail(error, QStringLiteral("Cannot record the credit for membership %1.").arg(line.membershipNumber));
    }
    ok = ok && recordOrderChange(order,
                                 QStringLiteral("Order %1 confirmed: %2 seat(s), %3 on membership credits, total %4")
                                     .arg(order.confirmationNumber)
                                     .arg(order.lines.size())
                                     .arg(membershipSeats)
                                     .arg(core::MoneyFormat::amount(order.totalMinor())),
                                 {{QStringLiteral("confirmed_at"), now}}, actorId, error);
    if (!txn.finish(ok)) {
        order = before;
        return false;
    }
    return true;
}

QStringList OrderRepository::heldBenefitLevels(const QString& patronId, const QDate& on)
{
    QStringList out;
    if (patronId.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT DISTINCT benefit_level_id FROM membership WHERE patron_id = ? AND deleted_at IS NULL "
                       "AND renewed_by_id IS NULL AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= "
                       "?)"));
    const QString day = on.toString(Qt::ISODate);
    for (const QString& v : {patronId, day, day})
        q.addBindValue(v);
    if (q.exec())
        while (q.next())
            out.append(q.value(0).toString());
    return out;
}

int OrderRepository::applyBenefits(core::OrderDraft& order, const QDateTime& now)
{
    const QStringList held = heldBenefitLevels(order.patronId, core::Clock::venueDate(now));
    QList<core::Discount> discounts;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id, code, kind, coalesce(benefit_level_id, ''), coalesce(percent_off, 0), "
                              "coalesce(uses_per_member, 0), coalesce(season, '') FROM discount_code WHERE deleted_at "
                              "IS NULL")))
        while (q.next())
            discounts.append({q.value(0).toString(), q.value(1).toString(),
                              q.value(2).toString() == QLatin1String("automatic"), q.value(3).toString(),
                              q.value(4).toInt(), q.value(5).toInt(), q.value(6).toString()});
    QList<core::DiscountUse> uses;
    if (!order.patronId.isEmpty()) {
        q.prepare(
            QStringLiteral("SELECT l.discount_id, o.internal_status, l.status FROM order_line l JOIN \"order\" o "
                           "ON o.id = l.order_id WHERE o.patron_id = ? AND o.id IS NOT ? AND l.discount_id IS NOT "
                           "NULL AND l.deleted_at IS NULL"));
        q.addBindValue(order.patronId);
        q.addBindValue(order.id.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(order.id));
        if (q.exec())
            while (q.next())
                uses.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    }
    // Sale windows and member areas, per performance and section.
    QHash<QString, std::pair<QDateTime, QList<core::PresaleWindow>>> sale;
    QHash<QString, QStringList> areaLevels; // performance + section -> levels
    QSqlQuery windows(m_db);
    windows.prepare(
        QStringLiteral("SELECT p.public_sale_at, w.benefit_level_id, w.starts_at, w.ends_at FROM performance "
                       "p LEFT JOIN presale_window w ON w.performance_id = p.id AND w.deleted_at IS NULL "
                       "WHERE p.id = ?"));
    QSqlQuery areas(m_db);
    areas.prepare(QStringLiteral("SELECT a.section, a.benefit_level_id FROM member_area a JOIN performance p ON "
                                 "p.hall_id = a.hall_id WHERE p.id = ? AND a.deleted_at IS NULL"));
    int refused = 0;
    QList<core::BenefitLine> priced;
    for (int row = 0; row < order.lines.size(); ++row) {
        core::OrderLineDraft& line = order.lines[row];
        if (!sale.contains(line.performanceId)) {
            std::pair<QDateTime, QList<core::PresaleWindow>> entry;
            windows.addBindValue(line.performanceId);
            if (windows.exec())
                while (windows.next()) {
                    entry.first = utcFrom(windows.value(0));
                    if (!windows.value(1).isNull())
                        entry.second.append(
                            {windows.value(1).toString(), utcFrom(windows.value(2)), utcFrom(windows.value(3))});
                }
            windows.finish();
            sale.insert(line.performanceId, entry);
            areas.addBindValue(line.performanceId);
            if (areas.exec())
                while (areas.next())
                    areaLevels[line.performanceId + u'/' + areas.value(0).toString()].append(areas.value(1).toString());
            areas.finish();
        }
        const auto& entry = sale[line.performanceId];
        line.saleProblem = core::BenefitRules::saleProblem(
            now, entry.first, entry.second, areaLevels.value(line.performanceId + u'/' + line.section), held);
        if (!line.saleProblem.isEmpty())
            ++refused;
        priced.append({row, line.listPriceMinor, line.payType});
    }
    for (const core::BenefitRules::Applied& applied :
         core::BenefitRules::applyDiscounts(priced, held, discounts, uses)) {
        core::OrderLineDraft& line = order.lines[applied.row];
        line.discountId = applied.discountId;
        line.discountedPriceMinor = applied.priceMinor;
        line.discountCode.clear();
        for (const core::Discount& d : std::as_const(discounts))
            if (d.id == applied.discountId)
                line.discountCode = d.code;
    }
    return refused;
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

QHash<QString, core::MemberRecord> OrderRepository::memberRecords(const QStringList& membershipNumbers)
{
    QHash<QString, core::MemberRecord> out;
    const QStringList numbers = distinctNumbers(membershipNumbers);
    if (numbers.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT m.id, m.membership_number, coalesce(m.member_email, ''), "
                             "coalesce(m.password_hash, ''), m.valid_from, m.valid_until, m.renewed_by_id IS NOT NULL, "
                             "m.benefit_level_id FROM membership m WHERE m.deleted_at IS NULL AND m.membership_number "
                             "IN (%1)")
                  .arg(placeholders(numbers.size())));
    for (const QString& n : std::as_const(numbers))
        q.addBindValue(n);
    QHash<QString, QString> numberById;
    QHash<QString, QString> levelByNumber;
    if (q.exec())
        while (q.next()) {
            core::MemberRecord m;
            m.membershipNumber = q.value(1).toString();
            m.email = q.value(2).toString();
            m.passwordHash = q.value(3).toString();
            m.validFrom = QDate::fromString(q.value(4).toString().left(10), Qt::ISODate);
            m.validUntil = QDate::fromString(q.value(5).toString().left(10), Qt::ISODate);
            m.renewed = q.value(6).toInt() != 0;
            out.insert(m.membershipNumber, m);
            numberById.insert(q.value(0).toString(), m.membershipNumber);
            levelByNumber.insert(m.membershipNumber, q.value(7).toString());
        }
    q.finish();
    QSqlQuery shows(m_db);
    shows.prepare(QStringLiteral("SELECT show_id FROM benefit_level_show WHERE benefit_level_id = ?"));
    for (auto it = levelByNumber.cbegin(); it != levelByNumber.cend(); ++it) {
        shows.addBindValue(it.value());
        if (shows.exec())
            while (shows.next())
                out[it.key()].coveredShowIds.append(shows.value(0).toString());
        shows.finish();
    }
    QSqlQuery credits(m_db);
    credits.prepare(
        QStringLiteral("SELECT show_id, seats FROM membership_credit WHERE membership_id = ? AND deleted_at "
                       "IS NULL"));
    for (auto it = numberById.cbegin(); it != numberById.cend(); ++it) {
        credits.addBindValue(it.key());
        if (credits.exec())
            while (credits.next()) {
                core::MemberRecord& m = out[it.value()];
                if (credits.value(0).isNull())
                    m.seasonCredits = std::max(0, m.seasonCredits) + credits.value(1).toInt();
                else
                    m.creditsPerShow[credits.value(0).toString()] += credits.value(1).toInt();
            }
        credits.finish();
    }
    return out;
}

QList<core::PriorCreditUse> OrderRepository::priorCreditUse(const QStringList& membershipNumbers,
                                                            const QString& excludingOrderId)
{
    QList<core::PriorCreditUse> out;
    const QStringList numbers = distinctNumbers(membershipNumbers);
    if (numbers.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT m.membership_number, u.show_id, o.internal_status, l.status FROM "
                             "membership_seat_use u JOIN membership m ON m.id = u.membership_id JOIN order_line l ON "
                             "l.id = u.order_line_id JOIN \"order\" o ON o.id = l.order_id WHERE u.deleted_at IS NULL "
                             "AND l.deleted_at IS NULL AND o.id IS NOT ? AND m.membership_number IN (%1)")
                  .arg(placeholders(numbers.size())));
    q.addBindValue(excludingOrderId);
    for (const QString& n : std::as_const(numbers))
        q.addBindValue(n);
    if (q.exec())
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return out;
}

} // namespace foyer::storage
