#include "NewPatronRules.h"

#include <QTest>

using foyer::core::NewPatronRules;

class TestNewPatronRules : public QObject
{
    Q_OBJECT
private slots:
    void check_data()
    {
        QTest::addColumn<bool>("requireEmail");
        QTest::addColumn<bool>("requirePhone");
        QTest::addColumn<QStringList>("input"); // first, last, organisation, email, phone
        QTest::addColumn<QString>("problemField");
        QTest::addColumn<QString>("wording");
        const QString none;
        QTest::newRow("name and email") << false << false
                                        << QStringList{QStringLiteral("Ada"), QStringLiteral("Lovelace"), none,
                                                       QStringLiteral("ada@example.org"), none}
                                        << none << none;
        QTest::newRow("name and phone") << false << false
                                        << QStringList{none, QStringLiteral("Lovelace"), none, none,
                                                       QStringLiteral("555 0101 23")}
                                        << none << none;
        QTest::newRow("organisation only name")
            << false << false
            << QStringList{none, none, QStringLiteral("Acme"), QStringLiteral("box@acme.example"), none} << none
            << none;
        QTest::newRow("no name") << false << false
                                 << QStringList{none, none, none, QStringLiteral("ada@example.org"), none}
                                 << QStringLiteral("lastName") << QStringLiteral("name");
        QTest::newRow("no contact point")
            << false << false << QStringList{QStringLiteral("Ada"), QStringLiteral("Lovelace"), none, none, none}
            << QStringLiteral("email") << QStringLiteral("email address or a phone");
        QTest::newRow("bad email") << false << false
                                   << QStringList{QStringLiteral("Ada"), QStringLiteral("L"), none,
                                                  QStringLiteral("ada(at)example"), none}
                                   << QStringLiteral("email") << QStringLiteral("not an email address");
        QTest::newRow("bad phone") << false << false
                                   << QStringList{QStringLiteral("Ada"), QStringLiteral("L"), none, none,
                                                  QStringLiteral("call me")}
                                   << QStringLiteral("phone") << QStringLiteral("only hold digits");
        QTest::newRow("short phone") << false << false
                                     << QStringList{QStringLiteral("Ada"), QStringLiteral("L"), none, none,
                                                    QStringLiteral("555-01")}
                                     << QStringLiteral("phone") << QStringLiteral("7 to 15 digits");
        QTest::newRow("venue requires email")
            << true << false
            << QStringList{QStringLiteral("Ada"), QStringLiteral("L"), none, none, QStringLiteral("555 0101 23")}
            << QStringLiteral("email") << QStringLiteral("requires an email");
        QTest::newRow("venue requires phone")
            << false << true
            << QStringList{QStringLiteral("Ada"), QStringLiteral("L"), none, QStringLiteral("ada@example.org"), none}
            << QStringLiteral("phone") << QStringLiteral("requires a phone");
    }

    void check()
    {
        QFETCH(bool, requireEmail);
        QFETCH(bool, requirePhone);
        QFETCH(QStringList, input);
        QFETCH(QString, problemField);
        QFETCH(QString, wording);
        NewPatronRules rules;
        rules.requireEmail = requireEmail;
        rules.requirePhone = requirePhone;
        const auto problem = rules.check(input.at(0), input.at(1), input.at(2), input.at(3), input.at(4));
        QCOMPARE(problem.field, problemField);
        QVERIFY2(problem.message.contains(wording), qPrintable(problem.message));
    }
};

QTEST_GUILESS_MAIN(TestNewPatronRules)
#include "TestNewPatronRules.moc"
