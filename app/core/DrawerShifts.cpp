#include "DrawerShifts.h"

#include <algorithm>
#include <numeric>

namespace foyer::core {

QList<DrawerShifts::Shift> DrawerShifts::split(const QList<Count>& counts, const QList<Cash>& cash)
{
    QList<int> order(counts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&counts](int a, int b) { return counts.at(a).countedAt < counts.at(b).countedAt; });
    QList<Shift> out;
    QList<bool> taken(cash.size(), false);
    for (const int index : order) {
        Shift shift;
        shift.countIndex = index;
        shift.balance.floatMinor = counts.at(index).floatMinor;
        shift.balance.countedMinor = counts.at(index).countedMinor;
        shift.balance.counted = true;
        for (qsizetype i = 0; i < cash.size(); ++i)
            if (!taken.at(i) && cash.at(i).at <= counts.at(index).countedAt) {
                shift.balance.cashTakenMinor += cash.at(i).amountMinor;
                taken[i] = true;
            }
        out.append(shift);
    }
    Shift rest;
    bool any = false;
    for (qsizetype i = 0; i < cash.size(); ++i)
        if (!taken.at(i)) {
            rest.balance.cashTakenMinor += cash.at(i).amountMinor;
            any = true;
        }
    if (any)
        out.append(rest);
    return out;
}

} // namespace foyer::core
