#include "Membership.h"

#include <QLocale>

namespace foyer::core {

Membership::State Membership::state(const QDate& today) const
{
    if (renewed)
        return State::Renewed;
    if (validFrom.isValid() && today < validFrom)
        return State::NotYetValid;
    if (!validUntil.isValid() || today <= validUntil) {
        if (recurring && validUntil.isValid() && today.daysTo(validUntil) <= renewalWindowDays)
            return State::Due;
        return State::Valid;
    }
    if (recurring && validUntil.daysTo(today) <= graceDays)
        return State::PastDue;
    return State::Expired;
}

bool Membership::isActive(const QDate& today) const
{
    const State s = state(today);
    return s == State::Valid || s == State::Due || s == State::PastDue;
}

QString Membership::statusText(const QDate& today) const
{
    const QLocale locale;
    const auto date = [&locale](const QDate& d) { return locale.toString(d, QStringLiteral("d MMM yyyy")); };
    if (!recurring && state(today) == State::Valid)
        return tr("Member since %1").arg(date(validFrom));
    switch (state(today)) {
    case State::Valid:
        return validUntil.isValid() ? tr("Valid until %1").arg(date(validUntil)) : tr("Valid, no end date");
    case State::Due:
        return tr("Due %1").arg(date(validUntil));
    case State::PastDue:
        return tr("Past due since %1").arg(date(validUntil));
    case State::Expired:
        return tr("Expired %1").arg(date(validUntil));
    case State::Renewed:
        return tr("Renewed");
    case State::NotYetValid:
        return tr("Starts %1").arg(date(validFrom));
    }
    return {};
}

QString Membership::stateName(State state)
{
    switch (state) {
    case State::Valid:
        return QStringLiteral("valid");
    case State::Due:
        return QStringLiteral("due");
    case State::PastDue:
        return QStringLiteral("past_due");
    case State::Expired:
        return QStringLiteral("expired");
    case State::Renewed:
        return QStringLiteral("renewed");
    case State::NotYetValid:
        return QStringLiteral("not_yet_valid");
    }
    return {};
}

} // namespace foyer::core
