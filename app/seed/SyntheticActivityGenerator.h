#pragma once

#include "DemoDataWriter.h"
#include "PatronActivity.h"

#include <QRandomGenerator>

namespace foyer::seed {

// Deterministic made-up activity for one synthetic patron: orders of every category and internal status,
// donations in every status (custom ones with a probability), recurring donations active and cancelled, contact
// logs of each kind and history events.
class SyntheticActivityGenerator
{
public:
    struct Activity
    {
        QList<storage::DemoDataWriter::OrderSpec> orders;
        QList<core::RecurringDonation> recurring;
        QList<core::ContactLog> logs;
        QList<core::HistoryEvent> history;
    };

    explicit SyntheticActivityGenerator(quint32 seed);

    // ordersWanted < 0: a realistic 0-8 orders.
    Activity forPatron(const QDateTime& createdAt, int ordersWanted = -1, int logsWanted = -1);

private:
    QRandomGenerator m_random;
    qint64 m_confirmation = 100000;
};

} // namespace foyer::seed
