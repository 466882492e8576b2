#include "SyntheticActivityGenerator.h"

#include "OrderStatus.h"
#include "UuidV7.h"

namespace foyer::seed {

namespace {

const QStringList Categories = {
    QStringLiteral("ticket"),   QStringLiteral("collection"),   QStringLiteral("donation"),
    QStringLiteral("pass"),     QStringLiteral("pass_renewal"), QStringLiteral("invoice"),
    QStringLiteral("transfer"), QStringLiteral("gift_card"),    QStringLiteral("class_registration")};
const QStringList DonationStatuses = {QStringLiteral("Posted"),         QStringLiteral("Pending"),
                                      QStringLiteral("Pledged"),        QStringLiteral("Negotiation/Review"),
                                      QStringLiteral("Board Approved"), QStringLiteral("Verbal Commitment"),
                                      QStringLiteral("Declined")};
const QStringList LogKinds = {QStringLiteral("in_person"), QStringLiteral("meeting"), QStringLiteral("phone"),
                              QStringLiteral("email"), QStringLiteral("gift")};
const QStringList Subjects = {
    QStringLiteral("Seating request for the spring gala"),   QStringLiteral("Thank-you call for the annual gift"),
    QStringLiteral("Asked about wheelchair seating"),        QStringLiteral("Renewal reminder"),
    QStringLiteral("Interested in the education programme"), QStringLiteral("Lost tickets, reprinted at the window")};
const QStringList Outcomes = {QStringLiteral("Left a message"), QStringLiteral("Spoke with patron"),
                              QStringLiteral("Follow up next week"), QStringLiteral("Resolved")};

} // namespace

SyntheticActivityGenerator::SyntheticActivityGenerator(quint32 seed)
    : m_random(seed)
{
}

SyntheticActivityGenerator::Activity SyntheticActivityGenerator::forPatron(const QDateTime& createdAt, int ordersWanted,
                                                                           int logsWanted)
{
    Activity activity;
    const QStringList statuses = core::OrderStatus::internalCodes();
    const int orders = ordersWanted >= 0 ? ordersWanted : int(m_random.bounded(9));
    QDateTime when = createdAt;
    for (int i = 0; i < orders; ++i) {
        when = when.addSecs(3600 + m_random.bounded(40 * 24 * 3600));
        storage::DemoDataWriter::OrderSpec spec;
        spec.order.id = core::UuidV7::generateText();
        spec.order.confirmationNumber = QStringLiteral("SEED-%1").arg(++m_confirmation);
        spec.order.category = Categories.at(m_random.bounded(int(Categories.size())));
        spec.order.channel = i % 3 == 0   ? QStringLiteral("online")
                             : i % 3 == 1 ? QStringLiteral("box_office")
                                          : QStringLiteral("phone");
        // Mostly completed orders, with every other status represented.
        spec.order.internalStatus =
            m_random.bounded(3) == 0 ? statuses.at(m_random.bounded(int(statuses.size()))) : QStringLiteral("complete");
        spec.order.createdAt = when;
        const bool admission =
            spec.order.category == QLatin1String("ticket") || spec.order.category == QLatin1String("collection");
        if (admission)
            for (int seat = 0, seats = 1 + int(m_random.bounded(4)); seat < seats; ++seat)
                spec.ticketPrices.append(2500 + 500 * qint64(m_random.bounded(10)));
        if (spec.order.category == QLatin1String("donation") || (admission && m_random.bounded(6) == 0)) {
            spec.donationMinor = 1000 * (1 + qint64(m_random.bounded(50)));
            spec.donationStatus = DonationStatuses.at(m_random.bounded(int(DonationStatuses.size())));
            if (!spec.donationStatus.startsWith(QLatin1String("P")) &&
                spec.donationStatus != QLatin1String("Negotiation/Review"))
                spec.donationProbability = 50 + int(m_random.bounded(51));
        }
        if (!admission && spec.order.category != QLatin1String("donation"))
            spec.ticketPrices.append(5000 + 1000 * qint64(m_random.bounded(20))); // a pass, card or class
        activity.orders.append(spec);
        activity.history.append({when,
                                 spec.order.channel == QLatin1String("online") ? QStringLiteral("online_purchase")
                                                                               : QStringLiteral("box_office_sale"),
                                 QStringLiteral("Order %1 (%2)").arg(spec.order.confirmationNumber, spec.order.label()),
                                 QString()});
    }
    if (m_random.bounded(8) == 0) {
        core::RecurringDonation monthly;
        monthly.id = core::UuidV7::generateText();
        monthly.amountMinor = 1000 * (1 + qint64(m_random.bounded(10)));
        monthly.frequency = QStringLiteral("monthly");
        monthly.termMonths = m_random.bounded(2) ? 12 : 0;
        monthly.startsOn = createdAt.date().addMonths(1);
        monthly.status = m_random.bounded(4) == 0 ? QStringLiteral("cancelled") : QStringLiteral("active");
        if (monthly.status == QLatin1String("cancelled"))
            monthly.cancelReason = QStringLiteral("Moving away");
        activity.recurring.append(monthly);
    }
    const int logs = logsWanted >= 0 ? logsWanted : int(m_random.bounded(4));
    for (int i = 0; i < logs; ++i) {
        core::ContactLog log;
        log.kind = LogKinds.at(m_random.bounded(int(LogKinds.size())));
        log.direction = m_random.bounded(2) ? QStringLiteral("inbound") : QStringLiteral("outbound");
        log.subject = Subjects.at(m_random.bounded(int(Subjects.size())));
        log.outcome = Outcomes.at(m_random.bounded(int(Outcomes.size())));
        log.occurredAt = createdAt.addSecs(3600 + m_random.bounded(300 * 24 * 3600));
        activity.logs.append(log);
    }
    if (m_random.bounded(10) == 0)
        activity.history.append({createdAt.addDays(2), QStringLiteral("abandoned_cart"),
                                 QStringLiteral("Left 2 tickets in the online cart"), QString()});
    return activity;
}

} // namespace foyer::seed
