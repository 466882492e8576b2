#pragma once

#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// What development staff did in a date range: contact logs per staff member and kind (in person, meeting, phone,
// email, gift), the outcomes, and every log.
class ContactActivityReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::ContactActivityReport)
public:
    static ReportDocument build(const QList<storage::ReportRepository::ContactRow>& logs, const QDate& from,
                                const QDate& to);
    static QString kindLabel(const QString& kind);
};

} // namespace foyer::reports
