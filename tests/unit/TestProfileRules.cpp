// Rules behind the details panel and the overview: membership states, personal details, contact details, addresses.
#include "ContactDetailsForm.h"
#include "Membership.h"
#include "PersonalDetailsRules.h"
#include "PostalAddress.h"

#include <QTest>

using namespace foyer::core;

Q_DECLARE_METATYPE(Membership::State)

class TestProfileRules : public QObject
{
    Q_OBJECT
    const QDate m_today{2026, 11, 27};

private slots:
    void membershipState_data()
    {
        QTest::addColumn<bool>("recurring");
        QTest::addColumn<QDate>("validFrom");
        QTest::addColumn<QDate>("validUntil");
        QTest::addColumn<bool>("renewed");
        QTest::addColumn<Membership::State>("state");
        QTest::addColumn<bool>("active");
        QTest::addColumn<QString>("text");
        const QDate from(2026, 1, 1);
        QTest::newRow("valid, renewal months away")
            << true << from << QDate(2027, 6, 30) << false << Membership::State::Valid << true
            << QStringLiteral("Valid until 30 Jun 2027");
        QTest::newRow("due: 30 days before the end")
            << true << from << m_today.addDays(30) << false << Membership::State::Due << true
            << QStringLiteral("Due 27 Dec 2026");
        QTest::newRow("valid: 31 days before the end")
            << true << from << m_today.addDays(31) << false << Membership::State::Valid << true
            << QStringLiteral("Valid until 28 Dec 2026");
        QTest::newRow("last day is still due")
            << true << from << m_today << false << Membership::State::Due << true << QStringLiteral("Due 27 Nov 2026");
        QTest::newRow("past due the day after")
            << true << from << m_today.addDays(-1) << false << Membership::State::PastDue << true
            << QStringLiteral("Past due since 26 Nov 2026");
        QTest::newRow("past due at the end of the grace period")
            << true << from << m_today.addDays(-90) << false << Membership::State::PastDue << true
            << QStringLiteral("Past due since 29 Aug 2026");
        QTest::newRow("expired after the grace period")
            << true << from << m_today.addDays(-91) << false << Membership::State::Expired << false
            << QStringLiteral("Expired 28 Aug 2026");
        QTest::newRow("renewed by a newer one") << true << from << m_today.addDays(-10) << true
                                                << Membership::State::Renewed << false << QStringLiteral("Renewed");
        QTest::newRow("not recurring: member since")
            << false << QDate(2019, 9, 1) << QDate() << false << Membership::State::Valid << true
            << QStringLiteral("Member since 1 Sep 2019");
        QTest::newRow("not recurring, ended: expired at once")
            << false << QDate(2019, 9, 1) << m_today.addDays(-1) << false << Membership::State::Expired << false
            << QStringLiteral("Expired 26 Nov 2026");
        QTest::newRow("starts later") << true << m_today.addDays(5) << m_today.addDays(370) << false
                                      << Membership::State::NotYetValid << false << QStringLiteral("Starts 2 Dec 2026");
    }
    void membershipState()
    {
        QFETCH(bool, recurring);
        QFETCH(QDate, validFrom);
        QFETCH(QDate, validUntil);
        QFETCH(bool, renewed);
        QFETCH(Membership::State, state);
        QFETCH(bool, active);
        QFETCH(QString, text);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Membership m;
        m.recurring = recurring;
        m.validFrom = validFrom;
        m.validUntil = validUntil;
        m.renewed = renewed;
        QCOMPARE(Membership::stateName(m.state(m_today)), Membership::stateName(state));
        QCOMPARE(m.isActive(m_today), active);
        QCOMPARE(m.statusText(m_today), text);
    }

    void personalDetails_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problemField"); // empty: accepted
        QTest::newRow("good birthday") << "birthday"
                                       << "1984-03-21"
                                       << "";
        QTest::newRow("no birthday") << "birthday"
                                     << ""
                                     << "";
        QTest::newRow("birthday not a date") << "birthday"
                                             << "21/03/1984"
                                             << "birthday";
        QTest::newRow("birthday 30 February") << "birthday"
                                              << "1984-02-30"
                                              << "birthday";
        QTest::newRow("birthday in the future") << "birthday"
                                                << "2027-01-01"
                                                << "birthday";
        QTest::newRow("birthday 200 years ago") << "birthday"
                                                << "1826-01-01"
                                                << "birthday";
        QTest::newRow("alumni year") << "alumniYear"
                                     << "1998"
                                     << "";
        QTest::newRow("alumni year two digits") << "alumniYear"
                                                << "98"
                                                << "alumniYear";
        QTest::newRow("alumni year words") << "alumniYear"
                                           << "last year"
                                           << "alumniYear";
        QTest::newRow("no name at all") << "lastName"
                                        << ""
                                        << "lastName";
        QTest::newRow("pronouns too long") << "pronouns" << QString(41, u'x') << "pronouns";
    }
    void personalDetails()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, problemField);
        Patron before;
        before.firstName = QStringLiteral("Ada");
        before.lastName = QStringLiteral("Lovelace");
        before.source = QStringLiteral("box_office");
        PersonalDetailsForm form = PersonalDetailsForm::from(before);
        if (field == QLatin1String("birthday"))
            form.birthday = value;
        else if (field == QLatin1String("alumniYear"))
            form.alumniYear = value;
        else if (field == QLatin1String("pronouns"))
            form.pronouns = value;
        else if (field == QLatin1String("lastName"))
            form.firstName = form.lastName = value;
        Patron after = before;
        const auto problems = PersonalDetailsRules::apply(form, m_today, &after);
        if (problemField.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
            if (field == QLatin1String("birthday"))
                QCOMPARE(after.birthday, QDate::fromString(value, Qt::ISODate));
            if (field == QLatin1String("alumniYear"))
                QCOMPARE(after.alumniYear, value.toInt());
        } else {
            QCOMPARE(problems.size(), 1);
            QCOMPARE(problems.constFirst().field, problemField);
            QVERIFY(!problems.constFirst().message.isEmpty());
            // A refused form leaves the patron as it was.
            QCOMPARE(after.birthday, before.birthday);
            QCOMPARE(after.lastName, before.lastName);
            QCOMPARE(after.alumniYear, before.alumniYear);
        }
    }

    void changesNameOldAndNewValues()
    {
        Patron before;
        before.firstName = QStringLiteral("Ada");
        before.lastName = QStringLiteral("Byron");
        Patron after = before;
        after.lastName = QStringLiteral("Lovelace");
        after.emailSubscription = true;
        const auto changes = PersonalDetailsRules::changes(before, after);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).field, QStringLiteral("Last name"));
        QCOMPARE(changes.at(0).before, QStringLiteral("Byron"));
        QCOMPARE(changes.at(0).after, QStringLiteral("Lovelace"));
        QCOMPARE(changes.at(1).after, QStringLiteral("subscribed"));
        QVERIFY(PersonalDetailsRules::changes(before, before).isEmpty());
    }

    void contactDetails_data()
    {
        QTest::addColumn<QStringList>("emails");
        QTest::addColumn<QString>("primary");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("problemField");
        const QString original = QStringLiteral("ada@example.org");
        const QString second = QStringLiteral("ada@work.example");
        QTest::newRow("secondary email made primary") << QStringList{original, second} << second << ""
                                                      << "";
        QTest::newRow("original dropped") << QStringList{second} << second << ""
                                          << "newEmail";
        QTest::newRow("bad new email") << QStringList{original, QStringLiteral("ada(at)work")} << original << ""
                                       << "newEmail";
        QTest::newRow("same email twice") << QStringList{original, QStringLiteral("ADA@example.org")} << original << ""
                                          << "newEmail";
        QTest::newRow("primary not listed") << QStringList{original} << second << ""
                                            << "primaryEmail";
        QTest::newRow("bad cell number") << QStringList{original} << original << "12"
                                         << "cellPhone";
        QTest::newRow("good cell number") << QStringList{original} << original << "(555) 010-7788"
                                          << "";
    }
    void contactDetails()
    {
        QFETCH(QStringList, emails);
        QFETCH(QString, primary);
        QFETCH(QString, cell);
        QFETCH(QString, problemField);
        ContactDetailsForm form;
        form.emails = emails;
        form.primaryEmail = primary;
        form.cellPhone = cell;
        const auto problems = form.problems(QStringLiteral("ada@example.org"));
        QCOMPARE(problems.isEmpty() ? QString() : problems.constFirst().field, problemField);
    }

    void postalAddress()
    {
        PostalAddress address;
        address.line1 = QStringLiteral("12 Mill Lane");
        address.city = QStringLiteral("Bristol");
        address.postalCode = QStringLiteral("BS1 4DJ");
        address.country = QStringLiteral("United Kingdom");
        QVERIFY(address.problem().isEmpty());
        QCOMPARE(address.singleLine(), QStringLiteral("12 Mill Lane, Bristol BS1 4DJ, United Kingdom"));
        address.city.clear();
        QVERIFY(address.problem().contains(QStringLiteral("city")));
        address.city = QStringLiteral("Bristol");
        address.line1 = QStringLiteral("  ");
        QVERIFY(address.problem().contains(QStringLiteral("street")));
    }
};

QTEST_APPLESS_MAIN(TestProfileRules)
#include "TestProfileRules.moc"
