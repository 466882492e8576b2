// The payment step's arithmetic and checks (core::Tender): change and kept cash, short cash refused, processor
// references accepted and card numbers refused, a check's number, a split tender against what the order owes.
#include "MoneyFormat.h"
#include "Tender.h"

#include <QTest>

using namespace foyer::core;

class TestTender : public QObject
{
    Q_OBJECT

    static Tender::Payment payment(const char* payType, qint64 due, qint64 tendered = 0, const char* reference = "")
    {
        Tender::Payment p;
        p.payType = QString::fromLatin1(payType);
        p.dueMinor = due;
        p.tenderedMinor = tendered;
        p.reference = QString::fromLatin1(reference);
        return p;
    }

private slots:
    void dueListsEachPayTypeOwingMoney()
    {
        const QList<Tender::Payment> due = Tender::due({{QStringLiteral("membership"), 0},
                                                        {QStringLiteral("gift_card"), 1000},
                                                        {QStringLiteral("cash"), 9000},
                                                        {QStringLiteral("check"), 0},
                                                        {QStringLiteral("credit_card"), 4500}});
        QCOMPARE(due.size(), 3);
        // In PayType::codes() order.
        QCOMPARE(due.at(0).payType, QStringLiteral("credit_card"));
        QCOMPARE(due.at(1).payType, QStringLiteral("cash"));
        QCOMPARE(due.at(1).dueMinor, qint64(9000));
        QCOMPARE(due.at(2).payType, QStringLiteral("gift_card"));
    }

    void cashGivesChangeAndKeepsTheAmountDue()
    {
        const Tender::Payment cash = payment("cash", 9000, 10000);
        QVERIFY(Tender::problem(cash).isEmpty());
        QCOMPARE(cash.changeMinor(), qint64(1000));
        QCOMPARE(cash.keptMinor(), qint64(9000));
        const Tender::Payment exact = payment("cash", 9000, 9000);
        QVERIFY(Tender::problem(exact).isEmpty());
        QCOMPARE(exact.changeMinor(), qint64(0));
        QCOMPARE(exact.keptMinor(), qint64(9000));
    }

    void shortCashIsRefused()
    {
        const QString why = Tender::problem(payment("cash", 9000, 8000));
        QVERIFY2(why.contains(QStringLiteral("short")), qPrintable(why));
        QVERIFY2(why.contains(MoneyFormat::amount(1000)), qPrintable(why));
        QCOMPARE(payment("cash", 9000, 8000).changeMinor(), qint64(0));
    }

    void cardNumbersAreRefusedAndTokensTaken()
    {
        QVERIFY(Tender::passesLuhn(QStringLiteral("4111111111111111")));
        QVERIFY(!Tender::passesLuhn(QStringLiteral("4111111111111112")));
        for (const char* number : {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
                                   "6011111111111117", "APPROVED4111111111111111", "5555555555554444"}) {
            QVERIFY2(Tender::looksLikeCardNumber(QString::fromLatin1(number)), number);
            const QString why = Tender::problem(payment("credit_card", 4500, 0, number));
            QVERIFY2(why.contains(QStringLiteral("card number")), qPrintable(why));
            QVERIFY(Tender::problem(payment("gift_card", 4500, 0, number)).contains(QStringLiteral("card number")));
        }
        // Processor tokens and approval codes, including long digit runs that fail Luhn.
        for (const char* token : {"A1B2C3", "123456", "tok_9f8e7d6c", "TXN-2026-000042", "4111111111111112"}) {
            QVERIFY2(!Tender::looksLikeCardNumber(QString::fromLatin1(token)), token);
            QVERIFY2(Tender::problem(payment("credit_card", 4500, 0, token)).isEmpty(), token);
        }
        QVERIFY(Tender::problem(payment("credit_card", 4500)).contains(QStringLiteral("approval")));
        QVERIFY(!Tender::problem(payment("credit_card", 4500, 0, "two words")).isEmpty());
    }

    void checkNeedsItsNumber()
    {
        QVERIFY(Tender::problem(payment("check", 4500, 0, "001042")).isEmpty());
        QVERIFY(!Tender::problem(payment("check", 4500)).isEmpty());
        QVERIFY(!Tender::problem(payment("check", 4500, 0, "12ab")).isEmpty());
    }

    void splitTenderMustMatchWhatIsOwed()
    {
        const QMap<QString, qint64> owed = {{QStringLiteral("cash"), 9000}, {QStringLiteral("credit_card"), 4500}};
        const QList<Tender::Payment> split = {payment("cash", 9000, 10000), payment("credit_card", 4500, 0, "AP77")};
        QVERIFY(Tender::check(split, owed).isEmpty());
        // One pay type left out, an amount due changed since the step, a pay type taken twice, one owing nothing.
        QVERIFY(!Tender::check({split.at(0)}, owed).isEmpty());
        QVERIFY(Tender::check({payment("cash", 8000, 10000), split.at(1)}, owed).contains(QStringLiteral("now")));
        QVERIFY(!Tender::check(split + QList<Tender::Payment>{split.at(1)}, owed).isEmpty());
        QVERIFY(!Tender::check(split + QList<Tender::Payment>{payment("check", 100, 0, "1")}, owed).isEmpty());
        // Each payment checked too.
        QVERIFY(!Tender::check({payment("cash", 9000, 100), split.at(1)}, owed).isEmpty());
    }

    void keptIsTenderedMinusChange()
    {
        QCOMPARE(Tender::kept(9000, QVariant(qint64(10000)), QVariant(qint64(1000))), qint64(9000));
        QCOMPARE(Tender::kept(4500, QVariant(), QVariant()), qint64(4500)); // rows from before the step
    }
};

QTEST_GUILESS_MAIN(TestTender)
#include "TestTender.moc"
