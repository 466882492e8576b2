#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace foyer::core {

// A patron's membership at a benefit level, as the profile's overview and the renewals report show it.
struct Membership
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::Membership)
public:
    enum class State
    {
        Valid,   // active, renewal not yet near
        Due,     // recurring, within the renewal window before valid until
        PastDue, // recurring, lapsed less than the grace period ago: staff chase these
        Expired, // lapsed for good
        Renewed, // replaced by a newer membership
        NotYetValid
    };

    // A recurring membership is due this many days before it ends, and past due for this many days after.
    static constexpr int renewalWindowDays = 30;
    static constexpr int graceDays = 90;

    QString id;
    QString membershipNumber;
    QString levelName;
    bool recurring = true;
    QDate validFrom;
    QDate validUntil; // invalid: no end date
    bool renewed = false;

    State state(const QDate& today) const;
    // Whether the overview lists it among the patron's active memberships.
    bool isActive(const QDate& today) const;
    // "Valid until 31 Aug 2027", "Due 31 Aug 2027", "Past due since 31 Aug 2026", or "Member since 1 Sep 2020" for a
    // membership that does not recur.
    QString statusText(const QDate& today) const;
    static QString stateName(State state);
};

} // namespace foyer::core
