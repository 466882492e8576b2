#pragma once

#include "PatronEngagement.h"

#include <QSqlDatabase>

namespace foyer::storage {

// Reads the overview's memberships, mailing lists, accessibility needs, form submissions and household.
class PatronEngagementRepository
{
public:
    explicit PatronEngagementRepository(QSqlDatabase db);

    // Reads report a refused statement in error (when given); what is returned then is empty, not "none".
    core::PatronEngagement engagement(const QString& patronId, QString* error);
    QList<core::Membership> memberships(const QString& patronId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
