#include "BenefitRules.h"

#include "Clock.h"

#include <QHash>

namespace foyer::core {

PresaleWindow PresaleWindow::overVenueDays(const QString& benefitLevelId, const QDate& firstDay, const QDate& lastDay)
{
    return {benefitLevelId, Clock::startOfVenueDayUtc(firstDay), Clock::endOfVenueDayUtc(lastDay)};
}

bool BenefitRules::countsAsUse(const DiscountUse& use)
{
    static const QStringList givesBack = {QStringLiteral("cancelled"), QStringLiteral("void"),
                                          QStringLiteral("fully_refunded")};
    return !givesBack.contains(use.orderStatus) &&
           (use.lineStatus.isEmpty() || use.lineStatus == QLatin1String("active"));
}

QList<BenefitRules::Applied> BenefitRules::applyDiscounts(const QList<BenefitLine>& lines,
                                                          const QStringList& heldLevelIds,
                                                          const QList<Discount>& discounts,
                                                          const QList<DiscountUse>& priorUses)
{
    QHash<QString, int> usesLeft;
    for (const Discount& d : discounts)
        if (d.usesPerMember > 0)
            usesLeft.insert(d.id, d.usesPerMember);
    for (const DiscountUse& use : priorUses)
        if (usesLeft.contains(use.discountId) && countsAsUse(use))
            --usesLeft[use.discountId];

    QList<Applied> out;
    for (const BenefitLine& line : lines) {
        Applied applied{line.row, QString(), line.listPriceMinor};
        if (line.payType == QLatin1String("membership")) {
            applied.priceMinor = 0;
            out.append(applied);
            continue;
        }
        const Discount* best = nullptr;
        for (const Discount& d : discounts) {
            if (!heldLevelIds.contains(d.benefitLevelId))
                continue;
            const bool limited = d.usesPerMember > 0;
            if (limited && usesLeft.value(d.id) <= 0)
                continue;
            if (!limited && !d.automatic)
                continue;
            if (!best || d.percentOff > best->percentOff)
                best = &d;
        }
        if (best) {
            applied.discountId = best->id;
            // Rounded in the patron's favour, in whole minor units.
            applied.priceMinor = line.listPriceMinor - (line.listPriceMinor * best->percentOff + 99) / 100;
            if (best->usesPerMember > 0)
                --usesLeft[best->id];
        }
        out.append(applied);
    }
    return out;
}

QString BenefitRules::saleProblem(const QDateTime& now, const QDateTime& publicSaleAt,
                                  const QList<PresaleWindow>& presales, const QStringList& memberAreaLevelIds,
                                  const QStringList& heldLevelIds)
{
    const auto holdsAny = [&heldLevelIds](const QStringList& levels) {
        for (const QString& level : levels)
            if (heldLevelIds.contains(level))
                return true;
        return false;
    };
    if (!memberAreaLevelIds.isEmpty() && !holdsAny(memberAreaLevelIds))
        return tr("This seat is in a members-only area.");
    if (!publicSaleAt.isValid() || now >= publicSaleAt)
        return {};
    for (const PresaleWindow& window : presales)
        if (now >= window.startsAt && now < window.endsAt && heldLevelIds.contains(window.benefitLevelId))
            return {};
    return tr("Not on sale to this patron yet: the public sale opens %1.")
        .arg(Clock::atVenue(publicSaleAt).toString(QStringLiteral("d MMM yyyy HH:mm")));
}

} // namespace foyer::core
