#pragma once

#include "ReportDocument.h"
#include "ReportRequest.h"
#include "Repositories.h"

namespace foyer::storage {
class Database;
}

namespace foyer::reports {

// Reads what a request needs through the repositories and builds the report; the window and the tests share it.
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::ReportBuilder)
public:
    // False, with a message naming the cause, when the request cannot be met (e.g. no patron with that number).
    static bool build(storage::Repositories& repos, const ReportRequest& request, ReportDocument* report,
                      QString* error);
    // The same through a connection of its own to the database's file, opened and closed on the calling thread: for
    // a worker thread, while the window keeps the main connection.
    static bool buildOnOwnConnection(const storage::Database& database, const ReportRequest& request,
                                     ReportDocument* report, QString* error);
};

} // namespace foyer::reports
