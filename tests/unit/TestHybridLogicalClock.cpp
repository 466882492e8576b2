#include "HybridLogicalClock.h"

#include <QTest>

using foyer::core::HybridLogicalClock;

class TestHybridLogicalClock : public QObject
{
    Q_OBJECT
private slots:
    void textFormIsFixedWidth()
    {
        const HybridLogicalClock::Stamp stamp{1764611200000, 3, QStringLiteral("0193a1b2-0000-7000-8000-000000000001")};
        QCOMPARE(stamp.toText(), QStringLiteral("001764611200000-000003-0193a1b2-0000-7000-8000-000000000001"));
        QString error;
        const auto parsed = HybridLogicalClock::Stamp::parse(stamp.toText(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, stamp);
        QCOMPARE(HybridLogicalClock::Stamp::parse(QStringLiteral("001764611200004-000000-server"), &error)->node,
                 QStringLiteral("server"));
    }

    void parseRefusesMalformedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no node") << QStringLiteral("001764611200000-000003-");
        QTest::newRow("short ms") << QStringLiteral("1764611200000-000003-n");
        QTest::newRow("short counter") << QStringLiteral("001764611200000-03-n");
        QTest::newRow("letters") << QStringLiteral("00176461120000x-000003-n");
        QTest::newRow("sign") << QStringLiteral("-01764611200000-000003-n");
        QTest::newRow("space in node") << QStringLiteral("001764611200000-000003-a b");
        QTest::newRow("wrong separator") << QStringLiteral("001764611200000_000003-n");
    }
    void parseRefusesMalformedText()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!HybridLogicalClock::Stamp::parse(text, &error));
        QVERIFY(!error.isEmpty());
        HybridLogicalClock clock(QStringLiteral("a"), 5, 0);
        error.clear();
        QVERIFY(!clock.observe(text, 10, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(clock.wallMs(), 5);
        QCOMPARE(clock.counter(), 0);
    }

    void nowFollowsTheWallClockAndCountsWithinAMillisecond()
    {
        HybridLogicalClock clock(QStringLiteral("ws"));
        QCOMPARE(clock.now(1000), QStringLiteral("000000000001000-000000-ws"));
        QCOMPARE(clock.now(1000), QStringLiteral("000000000001000-000001-ws"));
        QCOMPARE(clock.now(1001), QStringLiteral("000000000001001-000000-ws"));
        // The wall clock went back (NTP step): the clock does not.
        QCOMPARE(clock.now(500), QStringLiteral("000000000001001-000001-ws"));
    }

    void observedClockIsPassed()
    {
        HybridLogicalClock clock(QStringLiteral("ws"));
        clock.now(1000);
        QString error;
        // A server clock ahead of this workstation's wall clock.
        QVERIFY(clock.observe(QStringLiteral("000000000005000-000007-server"), 1200, &error));
        QCOMPARE(clock.wallMs(), 5000);
        QCOMPARE(clock.counter(), 8);
        const QString next = clock.now(1300);
        QVERIFY(next > QStringLiteral("000000000005000-000007-server"));
        QCOMPARE(next, QStringLiteral("000000000005000-000009-ws"));
        // Observing an older clock still advances (the receive is an event).
        QVERIFY(clock.observe(QStringLiteral("000000000000100-000000-server"), 1300, &error));
        QCOMPARE(clock.wallMs(), 5000);
        QCOMPARE(clock.counter(), 10);
        // The wall clock ahead of both: it wins and the counter restarts.
        QVERIFY(clock.observe(QStringLiteral("000000000006000-000003-server"), 9000, &error));
        QCOMPARE(clock.wallMs(), 9000);
        QCOMPARE(clock.counter(), 0);
        // Same millisecond as the remote, which has the larger counter.
        QVERIFY(clock.observe(QStringLiteral("000000000009000-000042-server"), 9000, &error));
        QCOMPARE(clock.counter(), 43);
    }

    void counterOverflowBorrowsTheNextMillisecond()
    {
        HybridLogicalClock clock(QStringLiteral("ws"), 1000, HybridLogicalClock::MaxCounter);
        QCOMPARE(clock.now(1000), QStringLiteral("000000000001001-000000-ws"));
    }

    void textOrderIsClockOrder()
    {
        HybridLogicalClock clock(QStringLiteral("ws"));
        QString previous;
        qint64 wall = 999;
        for (int i = 0; i < 5000; ++i) {
            if (i % 7 == 0)
                wall += 3;
            if (i % 11 == 0)
                wall -= 2; // a wall clock that wobbles
            const QString text = clock.now(wall);
            QVERIFY2(text > previous, qPrintable(text + u" after " + previous));
            previous = text;
        }
        // Milliseconds of different magnitude still compare as text.
        const HybridLogicalClock::Stamp small{99999, 0, QStringLiteral("a")};
        const HybridLogicalClock::Stamp large{100000, 0, QStringLiteral("a")};
        QVERIFY(small.toText() < large.toText());
    }
};

QTEST_APPLESS_MAIN(TestHybridLogicalClock)
#include "TestHybridLogicalClock.moc"
