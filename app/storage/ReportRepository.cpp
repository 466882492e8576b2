#include "ReportRepository.h"

#include "Clock.h"
#include "Patron.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StoredTime.h"
#include "Tender.h"
#include "WorkstationSql.h"

#include <QSqlQuery>

namespace foyer::storage {

namespace {

// The venue days' bounds, [first's midnight, the midnight after last), in UTC as stored: the venue's zone decides
// them, never the workstation's, and a day across a daylight-saving change is 23 or 25 hours long.
QVariantList venueDays(const QDate& first, const QDate& last)
{
    return {isoUtc(core::Clock::startOfVenueDayUtc(first)), isoUtc(core::Clock::endOfVenueDayUtc(last))};
}

// What staff call the patron, from four columns in order: first, last, preferred name, organisation. Empty when
// the row has no patron (a walk-up order).
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

QList<ReportRepository::DonationRow> ReportRepository::donations(const QDate& from, const QDate& to, QString* error)
{
    QList<DonationRow> out;
    const QVariantList days = venueDays(from, to);
    const bool read = readRows(
        m_db,
        QStringLiteral(
            "SELECT coalesce(d.received_at, d.created_at), p.patron_number, p.first_name, p.last_name, "
            "p.preferred_name, "
            "p.organisation, coalesce(f.name, ''), d.status, d.probability_percent, d.amount_minor, "
            "d.recurring_donation_id IS NOT NULL, firsts.first_at >= ? FROM donation d JOIN patron p ON p.id = "
            "d.patron_id JOIN (SELECT patron_id, min(coalesce(received_at, created_at)) AS first_at FROM donation "
            "WHERE "
            "deleted_at IS NULL GROUP BY patron_id) firsts ON firsts.patron_id = d.patron_id LEFT JOIN fund f ON "
            "f.id = d.fund_id WHERE d.deleted_at IS NULL AND coalesce(d.received_at, d.created_at) >= ? AND "
            "coalesce(d.received_at, d.created_at) < ? ORDER BY 1"),
        {days.at(0), days.at(0), days.at(1)}, error, [&out](const QSqlQuery& q) {
            DonationRow row;
            row.at = utcFrom(q.value(0));
            row.patronNumber = q.value(1).toLongLong();
            row.patronName = patronName(q, 2);
            row.fund = q.value(6).toString();
            row.status = q.value(7).toString();
            row.probabilityPercent = q.value(8).isNull() ? -1 : q.value(8).toInt();
            row.amountMinor = q.value(9).toLongLong();
            row.recurring = q.value(10).toInt() != 0;
            row.firstTimeDonor = q.value(11).toInt() != 0;
            out.append(row);
        });
    return read ? out : QList<DonationRow>();
}

QList<ReportRepository::ContactRow> ReportRepository::contactActivity(const QDate& from, const QDate& to,
                                                                      QString* error)
{
    QList<ContactRow> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT c.occurred_at, coalesce(s.display_name, ''), c.kind, c.direction, "
                       "coalesce(c.outcome, ''), c.subject, p.first_name, p.last_name, p.preferred_name, "
                       "p.organisation FROM contact_log c JOIN patron p ON p.id = c.patron_id LEFT JOIN staff_user "
                       "s ON s.id = c.staff_id WHERE c.deleted_at IS NULL AND c.occurred_at >= ? AND "
                       "c.occurred_at < ? ORDER BY c.occurred_at"),
        venueDays(from, to), error, [&out](const QSqlQuery& q) {
            out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toString(), q.value(5).toString(), patronName(q, 6)});
        });
    return read ? out : QList<ContactRow>();
}

QList<ReportRepository::RecurringRow> ReportRepository::recurringDonations(QString* error)
{
    QList<RecurringRow> out;
    const bool read =
        readRows(m_db,
                 QStringLiteral("SELECT p.first_name, p.last_name, p.preferred_name, p.organisation, r.amount_minor, "
                                "r.frequency, r.status, coalesce(r.cancel_reason, '') FROM recurring_donation r JOIN "
                                "patron p ON p.id = r.patron_id WHERE r.deleted_at IS NULL ORDER BY r.status, "
                                "p.last_name"),
                 {}, error, [&out](const QSqlQuery& q) {
                     out.append({patronName(q, 0), q.value(4).toLongLong(), q.value(5).toString(),
                                 q.value(6).toString(), q.value(7).toString()});
                 });
    return read ? out : QList<RecurringRow>();
}

QList<ReportRepository::PaymentRow> ReportRepository::payments(const QDate& day, const QString& workstation,
                                                               QString* error)
{
    QList<PaymentRow> out;
    const bool read =
        readRows(m_db,
                 QStringLiteral("SELECT p.created_at, o.confirmation_number, coalesce(p.workstation, ''), "
                                "coalesce(s.display_name, ''), "
                                "p.pay_type, p.amount_minor, p.tendered_minor, p.change_minor FROM payment p JOIN "
                                "\"order\" o ON o.id = p.order_id "
                                "LEFT JOIN staff_user s ON "
                                "s.id = p.staff_id WHERE p.deleted_at IS NULL AND p.created_at >= ? AND "
                                "p.created_at < ? AND (? = '' OR "
                                "p.workstation = ?) ORDER BY p.created_at"),
                 venueDays(day, day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, error,
                 [&out](const QSqlQuery& q) {
                     out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                                 q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong(),
                                 q.isNull(6) ? QVariant() : q.value(6), q.isNull(7) ? QVariant() : q.value(7)});
                 });
    return read ? out : QList<PaymentRow>();
}

QList<ReportRepository::SoldOrderRow> ReportRepository::ordersConfirmed(const QDate& day, const QString& workstation,
                                                                        QString* error)
{
    QList<SoldOrderRow> out;
    // Lines made at confirmation (an exchange adds its line later), so the order reads as it was sold.
    const bool read = readRows(
        m_db,
        QStringLiteral(
            "SELECT o.confirmed_at, o.confirmation_number, p.first_name, p.last_name, p.preferred_name, "
            "p.organisation, "
            "coalesce(s.display_name, ''), (SELECT count(*) FROM order_line l WHERE l.order_id = o.id AND "
            "l.deleted_at IS "
            "NULL AND l.seat_id IS NOT NULL AND l.created_at <= o.confirmed_at), (SELECT count(*) FROM order_line "
            "l WHERE "
            "l.order_id = o.id AND l.deleted_at IS NULL AND l.pay_type = 'membership' AND l.created_at <= "
            "o.confirmed_at), (SELECT coalesce(sum(l.price_minor), 0) FROM order_line l WHERE l.order_id = o.id "
            "AND "
            "l.deleted_at IS NULL AND l.created_at <= o.confirmed_at), o.internal_status FROM \"order\" o LEFT "
            "JOIN "
            "patron p ON p.id = o.patron_id LEFT JOIN staff_user s ON s.id = o.staff_id WHERE o.deleted_at IS NULL "
            "AND "
            "o.confirmed_at >= ? AND o.confirmed_at < ? AND (? = '' OR o.confirmation_number LIKE ? || '-%') ORDER "
            "BY "
            "o.confirmed_at"),
        venueDays(day, day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, error,
        [&out](const QSqlQuery& q) {
            out.append({utcFrom(q.value(0)), q.value(1).toString(), patronName(q, 2), q.value(6).toString(),
                        q.value(7).toInt(), q.value(8).toInt(), q.value(9).toLongLong(), q.value(10).toString()});
        });
    return read ? out : QList<SoldOrderRow>();
}

QList<ReportRepository::OrderEventRow> ReportRepository::orderEvents(const QDate& day, const QString& workstation,
                                                                     QString* error)
{
    QList<OrderEventRow> out;
    const bool read = readRows(
        m_db,
        QStringLiteral(
            "SELECT e.occurred_at, e.kind, o.confirmation_number, coalesce(st.section || ' ' || st.row_label || "
            "st.seat_number, "
            "''), e.amount_minor, e.reason, coalesce(s.display_name, '') FROM order_event e JOIN \"order\" o ON "
            "o.id = "
            "e.order_id LEFT JOIN order_line l ON l.id = e.order_line_id LEFT JOIN seat st ON st.id = l.seat_id "
            "LEFT JOIN "
            "staff_user s ON s.id = e.staff_id WHERE e.occurred_at >= ? AND e.occurred_at < ? AND (? = '' OR "
            "e.workstation = ?) ORDER BY e.occurred_at"),
        venueDays(day, day) + QVariantList{anyWorkstation(workstation), anyWorkstation(workstation)}, error,
        [&out](const QSqlQuery& q) {
            out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString()});
        });
    return read ? out : QList<OrderEventRow>();
}

qint64 ReportRepository::PaymentRow::keptMinor() const
{
    return core::Tender::kept(amountMinor, tenderedMinor, changeMinor);
}

QStringList ReportRepository::workstations(QString* error)
{
    QStringList out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT workstation FROM payment WHERE workstation IS NOT NULL UNION SELECT workstation "
                       "FROM cash_count WHERE deleted_at IS NULL ORDER BY 1"),
        {}, error, [&out](const QSqlQuery& q) { out.append(q.value(0).toString()); });
    return read ? out : QStringList();
}

QList<ReportRepository::CreditUseRow> ReportRepository::creditUse(const QDate& from, const QDate& to, QString* error)
{
    QList<CreditUseRow> out;
    // Credits count as the order editor counts them: active membership lines; season credits cover every show of
    // their season.
    const bool read = readRows(
        m_db,
        QStringLiteral(
            "SELECT pf.starts_at, sh.title, m.membership_number, p.first_name, p.last_name, p.preferred_name, "
            "p.organisation, bl.name, m.valid_from, coalesce(m.valid_until, ''), count(*), (SELECT "
            "coalesce(sum(c.seats), "
            "0) "
            "FROM membership_credit c WHERE c.membership_id = m.id AND c.deleted_at IS NULL AND (c.show_id = sh.id "
            "OR "
            "(c.show_id IS NULL AND c.season = sh.season))), (SELECT count(*) FROM membership_seat_use u2 JOIN "
            "order_line "
            "l2 ON l2.id = u2.order_line_id WHERE u2.membership_id = m.id AND u2.show_id = sh.id AND u2.deleted_at "
            "IS "
            "NULL AND l2.status = 'active' AND l2.deleted_at IS NULL), group_concat(DISTINCT "
            "o.confirmation_number), "
            "max(EXISTS (SELECT 1 FROM change_request cr WHERE cr.order_id = o.id AND cr.status = 'open' AND "
            "cr.deleted_at IS NULL)) FROM membership_seat_use u JOIN order_line l ON l.id = u.order_line_id JOIN "
            "\"order\" o ON o.id = l.order_id JOIN performance pf ON pf.id = l.performance_id JOIN show sh ON "
            "sh.id = "
            "pf.show_id JOIN membership m ON m.id = u.membership_id JOIN patron p ON p.id = m.patron_id JOIN "
            "benefit_level bl ON bl.id = m.benefit_level_id WHERE u.deleted_at IS NULL AND l.status = 'active' AND "
            "l.deleted_at IS NULL AND pf.starts_at >= ? AND pf.starts_at < ? GROUP BY pf.id, m.id ORDER BY "
            "pf.starts_at, sh.title, m.membership_number"),
        venueDays(from, to), error, [&out](const QSqlQuery& q) {
            CreditUseRow row;
            row.performanceAt = utcFrom(q.value(0));
            row.showTitle = q.value(1).toString();
            row.membershipNumber = q.value(2).toString();
            row.patronName = patronName(q, 3);
            row.levelName = q.value(7).toString();
            row.validFrom = QDate::fromString(q.value(8).toString().left(10), Qt::ISODate);
            row.validUntil = QDate::fromString(q.value(9).toString().left(10), Qt::ISODate);
            row.usedHere = q.value(10).toInt();
            row.creditsForShow = q.value(11).toInt();
            row.usedForShow = q.value(12).toInt();
            row.orders = q.value(13).toString().replace(u',', QStringLiteral(", "));
            row.openChangeRequest = q.value(14).toInt() != 0;
            out.append(row);
        });
    return read ? out : QList<CreditUseRow>();
}

QList<ReportRepository::RenewalRow> ReportRepository::renewalsDue(const QDate& from, const QDate& to, QString* error)
{
    QList<RenewalRow> out;
    // valid_until is a venue date (a membership runs to the end of that day at the venue), compared as text.
    const bool read = readRows(
        m_db,
        QStringLiteral(
            "SELECT m.membership_number, p.patron_number, p.first_name, p.last_name, p.preferred_name, "
            "p.organisation, "
            "bl.name, m.valid_until, coalesce((SELECT e.address FROM patron_email e WHERE e.patron_id = p.id AND "
            "e.deleted_at IS NULL ORDER BY e.is_primary DESC LIMIT 1), ''), coalesce((SELECT ph.number FROM "
            "patron_phone "
            "ph WHERE ph.patron_id = p.id AND ph.deleted_at IS NULL ORDER BY ph.is_primary DESC LIMIT 1), ''), "
            "coalesce(p.preferred_contact_method, ''), coalesce((SELECT a.line1 || ', ' || a.city FROM "
            "patron_address a "
            "WHERE a.patron_id = p.id AND a.deleted_at IS NULL ORDER BY a.is_primary DESC LIMIT 1), '') FROM "
            "membership "
            "m JOIN patron p ON p.id = m.patron_id JOIN benefit_level bl ON bl.id = m.benefit_level_id WHERE "
            "m.deleted_at IS NULL AND p.deleted_at IS NULL AND bl.recurring = 1 AND m.renewed_by_id IS NULL AND "
            "m.valid_until >= ? AND m.valid_until <= ? ORDER BY m.valid_until, p.last_name, p.first_name"),
        {QVariant(from.toString(Qt::ISODate)), QVariant(to.toString(Qt::ISODate) + QStringLiteral("T99"))}, error,
        [&out](const QSqlQuery& q) {
            out.append({q.value(0).toString(), q.value(1).toLongLong(), patronName(q, 2), q.value(6).toString(),
                        QDate::fromString(q.value(7).toString().left(10), Qt::ISODate), q.value(8).toString(),
                        q.value(9).toString(), q.value(10).toString(), q.value(11).toString()});
        });
    return read ? out : QList<RenewalRow>();
}

} // namespace foyer::storage
