#include "ReportRepository.h"

#include "Patron.h"
#include "Transaction.h"

#include <QSqlQuery>

namespace foyer::storage {

namespace {

// The local day's bounds, in UTC as stored.
QVariantList dayBounds(const QDate& day)
{
    return {isoUtc(QDateTime(day, QTime(0, 0)).toUTC()), isoUtc(QDateTime(day.addDays(1), QTime(0, 0)).toUTC())};
}

QString patronName(const QSqlQuery& q, int first)
{
    if (q.value(first).isNull())
        return {};
    core::Patron patron;
    patron.firstName = q.value(first).toString();
    patron.lastName = q.value(first + 1).toString();
    patron.preferredName = q.value(first + 2).toString();
    patron.organisation = q.value(first + 3).toString();
    return patron.displayName();
}

} // namespace

ReportRepository::ReportRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<ReportRepository::DonationRow> ReportRepository::donations(const QDate& from, const QDate& to)
{
    QList<DonationRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT coalesce(d.received_at, d.created_at), p.patron_number, p.first_name, p.last_name, p.preferred_name, "
        "p.organisation, coalesce(f.name, ''), d.status, d.probability_percent, d.amount_minor, "
        "d.recurring_donation_id IS NOT NULL FROM donation d JOIN patron p ON p.id = d.patron_id LEFT JOIN fund f ON "
        "f.id = d.fund_id WHERE d.deleted_at IS NULL AND coalesce(d.received_at, d.created_at) >= ? AND "
        "coalesce(d.received_at, d.created_at) < ? ORDER BY 1"));
    // The local days' bounds, in UTC as stored.
    q.addBindValue(isoUtc(QDateTime(from, QTime(0, 0)).toUTC()));
    q.addBindValue(isoUtc(QDateTime(to.addDays(1), QTime(0, 0)).toUTC()));
    if (!q.exec())
        return out;
    while (q.next()) {
        DonationRow row;
        row.at = utcFrom(q.value(0));
        row.patronNumber = q.value(1).toLongLong();
        core::Patron patron;
        patron.firstName = q.value(2).toString();
        patron.lastName = q.value(3).toString();
        patron.preferredName = q.value(4).toString();
        patron.organisation = q.value(5).toString();
        row.patronName = patron.displayName();
        row.fund = q.value(6).toString();
        row.status = q.value(7).toString();
        row.probabilityPercent = q.value(8).isNull() ? -1 : q.value(8).toInt();
        row.amountMinor = q.value(9).toLongLong();
        row.recurring = q.value(10).toInt() != 0;
        out.append(row);
    }
    return out;
}

QList<ReportRepository::ContactRow> ReportRepository::contactActivity(const QDate& from, const QDate& to)
{
    QList<ContactRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT c.occurred_at, coalesce(s.display_name, ''), c.kind, c.direction, "
                       "coalesce(c.outcome, ''), c.subject, p.first_name, p.last_name, p.preferred_name, "
                       "p.organisation FROM contact_log c JOIN patron p ON p.id = c.patron_id LEFT JOIN staff_user "
                       "s ON s.id = c.staff_id WHERE c.deleted_at IS NULL AND c.occurred_at >= ? AND "
                       "c.occurred_at < ? ORDER BY c.occurred_at"));
    q.addBindValue(isoUtc(QDateTime(from, QTime(0, 0)).toUTC()));
    q.addBindValue(isoUtc(QDateTime(to.addDays(1), QTime(0, 0)).toUTC()));
    if (!q.exec())
        return out;
    while (q.next()) {
        core::Patron patron;
        patron.firstName = q.value(6).toString();
        patron.lastName = q.value(7).toString();
        patron.preferredName = q.value(8).toString();
        patron.organisation = q.value(9).toString();
        out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString(), q.value(5).toString(), patron.displayName()});
    }
    return out;
}

QList<ReportRepository::RecurringRow> ReportRepository::recurringDonations()
{
    QList<RecurringRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT p.first_name, p.last_name, p.preferred_name, p.organisation, r.amount_minor, "
                               "r.frequency, r.status, coalesce(r.cancel_reason, '') FROM recurring_donation r JOIN "
                               "patron p ON p.id = r.patron_id WHERE r.deleted_at IS NULL ORDER BY r.status, "
                               "p.last_name")))
        return out;
    while (q.next()) {
        core::Patron patron;
        patron.firstName = q.value(0).toString();
        patron.lastName = q.value(1).toString();
        patron.preferredName = q.value(2).toString();
        patron.organisation = q.value(3).toString();
        out.append({patron.displayName(), q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString(),
                    q.value(7).toString()});
    }
    return out;
}

QList<ReportRepository::PaymentRow> ReportRepository::payments(const QDate& day, const QString& workstation)
{
    QList<PaymentRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT p.created_at, o.confirmation_number, coalesce(p.workstation, ''), coalesce(s.display_name, ''), "
        "p.pay_type, p.amount_minor FROM payment p JOIN \"order\" o ON o.id = p.order_id LEFT JOIN staff_user s ON "
        "s.id = p.staff_id WHERE p.deleted_at IS NULL AND p.created_at >= ? AND p.created_at < ? AND (? = '' OR "
        "p.workstation = ?) ORDER BY p.created_at"));
    if (!runBound(q, dayBounds(day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, nullptr))
        return out;
    while (q.next())
        out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString(), q.value(5).toLongLong()});
    return out;
}

QList<ReportRepository::SoldOrderRow> ReportRepository::ordersConfirmed(const QDate& day, const QString& workstation)
{
    QList<SoldOrderRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Lines made at confirmation (an exchange adds its line later), so the order reads as it was sold.
    q.prepare(QStringLiteral(
        "SELECT o.confirmed_at, o.confirmation_number, p.first_name, p.last_name, p.preferred_name, p.organisation, "
        "coalesce(s.display_name, ''), (SELECT count(*) FROM order_line l WHERE l.order_id = o.id AND l.deleted_at IS "
        "NULL AND l.seat_id IS NOT NULL AND l.created_at <= o.confirmed_at), (SELECT count(*) FROM order_line l WHERE "
        "l.order_id = o.id AND l.deleted_at IS NULL AND l.pay_type = 'membership' AND l.created_at <= "
        "o.confirmed_at), (SELECT coalesce(sum(l.price_minor), 0) FROM order_line l WHERE l.order_id = o.id AND "
        "l.deleted_at IS NULL AND l.created_at <= o.confirmed_at), o.internal_status FROM \"order\" o LEFT JOIN "
        "patron p ON p.id = o.patron_id LEFT JOIN staff_user s ON s.id = o.staff_id WHERE o.deleted_at IS NULL AND "
        "o.confirmed_at >= ? AND o.confirmed_at < ? AND (? = '' OR o.confirmation_number LIKE ? || '-%') ORDER BY "
        "o.confirmed_at"));
    if (!runBound(q, dayBounds(day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, nullptr))
        return out;
    while (q.next())
        out.append({utcFrom(q.value(0)), q.value(1).toString(), patronName(q, 2), q.value(6).toString(),
                    q.value(7).toInt(), q.value(8).toInt(), q.value(9).toLongLong(), q.value(10).toString()});
    return out;
}

QList<ReportRepository::OrderEventRow> ReportRepository::orderEvents(const QDate& day, const QString& workstation)
{
    QList<OrderEventRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT e.occurred_at, e.kind, o.confirmation_number, coalesce(st.section || ' ' || st.row_label || "
        "st.seat_number, "
        "''), e.amount_minor, e.reason, coalesce(s.display_name, '') FROM order_event e JOIN \"order\" o ON o.id = "
        "e.order_id LEFT JOIN order_line l ON l.id = e.order_line_id LEFT JOIN seat st ON st.id = l.seat_id LEFT JOIN "
        "staff_user s ON s.id = e.staff_id WHERE e.occurred_at >= ? AND e.occurred_at < ? AND (? = '' OR "
        "e.workstation = ?) ORDER BY e.occurred_at"));
    if (!runBound(q, dayBounds(day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, nullptr))
        return out;
    while (q.next())
        out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString()});
    return out;
}

QStringList ReportRepository::workstations()
{
    QStringList out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT workstation FROM payment WHERE workstation IS NOT NULL UNION SELECT workstation "
                              "FROM cash_count WHERE deleted_at IS NULL ORDER BY 1")))
        while (q.next())
            out.append(q.value(0).toString());
    return out;
}

} // namespace foyer::storage
