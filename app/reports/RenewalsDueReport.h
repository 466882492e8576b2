#pragma once

#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// Memberships due or past due in a range, soonest first, with how to reach each member and how they prefer to be
// reached, so staff can work down the list.
class RenewalsDueReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::RenewalsDueReport)
public:
    static ReportDocument build(const QList<storage::ReportRepository::RenewalRow>& renewals, const QDate& from,
                                const QDate& to, const QDate& today);
};

} // namespace foyer::reports
