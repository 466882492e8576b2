#include "DonationVisibility.h"

#include <QStringList>

namespace foyer::core {

namespace {

const QStringList& visibleStandardStatuses()
{
    static const QStringList statuses = {QStringLiteral("Posted"), QStringLiteral("Pending"), QStringLiteral("Pledged"),
                                         QStringLiteral("Negotiation/Review")};
    return statuses;
}

const QStringList& hiddenStandardStatuses()
{
    static const QStringList statuses = {QStringLiteral("Declined"), QStringLiteral("Cancelled"),
                                         QStringLiteral("Written Off"), QStringLiteral("Refunded")};
    return statuses;
}

} // namespace

bool DonationVisibility::isStandardStatus(const QString& status)
{
    return visibleStandardStatuses().contains(status, Qt::CaseInsensitive) ||
           hiddenStandardStatuses().contains(status, Qt::CaseInsensitive);
}

bool DonationVisibility::countsAsComplete(const QString& status, int probabilityPercent)
{
    if (visibleStandardStatuses().contains(status.trimmed(), Qt::CaseInsensitive))
        return true;
    if (isStandardStatus(status.trimmed()))
        return false;
    return probabilityPercent >= CustomStatusThresholdPercent;
}

} // namespace foyer::core
