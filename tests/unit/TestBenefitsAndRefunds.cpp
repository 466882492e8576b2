// Benefits and the order's life (PatronPortal presales, member seating, discounts; TicketStage change requests):
// data-driven cases for discounts, presales, member-only areas, refunds, exchanges and voids.
#include "BenefitRules.h"
#include "OrderLifeRules.h"

#include <QTest>

using namespace foyer::core;

using Lines = QList<BenefitLine>;
using Uses = QList<DiscountUse>;
using Prices = QList<qint64>;
Q_DECLARE_METATYPE(Lines)
Q_DECLARE_METATYPE(Uses)
Q_DECLARE_METATYPE(Prices)

namespace {

const QString Friend = QStringLiteral("level-friend");
const QString Circle = QStringLiteral("level-circle");

QList<Discount> discounts()
{
    return {{QStringLiteral("d-friend10"), QStringLiteral("FRIEND10"), true, Friend, 10, 0, QString()},
            {QStringLiteral("d-guest"), QStringLiteral("GUEST"), false, Circle, 100, 2, QStringLiteral("2026/27")}};
}

BenefitLine card(int row, qint64 price = 4500)
{
    return {row, price, QStringLiteral("credit_card")};
}

} // namespace

class TestBenefitsAndRefunds : public QObject
{
    Q_OBJECT
private slots:
    void discount_data()
    {
        QTest::addColumn<QStringList>("held");
        QTest::addColumn<Lines>("lines");
        QTest::addColumn<Uses>("prior");
        QTest::addColumn<Prices>("prices");
        QTest::newRow("automatic discount for a Friend")
            << QStringList{Friend} << Lines{card(0), card(1)} << Uses{} << Prices{4050, 4050};
        QTest::newRow("no benefit, no discount") << QStringList{} << Lines{card(0)} << Uses{} << Prices{4500};
        QTest::newRow("membership seat stays free")
            << QStringList{Friend} << Lines{{0, 4500, QStringLiteral("membership")}, card(1)} << Uses{}
            << Prices{0, 4050};
        QTest::newRow("two free guest tickets, the third pays")
            << QStringList{Circle} << Lines{card(0), card(1), card(2)} << Uses{} << Prices{0, 0, 4500};
        QTest::newRow("limit counts across orders")
            << QStringList{Circle} << Lines{card(0), card(1)}
            << Uses{{QStringLiteral("d-guest"), QStringLiteral("complete"), QStringLiteral("active")}}
            << Prices{0, 4500};
        QTest::newRow("a refunded ticket gives its use back")
            << QStringList{Circle} << Lines{card(0), card(1)}
            << Uses{{QStringLiteral("d-guest"), QStringLiteral("complete"), QStringLiteral("refunded")},
                    {QStringLiteral("d-guest"), QStringLiteral("fully_refunded"), QStringLiteral("active")}}
            << Prices{0, 0};
        QTest::newRow("both levels: the better discount first, then the automatic one")
            << QStringList{Friend, Circle} << Lines{card(0), card(1), card(2)} << Uses{} << Prices{0, 0, 4050};
        QTest::newRow("rounded in the patron's favour")
            << QStringList{Friend} << Lines{card(0, 999)} << Uses{} << Prices{899};
    }
    void discount()
    {
        QFETCH(QStringList, held);
        QFETCH(Lines, lines);
        QFETCH(Uses, prior);
        QFETCH(Prices, prices);
        const auto applied = BenefitRules::applyDiscounts(lines, held, discounts(), prior);
        Prices got;
        for (const auto& a : applied)
            got.append(a.priceMinor);
        QCOMPARE(got, prices);
    }

    void presale_data()
    {
        QTest::addColumn<int>("hoursFromPublicSale"); // now relative to the public sale
        QTest::addColumn<QStringList>("held");
        QTest::addColumn<QStringList>("memberArea");
        QTest::addColumn<QString>("problem"); // part of the message; empty: allowed
        QTest::newRow("non-member before the public sale")
            << -48 << QStringList{} << QStringList{} << QStringLiteral("Not on sale");
        QTest::newRow("member inside the presale window") << -48 << QStringList{Friend} << QStringList{} << QString();
        QTest::newRow("member before the window opens")
            << -24 * 20 << QStringList{Friend} << QStringList{} << QStringLiteral("Not on sale");
        QTest::newRow("other level inside the window")
            << -48 << QStringList{Circle} << QStringList{} << QStringLiteral("Not on sale");
        QTest::newRow("anyone after the public sale") << 1 << QStringList{} << QStringList{} << QString();
        QTest::newRow("member-only area refused without the level")
            << 1 << QStringList{Friend} << QStringList{Circle} << QStringLiteral("members-only");
        QTest::newRow("member-only area with the level")
            << 1 << QStringList{Circle} << QStringList{Circle} << QString();
    }
    void presale()
    {
        QFETCH(int, hoursFromPublicSale);
        QFETCH(QStringList, held);
        QFETCH(QStringList, memberArea);
        QFETCH(QString, problem);
        const QDateTime publicSale(QDate(2026, 10, 1), QTime(10, 0), Qt::UTC);
        const QList<PresaleWindow> windows = {{Friend, publicSale.addDays(-14), publicSale}};
        const QString got = BenefitRules::saleProblem(publicSale.addSecs(hoursFromPublicSale * 3600), publicSale,
                                                      windows, memberArea, held);
        if (problem.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(problem), qPrintable(got));
    }

    void refund_data()
    {
        QTest::addColumn<QStringList>("refund");
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<qint64>("money");
        QTest::addColumn<int>("credits");
        QTest::addColumn<QString>("status");
        const int manager = int(StaffMember::Role::Manager);
        QTest::newRow("one line of three") << QStringList{QStringLiteral("l2")} << manager << QString() << qint64(4500)
                                           << 0 << QStringLiteral("partially_refunded");
        QTest::newRow("the membership line frees its credit")
            << QStringList{QStringLiteral("l3")} << manager << QString() << qint64(0) << 1
            << QStringLiteral("partially_refunded");
        QTest::newRow("every line: fully refunded")
            << QStringList{QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l3")} << manager << QString()
            << qint64(9000) << 1 << QStringLiteral("fully_refunded");
        QTest::newRow("box office may not refund")
            << QStringList{QStringLiteral("l2")} << int(StaffMember::Role::BoxOffice)
            << QStringLiteral("Only a manager") << qint64(0) << 0 << QString();
        QTest::newRow("an already refunded seat") << QStringList{QStringLiteral("l4")} << manager
                                                  << QStringLiteral("already refunded") << qint64(0) << 0 << QString();
        QTest::newRow("a seat of another order") << QStringList{QStringLiteral("x9")} << manager
                                                 << QStringLiteral("not in this order") << qint64(0) << 0 << QString();
    }
    void refund()
    {
        QFETCH(QStringList, refund);
        QFETCH(int, role);
        QFETCH(QString, problem);
        QFETCH(qint64, money);
        QFETCH(int, credits);
        QFETCH(QString, status);
        const QList<LineForLife> lines = {
            {QStringLiteral("l1"), 4500, QStringLiteral("credit_card")},
            {QStringLiteral("l2"), 4500, QStringLiteral("cash")},
            {QStringLiteral("l3"), 0, QStringLiteral("membership")},
            {QStringLiteral("l4"), 4500, QStringLiteral("cash"), QStringLiteral("refunded")}};
        const auto plan = OrderLifeRules::planRefund(lines, refund, StaffMember::Role(role), QStringLiteral("Ill"));
        if (!problem.isEmpty()) {
            QVERIFY2(plan.problem.contains(problem), qPrintable(plan.problem));
            return;
        }
        QVERIFY2(plan.problem.isEmpty(), qPrintable(plan.problem));
        QCOMPARE(plan.refundMinor, money);
        QCOMPARE(plan.creditsFreed, credits);
        QCOMPARE(plan.orderStatus, status);
    }

    void refundNeedsAReason()
    {
        const auto plan = OrderLifeRules::planRefund({{QStringLiteral("l1"), 100, QStringLiteral("cash")}},
                                                     {QStringLiteral("l1")}, StaffMember::Role::Manager, QString());
        QVERIFY(plan.problem.contains(QStringLiteral("why")));
    }

    void refund_exchangeToADearerPerformanceChargesTheDifference()
    {
        QCOMPARE(OrderLifeRules::exchangeDifference(4500, 5200), qint64(700));
        QCOMPARE(OrderLifeRules::exchangeDifference(5200, 4500), qint64(-700));
    }

    void refund_voidOfAPaidOrderIsRefused()
    {
        QVERIFY(OrderLifeRules::voidProblem(QStringLiteral("complete"), 9000, QStringLiteral("Duplicate"))
                    .contains(QStringLiteral("refund it instead")));
        QVERIFY(OrderLifeRules::voidProblem(QStringLiteral("open"), 0, QStringLiteral("Duplicate")).isEmpty());
        QVERIFY(!OrderLifeRules::voidProblem(QStringLiteral("open"), 0, QString()).isEmpty());
    }

    void changeRequestNeedsWhatWhyAndWho()
    {
        QVERIFY(OrderLifeRules::changeRequestProblem(QStringLiteral("complete"),
                                                     QStringLiteral("Charge seat 3 to card"),
                                                     QStringLiteral("Member had no credits"), QStringLiteral("Ann Lee"))
                    .isEmpty());
        QVERIFY(!OrderLifeRules::changeRequestProblem(QStringLiteral("complete"), QString(), QStringLiteral("x"),
                                                      QStringLiteral("y"))
                     .isEmpty());
        QVERIFY(OrderLifeRules::changeRequestProblem(QStringLiteral("open"), QStringLiteral("a"), QStringLiteral("b"),
                                                     QStringLiteral("c"))
                    .contains(QStringLiteral("order editor")));
    }
};

QTEST_APPLESS_MAIN(TestBenefitsAndRefunds)
#include "TestBenefitsAndRefunds.moc"
