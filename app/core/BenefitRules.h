#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace foyer::core {

// A discount linked to a benefit level (PatronPortal "automatically-applied" and "limited-use" discounts).
struct Discount
{
    QString id;
    QString code;
    bool automatic = true;  // applies by itself to eligible lines of a patron holding the level
    QString benefitLevelId; // the level a patron must hold
    int percentOff = 0;
    int usesPerMember = 0; // > 0: at most this many tickets per member, across all of their orders
    QString season;        // the season the uses are counted in (empty: forever)
};

// A ticket that already used a limited-use discount, in another order.
struct DiscountUse
{
    QString discountId;
    QString orderStatus;
    QString lineStatus; // a refunded, exchanged or voided ticket gives its use back
};

// A line as the benefit rules price it.
struct BenefitLine
{
    int row = 0;
    qint64 listPriceMinor = 0;
    QString payType;
};

struct PresaleWindow
{
    QString benefitLevelId;
    QDateTime startsAt; // UTC, the first moment members may buy
    QDateTime endsAt;   // UTC, the first moment they no longer may

    // A presale over whole venue days, from the first day's midnight at the venue (core::Clock's zone) to the
    // midnight after the last: "members book from the 1st to the 14th" means the venue's days, not the workstation's.
    static PresaleWindow overVenueDays(const QString& benefitLevelId, const QDate& firstDay, const QDate& lastDay);
};

class BenefitRules
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::BenefitRules)
public:
    struct Applied
    {
        int row = 0;
        QString discountId; // empty: no discount on this line
        qint64 priceMinor = 0;
    };

    static bool countsAsUse(const DiscountUse& use);
    // The best discount each line is entitled to: automatic ones for a level the patron holds, and limited-use ones
    // while the member has uses left (uses in other orders count; refunded tickets give theirs back). Membership seats
    // are already free and take no discount.
    static QList<Applied> applyDiscounts(const QList<BenefitLine>& lines, const QStringList& heldLevelIds,
                                         const QList<Discount>& discounts, const QList<DiscountUse>& priorUses);
    // Why this patron cannot buy this seat now (empty: they can). Before the public sale only a patron holding the
    // level of an open presale window may buy; a member-only area needs its level at any time. The message gives the
    // public sale's time at the venue.
    static QString saleProblem(const QDateTime& now, const QDateTime& publicSaleAt,
                               const QList<PresaleWindow>& presales, const QStringList& memberAreaLevelIds,
                               const QStringList& heldLevelIds);
};

} // namespace foyer::core
