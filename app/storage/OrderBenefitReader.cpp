#include "OrderBenefitReader.h"

#include "BenefitRules.h"
#include "Clock.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StoredTime.h"

#include <QHash>
#include <QSqlQuery>

namespace foyer::storage {

OrderBenefitReader::OrderBenefitReader(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QStringList> OrderBenefitReader::heldBenefitLevels(const QString& patronId, const QDate& on,
                                                                 QString* error)
{
    QStringList out;
    if (patronId.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QString day = on.toString(Qt::ISODate);
    if (!readRows(
            q,
            QStringLiteral("SELECT DISTINCT benefit_level_id FROM membership WHERE patron_id = ? AND deleted_at IS "
                           "NULL AND renewed_by_id IS NULL AND valid_from <= ? AND (valid_until IS NULL OR "
                           "valid_until >= ?)"),
            {patronId, day, day}, tr("the patron's benefit levels"),
            [&](const QSqlQuery& row) { out.append(row.value(0).toString()); }, error))
        return std::nullopt;
    return out;
}

std::optional<int> OrderBenefitReader::applyBenefits(core::OrderDraft& order, const QDateTime& now, QString* error)
{
    // Memberships run by the venue's days.
    const std::optional<QStringList> held = heldBenefitLevels(order.patronId, core::Clock::venueDate(now), error);
    if (!held)
        return std::nullopt;
    QList<core::Discount> discounts;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!readRows(
            q,
            QStringLiteral("SELECT id, code, kind, coalesce(benefit_level_id, ''), coalesce(percent_off, 0), "
                           "coalesce(uses_per_member, 0), coalesce(season, '') FROM discount_code WHERE deleted_at "
                           "IS NULL"),
            {}, tr("the discount codes"),
            [&](const QSqlQuery& row) {
                discounts.append({row.value(0).toString(), row.value(1).toString(),
                                  row.value(2).toString() == QLatin1String("automatic"), row.value(3).toString(),
                                  row.value(4).toInt(), row.value(5).toInt(), row.value(6).toString()});
            },
            error))
        return std::nullopt;
    QList<core::DiscountUse> uses;
    if (!order.patronId.isEmpty() &&
        !readRows(
            q,
            QStringLiteral("SELECT l.discount_id, o.internal_status, l.status FROM order_line l JOIN \"order\" o "
                           "ON o.id = l.order_id WHERE o.patron_id = ? AND o.id IS NOT ? AND l.discount_id IS NOT "
                           "NULL AND l.deleted_at IS NULL"),
            {order.patronId, textOrNull(order.id)}, tr("the patron's earlier discount use"),
            [&](const QSqlQuery& row) {
                uses.append({row.value(0).toString(), row.value(1).toString(), row.value(2).toString()});
            },
            error))
        return std::nullopt;
    // Sale windows and member areas, per performance and section.
    QHash<QString, std::pair<QDateTime, QList<core::PresaleWindow>>> sale;
    QHash<QString, QStringList> areaLevels; // performance + section -> levels
    QSqlQuery windows(m_db);
    windows.setForwardOnly(true);
    const QString windowsRead = tr("the performance's sale windows");
    if (!prepareRead(windows,
                     QStringLiteral("SELECT p.public_sale_at, w.benefit_level_id, w.starts_at, w.ends_at FROM "
                                    "performance p LEFT JOIN presale_window w ON w.performance_id = p.id AND "
                                    "w.deleted_at IS NULL WHERE p.id = ?"),
                     windowsRead, error))
        return std::nullopt;
    QSqlQuery areas(m_db);
    areas.setForwardOnly(true);
    const QString areasRead = tr("the hall's members-only areas");
    if (!prepareRead(areas,
                     QStringLiteral("SELECT a.section, a.benefit_level_id FROM member_area a JOIN performance p ON "
                                    "p.hall_id = a.hall_id WHERE p.id = ? AND a.deleted_at IS NULL"),
                     areasRead, error))
        return std::nullopt;
    int refused = 0;
    QList<core::BenefitLine> priced;
    for (int row = 0; row < order.lines.size(); ++row) {
        core::OrderLineDraft& line = order.lines[row];
        if (!sale.contains(line.performanceId)) {
            std::pair<QDateTime, QList<core::PresaleWindow>> entry;
            const bool read =
                readRows(
                    windows, {line.performanceId}, windowsRead,
                    [&](const QSqlQuery& w) {
                        entry.first = utcFrom(w.value(0));
                        if (!w.value(1).isNull())
                            entry.second.append({w.value(1).toString(), utcFrom(w.value(2)), utcFrom(w.value(3))});
                    },
                    error) &&
                readRows(
                    areas, {line.performanceId}, areasRead,
                    [&](const QSqlQuery& a) {
                        areaLevels[line.performanceId + u'/' + a.value(0).toString()].append(a.value(1).toString());
                    },
                    error);
            if (!read)
                return std::nullopt;
            sale.insert(line.performanceId, entry);
        }
        const auto& entry = sale[line.performanceId];
        line.saleProblem = core::BenefitRules::saleProblem(
            now, entry.first, entry.second, areaLevels.value(line.performanceId + u'/' + line.section), *held);
        if (!line.saleProblem.isEmpty())
            ++refused;
        priced.append({row, line.listPriceMinor, line.payType});
    }
    for (const core::BenefitRules::Applied& applied :
         core::BenefitRules::applyDiscounts(priced, *held, discounts, uses)) {
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

} // namespace foyer::storage
