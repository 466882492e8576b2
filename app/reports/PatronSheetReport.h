#pragma once

#include "Membership.h"
#include "PatronActivity.h"
#include "PatronOverview.h"
#include "PatronProfile.h"
#include "ReportDocument.h"

namespace foyer::reports {

// One patron on a page or two, for a meeting with a major donor: details, memberships, spending (with a chart),
// the recent orders and contact logs, and staff notes.
class PatronSheetReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::PatronSheetReport)
public:
    struct Input
    {
        core::PatronProfile profile;
        QList<core::Membership> memberships;
        core::PatronOverview overview;
        QList<core::OrderSummary> orders;    // newest first
        QList<core::ContactLog> contactLogs; // newest first
        QList<core::PatronNote> notes;       // newest first
        QDate today;
    };
    static constexpr int RecentRows = 10;

    static ReportDocument build(const Input& input);
};

} // namespace foyer::reports
