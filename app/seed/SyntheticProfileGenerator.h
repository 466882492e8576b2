#pragma once

#include "Membership.h"
#include "Patron.h"
#include "PatronEngagement.h"
#include "PostalAddress.h"

#include <QRandomGenerator>
#include <QStringList>

namespace foyer::seed {

// The rest of a synthetic patron's profile: addresses, memberships in every state (valid, due, past due, expired,
// renewed by a newer one, non-recurring), mailing lists, accessibility needs, form submissions, notes and the odd
// company. Deterministic for a seed; street and company names come from the shipped last-name list.
class SyntheticProfileGenerator
{
public:
    struct Note
    {
        QString body;
        bool popUp = false;
    };
    struct Extras
    {
        QString organisation;
        QString preferredContactMethod;
        QList<core::PostalAddress> addresses;
        // Each membership with the id of the one that renewed it (empty when none).
        QList<std::pair<core::Membership, QString>> memberships;
        QStringList mailingLists;
        QList<core::AccessibilityNeed> accessibility;
        QList<core::FormSubmission> forms;
        QList<Note> notes;
    };

    SyntheticProfileGenerator(quint32 seed, const QStringList& lastNames, const QDate& today);

    // index: the patron's position in the run; every 50th patron from the 8th on gets everything (the demo opens
    // patron 8, so the screenshots show a full profile).
    Extras forPatron(qint64 index, const core::Patron& patron);

private:
    core::Membership membership(const QString& level, bool recurring, const QDate& from, const QDate& until);

    QRandomGenerator m_random;
    QStringList m_lastNames;
    QDate m_today;
    qint64 m_membershipNumber = 10000;
};

} // namespace foyer::seed
