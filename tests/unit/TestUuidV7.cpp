#include "UuidV7.h"

#include <QSet>
#include <QTest>

using foyer::core::UuidV7;

class TestUuidV7 : public QObject
{
    Q_OBJECT
private slots:
    void versionAndVariant()
    {
        const QUuid id = UuidV7::generate();
        // QUuid::version() in Qt 6.4 knows versions 1-5 only, so read the nibble itself.
        QCOMPARE(quint8(id.toRfc4122().at(6)) >> 4, 7);
        QCOMPARE(id.variant(), QUuid::DCE);
    }

    void carriesItsTimestamp()
    {
        // Far ahead of the other tests: the generator never goes back in time within one process.
        const qint64 ms = 4102444800123;
        QCOMPARE(UuidV7::timestampOf(UuidV7::generateAt(ms)), ms);
    }

    void textIsCanonical()
    {
        const QString text = UuidV7::generateText();
        QCOMPARE(text.size(), 36);
        QVERIFY(!text.startsWith(u'{'));
        QCOMPARE(text.at(14), QChar(u'7'));
    }

    // Text order equals creation order, also within one millisecond: B-tree inserts land at the end.
    void sortsInCreationOrderAndNeverRepeats()
    {
        QString previous;
        QSet<QString> seen;
        for (int i = 0; i < 20000; ++i) {
            const QString id = UuidV7::generateAt(4102444900000 + i / 1000).toString(QUuid::WithoutBraces);
            QVERIFY2(id > previous, qPrintable(previous + QStringLiteral(" >= ") + id));
            QVERIFY(!seen.contains(id));
            seen.insert(id);
            previous = id;
        }
    }

    void clockGoingBackStillSorts()
    {
        const QString later = UuidV7::generateAt(4102445000000).toString(QUuid::WithoutBraces);
        const QString earlierClock = UuidV7::generateAt(4102444999000).toString(QUuid::WithoutBraces);
        QVERIFY(earlierClock > later);
    }
};

QTEST_GUILESS_MAIN(TestUuidV7)
#include "TestUuidV7.moc"
