#pragma once

#include "ReportDocument.h"
#include "ReportRequest.h"
#include "Repositories.h"

namespace foyer::reports {

// Reads what a request needs through the repositories and builds the report; the window and the tests share it.
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::ReportBuilder)
public:
    // False, with a message naming the cause, when the request cannot be met (e.g. no patron with that number).
    static bool build(storage::Repositories& repos, const ReportRequest& request, ReportDocument* report,
                      QString* error);
};

} // namespace foyer::reports
