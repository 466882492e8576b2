// Table-driven: the patron-facing order label and the donation-visibility rule.
#include "DonationVisibility.h"
#include "OrderStatus.h"
#include "PatronOverview.h"

#include <QTest>

using foyer::core::DonationVisibility;
using foyer::core::OrderStatus;

class TestOrderRules : public QObject
{
    Q_OBJECT
private slots:
    void patronLabel_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("staff");
        QTest::addColumn<QString>("patron");
        QTest::newRow("to be qualified") << "to_be_qualified"
                                         << "To Be Qualified"
                                         << "Completed";
        QTest::newRow("complete") << "complete"
                                  << "Complete"
                                  << "Completed";
        QTest::newRow("partially paid") << "partially_paid"
                                        << "Partially Paid"
                                        << "Partially Paid";
        QTest::newRow("reservation") << "reservation"
                                     << "Reservation"
                                     << "Reservation";
        QTest::newRow("payment exception") << "payment_exception"
                                           << "Payment Exception"
                                           << "In Review";
        QTest::newRow("confirmation exception") << "confirmation_exception"
                                                << "Confirmation Exception"
                                                << "In Review";
        QTest::newRow("chargeback pending") << "chargeback_pending"
                                            << "Chargeback Pending"
                                            << "In Review";
        QTest::newRow("fully refunded") << "fully_refunded"
                                        << "Fully Refunded"
                                        << "Refunded";
        QTest::newRow("open order is not shown to patrons") << "open"
                                                            << "Open"
                                                            << "";
    }
    void patronLabel()
    {
        QFETCH(QString, code);
        QFETCH(QString, staff);
        QFETCH(QString, patron);
        QCOMPARE(OrderStatus::staffLabel(code), staff);
        QCOMPARE(OrderStatus::patronLabel(code), patron);
        QVERIFY(OrderStatus::internalCodes().contains(code));
    }

    void donationCounts_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("probability");
        QTest::addColumn<bool>("counts");
        QTest::newRow("posted") << "Posted" << -1 << true;
        QTest::newRow("pending") << "Pending" << -1 << true;
        QTest::newRow("pledged, low probability still counts") << "Pledged" << 10 << true;
        QTest::newRow("negotiation/review") << "Negotiation/Review" << -1 << true;
        QTest::newRow("case does not matter") << "posted" << -1 << true;
        QTest::newRow("custom at 90") << "Board Approved" << 90 << true;
        QTest::newRow("custom at 95") << "Verbal Commitment" << 95 << true;
        QTest::newRow("custom at 89") << "Verbal Commitment" << 89 << false;
        QTest::newRow("custom without probability") << "Prospect" << -1 << false;
        QTest::newRow("declined, even at 100") << "Declined" << 100 << false;
        QTest::newRow("cancelled") << "Cancelled" << -1 << false;
        QTest::newRow("written off") << "Written Off" << 95 << false;
    }
    void donationCounts()
    {
        QFETCH(QString, status);
        QFETCH(int, probability);
        QFETCH(bool, counts);
        QCOMPARE(DonationVisibility::countsAsComplete(status, probability), counts);
    }

    void overviewCountsSpendingByBucketAndOnlyCompleteDonations()
    {
        using foyer::core::OrderSummary;
        auto order = [](const char* category, const char* status, qint64 lines, qint64 donation, int items, int day) {
            OrderSummary o;
            o.category = QString::fromLatin1(category);
            o.internalStatus = QString::fromLatin1(status);
            o.donationMinor = donation;
            o.totalMinor = lines + donation;
            o.items = items;
            o.createdAt = QDateTime(QDate(2026, 1, day), QTime(12, 0), Qt::UTC);
            return o;
        };
        const QList<OrderSummary> orders = {order("ticket", "complete", 9000, 2000, 2, 5),
                                            order("collection", "to_be_qualified", 12000, 0, 3, 9),
                                            order("class_registration", "complete", 4000, 0, 1, 2),
                                            order("pass", "partially_paid", 15000, 0, 1, 20),
                                            order("gift_card", "complete", 5000, 0, 1, 21),
                                            order("ticket", "fully_refunded", 7000, 0, 2, 1),
                                            order("donation", "complete", 0, 10000, 0, 22)};
        const QList<foyer::core::DonationRecord> donations = {{2000, QStringLiteral("Posted"), -1},
                                                              {10000, QStringLiteral("Pledged"), -1},
                                                              {50000, QStringLiteral("Declined"), -1},
                                                              {3000, QStringLiteral("Verbal Commitment"), 95},
                                                              {4000, QStringLiteral("Verbal Commitment"), 40}};
        foyer::core::RecurringDonation monthly;
        monthly.status = QStringLiteral("active");
        const auto overview = foyer::core::PatronOverview::compute(orders, donations, {monthly});
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("tickets")), 9000);
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("collections")), 12000);
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("classes")), 4000);
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("passes")), 15000);
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("add_ons")), 5000);
        QCOMPARE(overview.donatedMinor, 2000 + 10000 + 3000);
        QCOMPARE(overview.spendingMinor.value(QStringLiteral("donations")), overview.donatedMinor);
        QCOMPARE(overview.totalSpentMinor, 9000 + 12000 + 4000 + 15000 + 5000 + 15000);
        QCOMPARE(overview.itemsPurchased, 2 + 3 + 1 + 1 + 1); // the refunded order does not count
        QCOMPARE(overview.firstTransaction.date(), QDate(2026, 1, 2));
        QCOMPARE(overview.lastTransaction.date(), QDate(2026, 1, 22));
        QVERIFY(overview.recurringDonor);
    }
};

QTEST_GUILESS_MAIN(TestOrderRules)
#include "TestOrderRules.moc"
