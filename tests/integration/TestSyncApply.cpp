#include <QTest>
class TestSyncApply : public QObject
{
    Q_OBJECT
};
QTEST_APPLESS_MAIN(TestSyncApply)
#include "TestSyncApply.moc"
