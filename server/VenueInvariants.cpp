#include "VenueInvariants.h"

#include "BenefitRules.h"
#include "MembershipCreditRule.h"
#include "ServerDatabase.h"

#include <QJsonDocument>
#include <QSet>

namespace foyer::server {

namespace {

QString text(const QJsonObject& row, const char* field)
{
    const QJsonValue v = row.value(QLatin1String(field));
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

bool tombstoned(const QJsonObject& row)
{
    const QJsonValue v = row.value(QStringLiteral("deleted_at"));
    return !v.isNull() && !v.isUndefined();
}

} // namespace

std::optional<QJsonObject> VenueInvariants::liveRow(const QString& table, const QString& id)
{
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT data::text FROM row_state WHERE venue_id = ? AND table_name = ? AND "
                                           "row_key = ? AND NOT deleted"),
                            {m_venueId, table, id});
    if (!q.next())
        return std::nullopt;
    const QJsonObject row = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    if (tombstoned(row))
        return std::nullopt;
    return row;
}

QString VenueInvariants::showTitle(const QString& showId)
{
    const auto show = liveRow(QStringLiteral("show"), showId);
    const QString title = show ? text(*show, "title") : QString();
    return title.isEmpty() ? QStringLiteral("show ") + showId : title;
}

QString VenueInvariants::violationReason(const QSqlError& error, const QString& table, const QJsonObject& row)
{
    const QString what = error.databaseText();
    if (what.contains(QLatin1String("row_state_seat_taken"))) {
        const QString seatId = text(row, "seat_id");
        const auto seat = liveRow(QStringLiteral("seat"), seatId);
        const QString name = seat ? QStringLiteral("%1 %2%3").arg(text(*seat, "section"), text(*seat, "row_label"),
                                                                  text(*seat, "seat_number"))
                                  : QStringLiteral("Seat ") + seatId;
        return QStringLiteral("%1 is already sold for this performance").arg(name);
    }
    if (what.contains(QLatin1String("row_state_confirmation_number")))
        return QStringLiteral("Confirmation number %1 is already used by another order")
            .arg(text(row, "confirmation_number"));
    if (what.contains(QLatin1String("row_state_patron_number")))
        return QStringLiteral("Patron number %1 is already used by another patron").arg(text(row, "patron_number"));
    Q_UNUSED(table);
    return QString();
}

QString VenueInvariants::creditProblem(const QList<ChangedRow>& rows)
{
    // Which memberships and shows the operation touched: seat uses written, or lines whose use may count again.
    QList<std::pair<QString, QString>> touched;
    for (const ChangedRow& r : rows) {
        if (r.deleted)
            continue;
        if (r.table == QLatin1String("membership_seat_use")) {
            touched.append({text(r.data, "membership_id"), text(r.data, "show_id")});
        } else if (r.table == QLatin1String("order_line")) {
            QSqlQuery& q = m_db.run(QStringLiteral("SELECT data->>'membership_id', data->>'show_id' FROM row_state "
                                                   "WHERE venue_id = ? AND table_name = 'membership_seat_use' AND "
                                                   "data->>'order_line_id' = ? AND NOT deleted"),
                                    {m_venueId, text(r.data, "id")});
            while (q.next())
                touched.append({q.value(0).toString(), q.value(1).toString()});
        }
    }
    QSet<QString> seen;
    for (const auto& [membershipId, showId] : touched) {
        if (membershipId.isEmpty() || seen.contains(membershipId + u'\x1f' + showId))
            continue;
        seen.insert(membershipId + u'\x1f' + showId);
        const auto membership = liveRow(QStringLiteral("membership"), membershipId);
        const QString number = membership ? text(*membership, "membership_number") : membershipId;
        // The allowance: seats for this show, else the season's seats for any covered show.
        int perShow = -1;
        int season = -1;
        QSqlQuery& credits = m_db.run(
            QStringLiteral("SELECT data->>'show_id', coalesce((data->>'seats')::numeric, 0)::bigint FROM row_state "
                           "WHERE venue_id = ? AND table_name = 'membership_credit' AND data->>'membership_id' = ? "
                           "AND NOT deleted AND data->>'deleted_at' IS NULL"),
            {m_venueId, membershipId});
        while (credits.next()) {
            const int seats = credits.value(1).toInt();
            if (credits.value(0).isNull())
                season = std::max(0, season) + seats;
            else if (credits.value(0).toString() == showId)
                perShow = std::max(0, perShow) + seats;
        }
        const bool byShow = perShow >= 0;
        const int allowance = byShow ? perShow : std::max(0, season);
        // Seats taken on the membership, each counted by the core rule from its order's and line's status.
        QSqlQuery& uses = m_db.run(
            QStringLiteral(
                "SELECT u.data->>'show_id', coalesce(o.data->>'internal_status', ''), coalesce(l.data->>'status', '') "
                "FROM row_state u JOIN row_state l ON l.venue_id = u.venue_id AND l.table_name = 'order_line' AND "
                "l.row_key = u.data->>'order_line_id' AND NOT l.deleted AND l.data->>'deleted_at' IS NULL "
                "LEFT JOIN row_state o ON o.venue_id = u.venue_id AND o.table_name = 'order' AND "
                "o.row_key = l.data->>'order_id' "
                "WHERE u.venue_id = ? AND u.table_name = 'membership_seat_use' AND u.data->>'membership_id' = ? AND "
                "NOT u.deleted AND u.data->>'deleted_at' IS NULL"),
            {m_venueId, membershipId});
        int used = 0;
        while (uses.next()) {
            const core::PriorCreditUse use{number, uses.value(0).toString(), uses.value(1).toString(),
                                           uses.value(2).toString()};
            if ((!byShow || use.showId == showId) && core::MembershipCreditRule::countsAgainstCredits(use))
                ++used;
        }
        if (used > allowance)
            return QStringLiteral("Membership %1 has no seat credit left for %2").arg(number, showTitle(showId));
    }
    return QString();
}

QString VenueInvariants::discountProblem(const QList<ChangedRow>& rows)
{
    QSet<QString> seen;
    for (const ChangedRow& r : rows) {
        if (r.deleted || r.table != QLatin1String("order_line"))
            continue;
        const QString discountId = text(r.data, "discount_id");
        if (discountId.isEmpty())
            continue;
        const auto discount = liveRow(QStringLiteral("discount_code"), discountId);
        if (!discount || text(*discount, "kind") != QLatin1String("limited_use"))
            continue;
        const int usesPerMember = discount->value(QStringLiteral("uses_per_member")).toInt();
        if (usesPerMember <= 0)
            continue;
        const auto order = liveRow(QStringLiteral("order"), text(r.data, "order_id"));
        const QString patronId = order ? text(*order, "patron_id") : QString();
        if (patronId.isEmpty() || seen.contains(discountId + u'\x1f' + patronId))
            continue;
        seen.insert(discountId + u'\x1f' + patronId);
        QSqlQuery& q = m_db.run(
            QStringLiteral("SELECT coalesce(o.data->>'internal_status', ''), coalesce(l.data->>'status', '') FROM "
                           "row_state l JOIN row_state o ON o.venue_id = l.venue_id AND o.table_name = 'order' AND "
                           "o.row_key = l.data->>'order_id' AND NOT o.deleted WHERE l.venue_id = ? AND "
                           "l.table_name = 'order_line' AND l.data->>'discount_id' = ? AND NOT l.deleted AND "
                           "l.data->>'deleted_at' IS NULL AND o.data->>'patron_id' = ?"),
            {m_venueId, discountId, patronId});
        int used = 0;
        while (q.next())
            if (core::BenefitRules::countsAsUse({discountId, q.value(0).toString(), q.value(1).toString()}))
                ++used;
        if (used > usesPerMember) {
            const auto patron = liveRow(QStringLiteral("patron"), patronId);
            const QString who = patron ? QStringLiteral("patron %1").arg(text(*patron, "patron_number"))
                                       : QStringLiteral("this patron");
            return QStringLiteral("Discount %1 has no uses left for %2 (%3 per member)")
                .arg(text(*discount, "code"), who)
                .arg(usesPerMember);
        }
    }
    return QString();
}

} // namespace foyer::server
