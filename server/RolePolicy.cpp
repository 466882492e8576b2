#include "RolePolicy.h"

#include "OrderLifeRules.h"
#include "StaffMember.h"

#include <QStringList>

namespace foyer::server {

namespace {

const QStringList& salesTables()
{
    static const QStringList tables = {QStringLiteral("order"), QStringLiteral("order_line"), QStringLiteral("payment"),
                                       QStringLiteral("membership_seat_use"), QStringLiteral("order_event")};
    return tables;
}

const QStringList& setupTables()
{
    static const QStringList tables = {QStringLiteral("staff_user"),     QStringLiteral("hall"),
                                       QStringLiteral("seat"),           QStringLiteral("show"),
                                       QStringLiteral("performance"),    QStringLiteral("price_type"),
                                       QStringLiteral("benefit_level"),  QStringLiteral("benefit_level_show"),
                                       QStringLiteral("presale_window"), QStringLiteral("discount_code"),
                                       QStringLiteral("member_area")};
    return tables;
}

bool givesMoneyBack(const QString& status)
{
    return status == QLatin1String("fully_refunded") || status == QLatin1String("void") ||
           status == QLatin1String("cancelled");
}

} // namespace

QString RolePolicy::refusal(const QString& role, const QString& table, bool isDelete, const QJsonObject& fields,
                            const QJsonObject& before, bool existedBefore, bool orderNewToVenue)
{
    const bool admin = role == QLatin1String("admin");
    if (setupTables().contains(table) && !admin)
        return QStringLiteral("role %1 may not write %2 (staff and venue setup need an admin)").arg(role, table);
    if (!salesTables().contains(table))
        return QString();
    if (role == QLatin1String("development"))
        return QStringLiteral("role development may not write %1 (orders, payments and seats)").arg(table);
    if (core::OrderLifeRules::canRefund(core::StaffMember::roleFromCode(role)))
        return QString();
    const QString refuse = QStringLiteral("role %1 may not refund or void a confirmed order").arg(role);
    if (orderNewToVenue && table != QLatin1String("payment"))
        return QString();
    if (table == QLatin1String("order")) {
        const QString was = before.value(QStringLiteral("internal_status")).toString();
        const bool confirmed = existedBefore && !was.isEmpty() && was != QLatin1String("open");
        if (isDelete && confirmed)
            return refuse;
        const auto to = fields.constFind(QStringLiteral("internal_status"));
        if (to != fields.constEnd() && givesMoneyBack(to->toString()) && (confirmed || !existedBefore))
            return refuse;
    } else if (table == QLatin1String("order_line")) {
        const auto to = fields.constFind(QStringLiteral("status"));
        if (to != fields.constEnd() &&
            (to->toString() == QLatin1String("refunded") || to->toString() == QLatin1String("void")) &&
            before.value(QStringLiteral("status")).toString() != to->toString())
            return refuse;
    } else if (table == QLatin1String("payment")) {
        if (fields.value(QStringLiteral("amount_minor")).toDouble() < 0)
            return refuse;
    } else if (table == QLatin1String("order_event")) {
        const QString kind = fields.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("refund") || kind == QLatin1String("void"))
            return refuse;
    }
    return QString();
}

} // namespace foyer::server
