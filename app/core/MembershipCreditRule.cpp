#include "MembershipCreditRule.h"

#include <QSet>
#include <algorithm>

namespace foyer::core {

bool MembershipCreditRule::countsAgainstCredits(const PriorCreditUse& use)
{
    static const QStringList givesBack = {QStringLiteral("cancelled"), QStringLiteral("void"),
                                          QStringLiteral("fully_refunded")};
    return !givesBack.contains(use.orderStatus) &&
           (use.lineStatus.isEmpty() || use.lineStatus == QLatin1String("active"));
}

QList<MembershipCreditRule::LineError> MembershipCreditRule::validate(const QList<MembershipSeatLine>& lines,
                                                                      const QHash<QString, MemberRecord>& members,
                                                                      const QList<PriorCreditUse>& priorUse)
{
    QList<LineError> errors;
    // Seats asked for in this order, per member and show, in row order: the rows past the allowance get the error.
    QHash<QString, int> askedSoFar;
    QHash<QString, int> usedElsewhere;
    for (const PriorCreditUse& use : priorUse)
        if (countsAgainstCredits(use))
            ++usedElsewhere[use.membershipNumber + u'\x1f' + use.showId];
    QHash<QString, int> usedInSeason; // member -> seats on season credits
    for (const PriorCreditUse& use : priorUse)
        if (countsAgainstCredits(use))
            ++usedInSeason[use.membershipNumber];

    for (const MembershipSeatLine& line : lines) {
        const QString number = line.membershipNumber.trimmed();
        if (number.isEmpty()) {
            errors.append({line.row, tr("Enter the membership number for this seat.")});
            continue;
        }
        const auto member = members.constFind(number);
        if (member == members.cend()) {
            errors.append({line.row, tr("No membership %1 in the member database.").arg(number)});
            continue;
        }
        if (member->renewed) {
            errors.append({line.row, tr("Membership %1 was renewed; use the new membership number.").arg(number)});
            continue;
        }
        if ((member->validFrom.isValid() && line.performanceDate < member->validFrom) ||
            (member->validUntil.isValid() && line.performanceDate > member->validUntil)) {
            errors.append({line.row, tr("Membership %1 is not active on the performance date.").arg(number)});
            continue;
        }
        if (!member->coveredShowIds.contains(line.showId)) {
            errors.append({line.row, tr("Membership %1 does not cover this show.").arg(number)});
            continue;
        }
        const QString key = number + u'\x1f' + line.showId;
        int asked = 0;
        int left = 0;
        if (member->creditsPerShow.contains(line.showId)) {
            asked = ++askedSoFar[key];
            left = member->creditsPerShow.value(line.showId) - usedElsewhere.value(key);
        } else if (member->seasonCredits >= 0) {
            // A season allowance is shared by every covered show: this order's seats add up across shows.
            asked = ++askedSoFar[number];
            left = member->seasonCredits - usedInSeason.value(number);
        } else {
            asked = 1; // covered, but no credits for this show
        }
        // What the rows above this one in the order have not already taken.
        if (asked > left)
            errors.append({line.row, tr("Not enough seat credits left for this show (%1 left for membership %2).")
                                         .arg(std::max(0, left - (asked - 1)))
                                         .arg(number)});
    }
    return errors;
}

QList<MembershipCreditRule::LineError> MembershipCreditRule::authenticate(const QList<MembershipSeatLine>& lines,
                                                                          const QHash<QString, MemberRecord>& members,
                                                                          const PasswordCheck& checkPassword,
                                                                          QString* firstMember)
{
    QList<LineError> errors;
    QHash<QString, int> membershipsPerEmail;
    for (const MemberRecord& member : members)
        ++membershipsPerEmail[member.email.trimmed().toLower()];
    bool first = true;
    for (const MembershipSeatLine& line : lines) {
        const auto member = members.constFind(line.membershipNumber.trimmed());
        const QString typed = line.email.trimmed().toLower();
        if (member == members.cend() || typed.isEmpty() || member->email.trimmed().toLower() != typed) {
            errors.append({line.row, tr("The email does not match membership %1.").arg(line.membershipNumber)});
            first = false;
            continue;
        }
        const bool shared = std::max(membershipsPerEmail.value(typed), member->membershipsWithEmail) > 1;
        if (first || shared) {
            if (member->passwordHash.isEmpty() || !checkPassword || !checkPassword(line, member->passwordHash)) {
                errors.append({line.row, tr("Wrong email or password for membership %1.").arg(line.membershipNumber)});
                first = false;
                continue;
            }
            if (first && firstMember)
                *firstMember = member->membershipNumber;
        }
        first = false;
    }
    return errors;
}

} // namespace foyer::core
