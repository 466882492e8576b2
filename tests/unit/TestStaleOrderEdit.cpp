// An editor's copy of an order against what is stored now (OrderLifeRules::staleEditProblem, staleLineProblem):
// only an open order read as open is written; anything else is refused naming what happened at the other window.
#include "OrderLifeRules.h"

#include <QTest>

using namespace foyer::core;

class TestStaleOrderEdit : public QObject
{
    Q_OBJECT

private slots:
    void anOrderMovedOnIsRefusedByCause_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("refusal"); // empty: may be written

        QTest::newRow("open as read") << "open"
                                      << "open"
                                      << "";
        QTest::newRow("confirmed elsewhere") << "open"
                                             << "complete"
                                             << "This order was confirmed at another window; reopen it";
        QTest::newRow("voided elsewhere") << "open"
                                          << "void"
                                          << "This order was voided at another window; reopen it";
        QTest::newRow("refunded elsewhere") << "open"
                                            << "partially_refunded"
                                            << "This order was refunded at another window; reopen it";
        QTest::newRow("fully refunded elsewhere") << "complete"
                                                  << "fully_refunded"
                                                  << "This order was refunded at another window";
        QTest::newRow("other status elsewhere") << "complete"
                                                << "chargeback_pending"
                                                << "changed at another window (now Chargeback Pending)";
        QTest::newRow("confirmed as read") << "complete"
                                           << "complete"
                                           << "This order is already Complete";
        QTest::newRow("void as read") << "void"
                                      << "void"
                                      << "This order is already Void";
    }
    void anOrderMovedOnIsRefusedByCause()
    {
        QFETCH(QString, expected);
        QFETCH(QString, stored);
        QFETCH(QString, refusal);
        const QString problem = OrderLifeRules::staleEditProblem(expected, stored);
        if (refusal.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(refusal), qPrintable(problem));
    }

    void aSeatChangedElsewhereIsRefusedByName_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("removed");
        QTest::addColumn<QString>("refusal");

        QTest::newRow("active") << "active" << false << "";
        QTest::newRow("refunded") << "refunded" << false << "Seat Stalls A4 was refunded at another window";
        QTest::newRow("exchanged") << "exchanged" << false << "Seat Stalls A4 was exchanged at another window";
        QTest::newRow("voided") << "void" << false << "Seat Stalls A4 was voided at another window";
        QTest::newRow("removed") << "active" << true << "Seat Stalls A4 was removed from this order at another window";
    }
    void aSeatChangedElsewhereIsRefusedByName()
    {
        QFETCH(QString, status);
        QFETCH(bool, removed);
        QFETCH(QString, refusal);
        const QString problem = OrderLifeRules::staleLineProblem(QStringLiteral("Stalls A4"), status, removed);
        if (refusal.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(refusal), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestStaleOrderEdit)
#include "TestStaleOrderEdit.moc"
