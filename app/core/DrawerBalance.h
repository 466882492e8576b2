#pragma once

#include <QString>

namespace foyer::core {

// One workstation's cash at close: what its payments say should be in the drawer (the opening float plus cash taken,
// less cash given back) against what staff counted. A drawer nobody counted has no difference, not a shortfall.
struct DrawerBalance
{
    qint64 floatMinor = 0;
    qint64 cashTakenMinor = 0; // net: refunds in cash are negative
    qint64 countedMinor = 0;
    bool counted = false;

    qint64 expectedMinor() const { return floatMinor + cashTakenMinor; }
    // Positive: over; negative: short.
    qint64 differenceMinor() const { return counted ? countedMinor - expectedMinor() : 0; }
};

} // namespace foyer::core
