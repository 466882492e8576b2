#pragma once

#include "Membership.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace foyer::core {

// What else the overview shows about a patron besides money: memberships, mailing lists, accessibility, forms,
// and the household they belong to.

struct AccessibilityNeed
{
    QString need; // e.g. "Wheelchair space", "Hearing loop"
    QString details;
};

struct FormSubmission
{
    QString formName;
    QString answers; // "question: answer" lines as submitted
    QDateTime submittedAt;
};

struct HouseholdMember
{
    QString patronId;
    QString displayName;
};

struct PatronEngagement
{
    QList<Membership> memberships; // newest first
    QStringList mailingLists;      // current subscriptions
    QList<AccessibilityNeed> accessibility;
    QList<FormSubmission> formSubmissions;   // newest first
    QList<HouseholdMember> householdMembers; // everyone in the patron's household, the patron included
};

} // namespace foyer::core
