#pragma once

#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// The donations report for a date range: totals by status (Posted, Pending, Pledged, Negotiation/Review and the
// venue's own, each with what it counts towards "complete or soon-to-be complete"), by fund, the top donors,
// recurring donations active and cancelled with their reasons, first-time donors, donations by month (a chart) and
// every donation. Every donation is always in the CSV; in the PDF only when asked for, since over a year's gifts it
// runs to thousands of pages a board never reads.
class DonationsReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::DonationsReport)
public:
    static ReportDocument build(const QList<storage::ReportRepository::DonationRow>& donations,
                                const QList<storage::ReportRepository::RecurringRow>& recurring, const QDate& from,
                                const QDate& to, bool listEveryDonation = true);
};

} // namespace foyer::reports
