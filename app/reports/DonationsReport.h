#pragma once

#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// The donations report for a date range: totals by status (Posted, Pending, Pledged, Negotiation/Review and the
// venue's own, each with what it counts towards "complete or soon-to-be complete"), by fund, the top donors,
// recurring donations active and cancelled with their reasons, and every donation.
class DonationsReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::DonationsReport)
public:
    static ReportDocument build(const QList<storage::ReportRepository::DonationRow>& donations,
                                const QList<storage::ReportRepository::RecurringRow>& recurring, const QDate& from,
                                const QDate& to);
};

} // namespace foyer::reports
