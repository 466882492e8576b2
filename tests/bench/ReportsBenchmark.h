#pragma once

#include <QStringList>

namespace foyer::bench {

// foyer-bench reports: an encrypted database with --donations donations (200,000 by default) spread over a year,
// then the donations report for that year built and written to PDF, timed from the query to the closed file, with
// the process's peak memory. Last line: donations_pdf_s=N peak_mb=N.
class ReportsBenchmark
{
public:
    static int run(const QStringList& arguments);
};

} // namespace foyer::bench
