#pragma once

#include "PatronEngagement.h"

#include <QSqlDatabase>

namespace foyer::storage {

// Reads the overview's memberships, mailing lists, accessibility needs, form submissions and household.
class PatronEngagementRepository
{
public:
    explicit PatronEngagementRepository(QSqlDatabase db);

    core::PatronEngagement engagement(const QString& patronId);
    QList<core::Membership> memberships(const QString& patronId);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
