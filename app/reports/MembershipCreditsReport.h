#pragma once

#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// Membership seat credits by show: for each performance in the range, the members who used credits, how many they
// used there and have left for the show, and the uses flagged for review (core::CreditUseReview says why).
class MembershipCreditsReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::MembershipCreditsReport)
public:
    static ReportDocument build(const QList<storage::ReportRepository::CreditUseRow>& uses, const QDate& from,
                                const QDate& to);
};

} // namespace foyer::reports
