#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

namespace foyer::core {

// Why a member's credit use at a performance needs someone to look at it: more seats used than the show's credits
// (two workstations selling offline can get there), a membership not valid on the day, or an open change request.
class CreditUseReview
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::CreditUseReview)
public:
    static QStringList reasons(int creditsForShow, int usedForShow, const QDate& validFrom, const QDate& validUntil,
                               const QDate& performanceDay, bool openChangeRequest);
};

} // namespace foyer::core
