#pragma once

#include "PatronActivity.h"

#include <QDateTime>
#include <QList>
#include <QMap>

namespace foyer::core {

// One donation as the overview weighs it.
struct DonationRecord
{
    qint64 amountMinor = 0;
    QString status;
    int probabilityPercent = -1;
};

// A staff note on a patron; pop-up notes show whenever staff open the patron or start an order for them.
struct PatronNote
{
    QString id;
    QString body;
    bool popUp = false;
    QString authorName;
    QDateTime createdAt;
};

// The profile's overview figures, computed from the patron's orders and donations (the rule lives here, so the
// server and reports count the same way).
struct PatronOverview
{
    // Spending buckets, in display order: tickets, collections, classes, passes, add-ons, donations.
    static QStringList buckets();
    QMap<QString, qint64> spendingMinor; // bucket -> amount
    qint64 totalSpentMinor = 0;
    qint64 donatedMinor = 0; // complete or soon-to-be complete donations only (DonationVisibility)
    int itemsPurchased = 0;
    QDateTime firstTransaction;
    QDateTime lastTransaction;
    bool recurringDonor = false;

    static PatronOverview compute(const QList<OrderSummary>& orders, const QList<DonationRecord>& donations,
                                  const QList<RecurringDonation>& recurring);
    // The bucket an order's admission and other lines count under.
    static QString bucketOf(const QString& orderCategory);
};

} // namespace foyer::core
