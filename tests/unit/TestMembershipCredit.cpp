// The membership seat-credit rule (TicketStage "Membership Pay Type"): data-driven cases for confirmation and for
// order-time member authentication.
#include "MembershipCreditRule.h"
#include "OrderDraft.h"

#include <QTest>

using namespace foyer::core;

namespace {

const QString Tempest = QStringLiteral("show-tempest");
const QString Hamlet = QStringLiteral("show-hamlet");
const QDate PerformanceDay(2026, 12, 5);

MemberRecord member(const QString& number, const QString& email, int tempestCredits)
{
    MemberRecord m;
    m.membershipNumber = number;
    m.email = email;
    m.passwordHash = QStringLiteral("hash:") + number; // the test's stand-in for an Argon2id string
    m.validFrom = QDate(2026, 9, 1);
    m.validUntil = QDate(2027, 8, 31);
    m.coveredShowIds = {Tempest};
    m.creditsPerShow.insert(Tempest, tempestCredits);
    return m;
}

MembershipSeatLine seat(int row, const QString& number, const QString& show = Tempest)
{
    return {row, number, show, PerformanceDay, QString(), QStringLiteral("line-%1").arg(row)};
}

} // namespace

using Lines = QList<MembershipSeatLine>;
using Uses = QList<PriorCreditUse>;
using Errors = QMap<int, QString>; // row -> part of the expected message
Q_DECLARE_METATYPE(Lines)
Q_DECLARE_METATYPE(Uses)
Q_DECLARE_METATYPE(Errors)

class TestMembershipCredit : public QObject
{
    Q_OBJECT
    QHash<QString, MemberRecord> m_members;

private slots:
    void initTestCase()
    {
        m_members.insert(QStringLiteral("M-1"), member(QStringLiteral("M-1"), QStringLiteral("ann@example.org"), 2));
        m_members.insert(QStringLiteral("M-2"), member(QStringLiteral("M-2"), QStringLiteral("bob@example.org"), 1));
        MemberRecord expired = member(QStringLiteral("M-3"), QStringLiteral("cy@example.org"), 4);
        expired.validUntil = QDate(2026, 8, 31);
        m_members.insert(expired.membershipNumber, expired);
        // Two memberships registered under one household email.
        m_members.insert(QStringLiteral("M-4"), member(QStringLiteral("M-4"), QStringLiteral("home@example.org"), 2));
        m_members.insert(QStringLiteral("M-5"), member(QStringLiteral("M-5"), QStringLiteral("home@example.org"), 2));
        MemberRecord season = member(QStringLiteral("M-6"), QStringLiteral("sue@example.org"), 0);
        season.creditsPerShow.clear();
        season.coveredShowIds = {Tempest, Hamlet};
        season.seasonCredits = 3;
        m_members.insert(season.membershipNumber, season);
        // Kim's email is also on a membership that is not in any of these orders (the storage counts it).
        MemberRecord kim = member(QStringLiteral("M-7"), QStringLiteral("kim@example.org"), 2);
        kim.membershipsWithEmail = 2;
        m_members.insert(kim.membershipNumber, kim);
    }

    void credit_data()
    {
        QTest::addColumn<Lines>("lines");
        QTest::addColumn<Uses>("prior");
        QTest::addColumn<Errors>("errors");
        const QString m1 = QStringLiteral("M-1"), m2 = QStringLiteral("M-2");
        const QString notEnough = QStringLiteral("Not enough seat credits left for this show");
        QTest::newRow("exact credits") << Lines{seat(0, m1), seat(1, m1)} << Uses{} << Errors{};
        QTest::newRow("one too many") << Lines{seat(0, m1), seat(1, m1), seat(2, m1)} << Uses{}
                                      << Errors{{2, notEnough}};
        QTest::newRow("two lines same member add up")
            << Lines{seat(0, m2), seat(3, m2)} << Uses{} << Errors{{3, notEnough}};
        QTest::newRow("one line each for two members") << Lines{seat(0, m1), seat(1, m2)} << Uses{} << Errors{};
        QTest::newRow("prior usage in another order")
            << Lines{seat(0, m1), seat(1, m1)}
            << Uses{{m1, Tempest, QStringLiteral("complete"), QStringLiteral("active")}} << Errors{{1, notEnough}};
        QTest::newRow("usage in a cancelled order does not count")
            << Lines{seat(0, m1), seat(1, m1)}
            << Uses{{m1, Tempest, QStringLiteral("cancelled"), QStringLiteral("active")},
                    {m1, Tempest, QStringLiteral("void"), QStringLiteral("active")}}
            << Errors{};
        QTest::newRow("a refunded seat gives its credit back")
            << Lines{seat(0, m1), seat(1, m1)}
            << Uses{{m1, Tempest, QStringLiteral("complete"), QStringLiteral("refunded")}} << Errors{};
        QTest::newRow("prior usage for another show does not count")
            << Lines{seat(0, m1), seat(1, m1)}
            << Uses{{m1, Hamlet, QStringLiteral("complete"), QStringLiteral("active")}} << Errors{};
        QTest::newRow("expired membership") << Lines{seat(0, QStringLiteral("M-3"))} << Uses{}
                                            << Errors{{0, QStringLiteral("not active on the performance date")}};
        QTest::newRow("show not covered")
            << Lines{seat(0, m1, Hamlet)} << Uses{} << Errors{{0, QStringLiteral("does not cover this show")}};
        QTest::newRow("unknown membership")
            << Lines{seat(0, QStringLiteral("M-99"))} << Uses{} << Errors{{0, QStringLiteral("No membership M-99")}};
        QTest::newRow("no membership number")
            << Lines{seat(4, QString())} << Uses{} << Errors{{4, QStringLiteral("Enter the membership number")}};
        QTest::newRow("season credits shared across shows")
            << Lines{seat(0, QStringLiteral("M-6")), seat(1, QStringLiteral("M-6"), Hamlet),
                     seat(2, QStringLiteral("M-6"), Hamlet)}
            << Uses{{QStringLiteral("M-6"), Tempest, QStringLiteral("complete"), QStringLiteral("active")}}
            << Errors{{2, notEnough}};
        QTest::newRow("only the failing row gets the error, others pass")
            << Lines{seat(0, m1), seat(1, m2), seat(2, m2)} << Uses{} << Errors{{2, notEnough}};
        // "N left" is what the rows above in this order have left, not the count before the order.
        QTest::newRow("left counts the rows above")
            << Lines{seat(0, m1), seat(1, m1), seat(2, m1), seat(3, m1)} << Uses{}
            << Errors{{2, QStringLiteral("(0 left for membership M-1)")},
                      {3, QStringLiteral("(0 left for membership M-1)")}};
        QTest::newRow("left counts prior use and the rows above")
            << Lines{seat(0, m1), seat(1, m1)}
            << Uses{{m1, Tempest, QStringLiteral("complete"), QStringLiteral("active")}}
            << Errors{{1, QStringLiteral("(0 left for membership M-1)")}};
        QTest::newRow("season left counts the rows above across shows")
            << Lines{seat(0, QStringLiteral("M-6")), seat(1, QStringLiteral("M-6"), Hamlet),
                     seat(2, QStringLiteral("M-6"), Hamlet)}
            << Uses{{QStringLiteral("M-6"), Tempest, QStringLiteral("complete"), QStringLiteral("active")}}
            << Errors{{2, QStringLiteral("(0 left for membership M-6)")}};
        QTest::newRow("rows refused for another reason take no credit")
            << Lines{seat(0, m1, Hamlet), seat(1, m1), seat(2, m1), seat(3, m1)} << Uses{}
            << Errors{{0, QStringLiteral("does not cover")}, {3, QStringLiteral("(0 left for membership M-1)")}};
    }
    void credit()
    {
        QFETCH(Lines, lines);
        QFETCH(Uses, prior);
        QFETCH(Errors, errors);
        const auto found = MembershipCreditRule::validate(lines, m_members, prior);
        QMap<int, QString> byRow;
        for (const auto& error : found)
            byRow.insert(error.row, error.message);
        QCOMPARE(byRow.keys(), errors.keys());
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            QVERIFY2(byRow.value(it.key()).contains(it.value()), qPrintable(byRow.value(it.key())));
    }

    void credit_authentication_data()
    {
        QTest::addColumn<Lines>("lines");
        QTest::addColumn<Errors>("errors");
        QTest::addColumn<QString>("firstMember");
        // Each seat's typed password is found by its line id, as the editor's password store finds it.
        const auto typed = [](int row, const char* number, const char* email, const char* password) {
            const QString lineId = QStringLiteral("line-%1:%2").arg(row).arg(QString::fromLatin1(password));
            return MembershipSeatLine{
                row, QString::fromLatin1(number), Tempest, PerformanceDay, QString::fromLatin1(email), lineId};
        };
        QTest::newRow("first seat email and password, second email only")
            << Lines{typed(0, "M-1", "ann@example.org", "M-1"), typed(1, "M-2", "BOB@example.org", "")} << Errors{}
            << QStringLiteral("M-1");
        QTest::newRow("wrong password") << Lines{typed(0, "M-1", "ann@example.org", "guess")}
                                        << Errors{{0, QStringLiteral("Wrong email or password")}} << QString();
        QTest::newRow("first seat without password")
            << Lines{typed(0, "M-1", "ann@example.org", "")} << Errors{{0, QStringLiteral("Wrong email or password")}}
            << QString();
        QTest::newRow("email of another member") << Lines{typed(0, "M-1", "bob@example.org", "M-1")}
                                                 << Errors{{0, QStringLiteral("does not match")}} << QString();
        QTest::newRow("email shared by two memberships needs the password for each")
            << Lines{typed(0, "M-4", "home@example.org", "M-4"), typed(1, "M-5", "home@example.org", "")}
            << Errors{{1, QStringLiteral("Wrong email or password")}} << QStringLiteral("M-4");
        QTest::newRow("shared email with both passwords")
            << Lines{typed(0, "M-4", "home@example.org", "M-4"), typed(1, "M-5", "home@example.org", "M-5")} << Errors{}
            << QStringLiteral("M-4");
        QTest::newRow("email shared with a membership outside the order needs the password")
            << Lines{typed(0, "M-1", "ann@example.org", "M-1"), typed(1, "M-7", "kim@example.org", "")}
            << Errors{{1, QStringLiteral("Wrong email or password")}} << QStringLiteral("M-1");
        QTest::newRow("email shared outside the order, password given")
            << Lines{typed(0, "M-1", "ann@example.org", "M-1"), typed(1, "M-7", "kim@example.org", "M-7")} << Errors{}
            << QStringLiteral("M-1");
    }
    void credit_authentication()
    {
        QFETCH(Lines, lines);
        QFETCH(Errors, errors);
        QFETCH(QString, firstMember);
        // The password typed for a seat is what follows the colon of its line id here; none typed never matches.
        const auto check = [](const MembershipSeatLine& line, const QString& hash) {
            const QString password = line.lineId.section(u':', 1);
            return !password.isEmpty() && hash == QStringLiteral("hash:") + password;
        };
        QString first;
        const auto found = MembershipCreditRule::authenticate(lines, m_members, check, &first);
        QMap<int, QString> byRow;
        for (const auto& error : found)
            byRow.insert(error.row, error.message);
        QCOMPARE(byRow.keys(), errors.keys());
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            QVERIFY2(byRow.value(it.key()).contains(it.value()), qPrintable(byRow.value(it.key())));
        QCOMPARE(first, firstMember);
    }

    void membershipSeatsArePricedZeroAndTotalledByPayType()
    {
        OrderDraft order;
        OrderLineDraft card;
        card.listPriceMinor = 4500;
        OrderLineDraft member = card;
        member.payType = QStringLiteral("membership");
        member.membershipNumber = QStringLiteral("M-1");
        OrderLineDraft cash = card;
        cash.payType = QStringLiteral("cash");
        cash.listPriceMinor = 3000;
        order.lines = {card, member, cash};
        QCOMPARE(order.totalMinor(), qint64(7500));
        QCOMPARE(order.totalsByPayType().value(QStringLiteral("membership")), qint64(0));
        QCOMPARE(order.totalsByPayType().value(QStringLiteral("cash")), qint64(3000));
        QCOMPARE(order.seatsByPayType().value(QStringLiteral("membership")), 1);
        QCOMPARE(order.membershipLines().size(), 1);
        QCOMPARE(order.membershipLines().constFirst().row, 1);
    }
};

QTEST_APPLESS_MAIN(TestMembershipCredit)
#include "TestMembershipCredit.moc"
