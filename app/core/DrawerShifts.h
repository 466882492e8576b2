#pragma once

#include "DrawerBalance.h"

#include <QDateTime>
#include <QList>

namespace foyer::core {

// A workstation's day split into shifts by its drawer counts: each count covers the cash taken since the previous
// count (or the start of the day) up to the moment it was counted; cash taken after the last count is a shift nobody
// has counted yet. So a matinee and an evening drawer on one workstation each balance on their own.
class DrawerShifts
{
public:
    struct Count
    {
        QDateTime countedAt; // UTC
        qint64 floatMinor = 0;
        qint64 countedMinor = 0;
    };
    struct Cash
    {
        QDateTime at;           // UTC
        qint64 amountMinor = 0; // negative: cash given back
    };
    struct Shift
    {
        int countIndex = -1; // into the counts given; -1: the cash not counted yet
        DrawerBalance balance;
    };

    // In the order they were counted, then the uncounted shift when cash came in after the last count (or there was
    // no count at all).
    static QList<Shift> split(const QList<Count>& counts, const QList<Cash>& cash);
};

} // namespace foyer::core
