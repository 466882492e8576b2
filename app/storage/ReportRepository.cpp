#include "ReportRepository.h"

#include "Patron.h"
#include "Transaction.h"

#include <QSqlQuery>

namespace foyer::storage {

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

} // namespace foyer::storage
