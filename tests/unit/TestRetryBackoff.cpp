// The sync worker's one backoff rule: doubling from a second, capped at five minutes, jitter only ever shortens.
#include "RetryBackoff.h"

#include <QTest>

using foyer::sync::RetryBackoff;
using namespace std::chrono_literals;

class TestRetryBackoff : public QObject
{
    Q_OBJECT
private slots:
    void noFailureNoWait() { QCOMPARE(RetryBackoff::delayAfter(0, 0.5), 0ms); }

    void doublesWithoutJitter()
    {
        QCOMPARE(RetryBackoff::delayAfter(1, 0.0), 1000ms);
        QCOMPARE(RetryBackoff::delayAfter(2, 0.0), 2000ms);
        QCOMPARE(RetryBackoff::delayAfter(3, 0.0), 4000ms);
        QCOMPARE(RetryBackoff::delayAfter(9, 0.0), 256000ms);
    }

    void cappedAtFiveMinutesHoweverLongItFails()
    {
        QCOMPARE(RetryBackoff::delayAfter(10, 0.0), 300000ms);
        QCOMPARE(RetryBackoff::delayAfter(1000000, 0.0), 300000ms);
    }

    void jitterShortensByAtMostAFifth()
    {
        for (int failures = 1; failures < 30; ++failures) {
            const auto longest = RetryBackoff::delayAfter(failures, 0.0);
            for (double jitter : {0.1, 0.5, 0.999, 1.0, 7.0, -3.0}) {
                const auto delay = RetryBackoff::delayAfter(failures, jitter);
                QVERIFY2(delay <= longest, qPrintable(QString::number(failures)));
                QVERIFY2(delay >= longest * 4 / 5 - 1ms, qPrintable(QString::number(failures)));
            }
        }
        QVERIFY(RetryBackoff::delayAfter(5, 0.9) < RetryBackoff::delayAfter(5, 0.1));
    }
};

QTEST_APPLESS_MAIN(TestRetryBackoff)
#include "TestRetryBackoff.moc"
