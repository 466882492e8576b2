#include "OrderDraft.h"

#include "Clock.h"
#include "PayType.h"

namespace foyer::core {

qint64 OrderDraft::totalMinor() const
{
    qint64 total = 0;
    for (const OrderLineDraft& line : lines)
        total += line.priceMinor();
    return total;
}

QMap<QString, qint64> OrderDraft::totalsByPayType() const
{
    QMap<QString, qint64> totals;
    for (const OrderLineDraft& line : lines)
        totals[line.payType] += line.priceMinor();
    return totals;
}

QMap<QString, int> OrderDraft::seatsByPayType() const
{
    QMap<QString, int> seats;
    for (const OrderLineDraft& line : lines)
        ++seats[line.payType];
    return seats;
}

QList<MembershipSeatLine> OrderDraft::membershipLines() const
{
    QList<MembershipSeatLine> out;
    for (int i = 0; i < lines.size(); ++i) {
        const OrderLineDraft& line = lines.at(i);
        if (!PayType::isMembership(line.payType))
            continue;
        out.append({i, line.membershipNumber, line.showId, Clock::venueDate(line.performanceAt), line.memberEmail,
                    line.memberPassword});
    }
    return out;
}

} // namespace foyer::core
