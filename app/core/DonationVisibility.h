#pragma once

#include <QString>

namespace foyer::core {

// Which donations count as "complete or soon-to-be complete": the ones a patron sees on the portal and the ones the
// profile's "total donated" adds up. Posted, Pending, Pledged and Negotiation/Review always count; a venue's own
// status counts when its probability is 90% or more; anything else (declined, cancelled, written off) does not.
class DonationVisibility
{
public:
    static constexpr int CustomStatusThresholdPercent = 90;

    static bool isStandardStatus(const QString& status);
    // probabilityPercent < 0: none recorded.
    static bool countsAsComplete(const QString& status, int probabilityPercent);
};

} // namespace foyer::core
