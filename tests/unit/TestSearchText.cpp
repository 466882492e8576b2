#include "SearchText.h"

#include <QTest>

using foyer::core::SearchText;
using Kind = SearchText::KeyKind;

class TestSearchText : public QObject
{
    Q_OBJECT
private slots:
    void normalizeWord_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("case") << QStringLiteral("Smith") << QStringLiteral("smith");
        QTest::newRow("apostrophe") << QStringLiteral("O'Brien") << QStringLiteral("obrien");
        QTest::newRow("accents") << QStringLiteral("Zo\u00eb \u00d3lafsd\u00f3ttir")
                                 << QStringLiteral("zoeolafsdottir");
        QTest::newRow("german sharp s") << QStringLiteral("Stra\u00dfe") << QStringLiteral("strasse");
        QTest::newRow("digits stay") << QStringLiteral("Apt. 4B") << QStringLiteral("apt4b");
        QTest::newRow("punctuation only") << QStringLiteral("--") << QString();
    }
    void normalizeWord()
    {
        QFETCH(QString, word);
        QFETCH(QString, normalized);
        QCOMPARE(SearchText::normalizeWord(word), normalized);
    }

    void queryTokens_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("two words") << QStringLiteral("  Ada  Love ")
                                   << QStringList{QStringLiteral("ada"), QStringLiteral("love")};
        QTest::newRow("hyphenated") << QStringLiteral("smith-jon")
                                    << QStringList{QStringLiteral("smith"), QStringLiteral("jon")};
        QTest::newRow("email") << QStringLiteral("Ada.L@Example") << QStringList{QStringLiteral("ada.l@example")};
        QTest::newRow("start of an email") << QStringLiteral("Ada.Lov") << QStringList{QStringLiteral("ada.lov")};
        QTest::newRow("phone with punctuation")
            << QStringLiteral("(555) 010-1") << QStringList{QStringLiteral("5550101")};
        QTest::newRow("patron number") << QStringLiteral("1042") << QStringList{QStringLiteral("1042")};
        QTest::newRow("name with digit") << QStringLiteral("suite 4")
                                         << QStringList{QStringLiteral("suite"), QStringLiteral("4")};
        QTest::newRow("blank") << QStringLiteral("   ") << QStringList{};
    }
    void queryTokens()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, tokens);
        QCOMPARE(SearchText::queryTokens(typed), tokens);
    }

    void anEmailIsAKeyFromEachLaterPieceAndTagsAreKeys()
    {
        const auto keys = SearchText::keysFor(QStringLiteral("Yara"), QStringLiteral("Darrow"), {}, QString(),
                                              {QStringLiteral("Yara.Darrow2500@Example.org")}, {}, 0,
                                              {QStringLiteral("VIP"), QStringLiteral("Board member")});
        auto has = [&keys](const char* text, Kind kind) {
            return keys.contains(SearchText::Key{QString::fromUtf8(text), kind});
        };
        QVERIFY(has("yara.darrow2500@example.org", Kind::Email));
        QVERIFY(has("darrow2500@example.org", Kind::Email));
        QVERIFY(has("darrow2500", Kind::EmailPart));
        QVERIFY(has("vip", Kind::Tag));
        QVERIFY(has("board", Kind::Tag));
        QVERIFY(has("member", Kind::Tag));
        QVERIFY(has("board member", Kind::Tag));
        // The query for the tail is one token, the same as the key.
        QCOMPARE(SearchText::queryTokens(QStringLiteral("darrow2500@example.org")),
                 QStringList{QStringLiteral("darrow2500@example.org")});
        // At most four tails, however many pieces the local part has.
        const auto many = SearchText::keysFor(QString(), QStringLiteral("X"), {}, QString(),
                                              {QStringLiteral("a.b.c.d.e.f.g@x.org")}, {}, 0);
        int tails = 0;
        for (const auto& key : many)
            if (key.kind == Kind::Email && key.text != QLatin1String("a.b.c.d.e.f.g@x.org"))
                ++tails;
        QCOMPARE(tails, 4);
    }

    void keysCoverEveryWayStaffSearch()
    {
        const auto keys = SearchText::keysFor(QStringLiteral("Mary-Jane"), QStringLiteral("O'Brien Smith"),
                                              {QStringLiteral("MJ"), QString()}, QStringLiteral("Acme Theatre Co."),
                                              {QStringLiteral("MJ.OBrien+tix@Mail.Example.org")},
                                              {QStringLiteral("+1 (555) 010-1234")}, 1042);
        auto has = [&keys](const char* text, Kind kind) {
            return keys.contains(SearchText::Key{QString::fromUtf8(text), kind});
        };
        QVERIFY(has("obrien", Kind::LastName));
        QVERIFY(has("smith", Kind::LastName));
        QVERIFY(has("obriensmith", Kind::LastName));
        QVERIFY(has("mary", Kind::FirstName));
        QVERIFY(has("jane", Kind::FirstName));
        QVERIFY(has("maryjane", Kind::FirstName));
        QVERIFY(has("mj", Kind::OtherName));
        QVERIFY(has("acme", Kind::Organisation));
        QVERIFY(has("mj.obrien+tix@mail.example.org", Kind::Email));
        QVERIFY(has("tix", Kind::EmailPart));
        QVERIFY(has("mail.example.org", Kind::EmailPart));
        QVERIFY(has("15550101234", Kind::Phone));
        QVERIFY(has("5550101234", Kind::Phone));
        QVERIFY(has("0101234", Kind::Phone));
        QVERIFY(has("50101234", Kind::Phone));
        QVERIFY(has("1234", Kind::Phone));
        QVERIFY(!has("101234", Kind::Phone));
        QVERIFY(has("1042", Kind::PatronNumber));
        QVERIFY(has("mary jane obrien smith", Kind::NamePhrase));
        QVERIFY(has("obrien smith mary jane", Kind::NamePhrase));
        QVERIFY(has("mj obrien smith", Kind::NamePhrase));
        QVERIFY(has("acme theatre co", Kind::NamePhrase));
        QSet<QString> distinct;
        for (const auto& key : keys)
            distinct.insert(key.text + QString::number(int(key.kind)));
        QCOMPARE(distinct.size(), keys.size()); // no repeats
    }

    void prefixEndBoundsTheRange()
    {
        QCOMPARE(SearchText::prefixEnd(QStringLiteral("smi")), QStringLiteral("smj"));
        QVERIFY(QStringLiteral("smith") < SearchText::prefixEnd(QStringLiteral("smi")));
        QVERIFY(QStringLiteral("smi") >= QStringLiteral("smi"));
        QVERIFY(!(QStringLiteral("smj") < SearchText::prefixEnd(QStringLiteral("smi"))));
    }
};

QTEST_GUILESS_MAIN(TestSearchText)
#include "TestSearchText.moc"
