#include "MainWindow.h"

#include <QLabel>
#include <QTest>

using foyer::gui::DatabaseSummary;
using foyer::gui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsTheDatabaseSummary()
    {
        MainWindow window;
        DatabaseSummary summary;
        summary.patronCount = 1234;
        summary.schemaVersion = 1;
        summary.cipherVersion = QStringLiteral("3.15.2");
        summary.path = QStringLiteral("/var/lib/foyer/foyer.db");
        window.showSummary(summary);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* count = window.findChild<QLabel*>(QStringLiteral("patronCountValue"));
        QVERIFY(count);
        QCOMPARE(count->text(), QLocale().toString(1234));
        QVERIFY(!count->accessibleName().isEmpty());
        auto* version = window.findChild<QLabel*>(QStringLiteral("schemaVersionValue"));
        QVERIFY(version);
        QCOMPARE(version->text(), QStringLiteral("1"));
        auto* path = window.findChild<QLabel*>(QStringLiteral("pathValue"));
        QCOMPARE(path->text(), summary.path);
        QVERIFY(
            window.findChild<QLabel*>(QStringLiteral("encryptionValue"))->text().contains(QStringLiteral("3.15.2")));
        QVERIFY(!window.accessibleName().isEmpty());
        QVERIFY(!window.windowIcon().isNull());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
