#include "CreditUseReview.h"

namespace foyer::core {

QStringList CreditUseReview::reasons(int creditsForShow, int usedForShow, const QDate& validFrom,
                                     const QDate& validUntil, const QDate& performanceDay, bool openChangeRequest)
{
    QStringList out;
    if (usedForShow > creditsForShow)
        out.append(tr("%n seat(s) over the credits", nullptr, usedForShow - creditsForShow));
    if ((validFrom.isValid() && performanceDay < validFrom) || (validUntil.isValid() && performanceDay > validUntil))
        out.append(tr("membership not valid on the day"));
    if (openChangeRequest)
        out.append(tr("open change request"));
    return out;
}

} // namespace foyer::core
