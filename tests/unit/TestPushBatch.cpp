// Push batches stay within a few MiB (the server takes at most 32 MiB a request), oldest first, and an operation
// larger than a batch still goes, on its own, so nothing is stuck behind it.
#include "SyncEngine.h"

#include <QJsonObject>
#include <QTest>

using foyer::sync::SyncEngine;

namespace {
QJsonObject operation(int id, qsizetype bytes)
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("pad"), QString(bytes, u'x')}};
}
} // namespace

class TestPushBatch : public QObject
{
    Q_OBJECT
private slots:
    void smallOperationsAllGoTogether()
    {
        QJsonArray operations;
        for (int i = 0; i < 100; ++i)
            operations.append(operation(i, 100));
        QCOMPARE(SyncEngine::withinBatchSize(operations), operations);
    }

    void aBatchStopsBeforeItsByteLimitInOrder()
    {
        QJsonArray operations;
        for (int i = 0; i < 10; ++i)
            operations.append(operation(i, 1024 * 1024)); // about 1 MiB each
        const QJsonArray batch = SyncEngine::withinBatchSize(operations);
        QCOMPARE(batch.size(), 3);
        for (int i = 0; i < batch.size(); ++i)
            QCOMPARE(batch.at(i).toObject().value(QStringLiteral("id")).toInt(), i);
    }

    void aHugeOperationGoesAlone()
    {
        const QJsonArray operations{operation(0, 6 * 1024 * 1024), operation(1, 10)};
        const QJsonArray batch = SyncEngine::withinBatchSize(operations);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.at(0).toObject().value(QStringLiteral("id")).toInt(), 0);
        QCOMPARE(SyncEngine::withinBatchSize(QJsonArray{}).size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestPushBatch)
#include "TestPushBatch.moc"
