#pragma once

#include "ContactPoint.h"
#include "Patron.h"

#include <QRandomGenerator>
#include <QStringList>

namespace foyer::seed {

// Deterministic made-up patrons from the word lists shipped in resources/seed (no real person's data).
// The same seed gives the same names, emails and order; ids are UUIDv7 with consecutive timestamps.
class SyntheticPatronGenerator
{
public:
    explicit SyntheticPatronGenerator(quint32 seed, qint64 firstPatronNumber = 1);

    core::Patron next();
    // A patron with an email (primary, original) and a cell phone; about one in ten shares a last name and email
    // with the patron before (a couple with one address: a real source of duplicates at the window).
    std::pair<core::Patron, QList<core::ContactPoint>> nextWithContacts();
    const QStringList& lastNames() const { return m_lastNames; }

private:
    QRandomGenerator m_random;
    QStringList m_firstNames;
    QStringList m_lastNames;
    qint64 m_nextNumber;
    qint64 m_clockMs;
    core::Patron m_previous;
};

} // namespace foyer::seed
