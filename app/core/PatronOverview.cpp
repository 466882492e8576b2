#include "PatronOverview.h"

#include "DonationVisibility.h"

namespace foyer::core {

QStringList PatronOverview::buckets()
{
    return {QStringLiteral("tickets"), QStringLiteral("collections"), QStringLiteral("classes"),
            QStringLiteral("passes"),  QStringLiteral("add_ons"),     QStringLiteral("donations")};
}

QString PatronOverview::bucketOf(const QString& category)
{
    if (category == QLatin1String("ticket"))
        return QStringLiteral("tickets");
    if (category == QLatin1String("collection"))
        return QStringLiteral("collections");
    if (category == QLatin1String("class_registration"))
        return QStringLiteral("classes");
    if (category == QLatin1String("pass") || category == QLatin1String("pass_renewal"))
        return QStringLiteral("passes");
    if (category == QLatin1String("donation"))
        return QStringLiteral("donations");
    return QStringLiteral("add_ons"); // gift cards, invoices, transfers and other extras
}

PatronOverview PatronOverview::compute(const QList<OrderSummary>& orders, const QList<DonationRecord>& donations,
                                       const QList<RecurringDonation>& recurring)
{
    PatronOverview overview;
    for (const QString& bucket : buckets())
        overview.spendingMinor.insert(bucket, 0);
    for (const DonationRecord& donation : donations)
        if (DonationVisibility::countsAsComplete(donation.status, donation.probabilityPercent))
            overview.donatedMinor += donation.amountMinor;
    for (const OrderSummary& order : orders) {
        // Refunded and still-open orders are not spending.
        if (order.internalStatus == QLatin1String("fully_refunded") || order.internalStatus == QLatin1String("open"))
            continue;
        if (!overview.firstTransaction.isValid() || order.createdAt < overview.firstTransaction)
            overview.firstTransaction = order.createdAt;
        if (!overview.lastTransaction.isValid() || order.createdAt > overview.lastTransaction)
            overview.lastTransaction = order.createdAt;
        overview.itemsPurchased += order.items;
        const qint64 linesMinor = order.totalMinor - order.donationMinor;
        if (order.category != QLatin1String("donation"))
            overview.spendingMinor[bucketOf(order.category)] += linesMinor;
    }
    overview.spendingMinor[QStringLiteral("donations")] = overview.donatedMinor;
    for (auto it = overview.spendingMinor.cbegin(); it != overview.spendingMinor.cend(); ++it)
        overview.totalSpentMinor += it.value();
    for (const RecurringDonation& r : recurring)
        overview.recurringDonor = overview.recurringDonor || r.status == QLatin1String("active");
    return overview;
}

} // namespace foyer::core
