// Table-driven: the patron-facing order label and the donation-visibility rule.
#include "DonationVisibility.h"
#include "OrderStatus.h"

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
};

QTEST_GUILESS_MAIN(TestOrderRules)
#include "TestOrderRules.moc"
