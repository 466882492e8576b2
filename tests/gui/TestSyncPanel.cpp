// The status bar's sync line and the sync panel, on a real database whose operation the server refused: the line
// says offline, what waits and what needs attention; the panel lists the refused operation with its reason, and
// discarding it there takes it off the list.
#include "Clock.h"
#include "Database.h"
#include "MainWindow.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "sync/SyncPanelDialog.h"
#include "sync/SyncStatusIndicator.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonObject>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestSyncPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("panel.db")), QByteArray(32, 'p'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
    }

    void theStatusLineAndPanelShowARefusedOperation()
    {
        testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Byron"),
                           QStringLiteral("ada@example.org"), QString());
        testing::addPatron(m_repos->patrons, QStringLiteral("Bo"), QStringLiteral("Lin"),
                           QStringLiteral("bo@example.org"), QString());
        QString error;
        const std::optional<QJsonArray> pending = m_repos->syncOutbox.pending(10, &error);
        QVERIFY2(pending && pending->size() == 2, qPrintable(error));
        const QString refusedId = pending->at(0).toObject().value(QStringLiteral("id")).toString();
        const QJsonObject reply{{QStringLiteral("results"),
                                 QJsonArray{QJsonObject{{QStringLiteral("id"), refusedId},
                                                        {QStringLiteral("status"), QStringLiteral("refused")},
                                                        {QStringLiteral("reason"),
                                                         QStringLiteral("Patron number 10001 is already taken")}}}}};
        QVERIFY2(m_repos->syncOutbox.acknowledge(reply, &error), qPrintable(error));

        gui::MainWindow window(m_repos.get());
        // A role is offered only what it may do: box office staff see neither reports nor staff accounts.
        core::StaffMember boxOffice;
        boxOffice.displayName = QStringLiteral("Bo");
        boxOffice.role = core::StaffMember::Role::BoxOffice;
        window.setStaff(boxOffice);
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("staffAccountsAction"))->isVisible());
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("reportsAction"))->isVisible());
        core::StaffMember admin = boxOffice;
        admin.role = core::StaffMember::Role::Admin;
        window.setStaff(admin);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("staffAccountsAction"))->isVisible());
        QVERIFY(window.findChild<QAction*>(QStringLiteral("reportsAction"))->isVisible());
        window.resize(1360, 768);
        window.show();
        sync::SyncStatus status;
        status.configured = true;
        status.online = false;
        status.waiting = int(m_repos->syncOutbox.pendingCount(&error));
        status.refused = int(m_repos->syncOutbox.refusedCount(&error));
        QCOMPARE(status.refused, 1);
        status.lastSyncUtc = core::Clock::currentDateTimeUtc().addSecs(-600);
        status.problem = QStringLiteral("The server cannot be reached: Connection refused");
        window.showSyncStatus(status);
        auto* indicator = window.findChild<gui::SyncStatusIndicator*>(QStringLiteral("syncStatusIndicator"));
        QVERIFY(indicator);
        QVERIFY2(indicator->text().startsWith(QStringLiteral("Offline")), qPrintable(indicator->text()));
        QVERIFY2(indicator->text().contains(QStringLiteral("1 waiting")), qPrintable(indicator->text()));
        QVERIFY2(indicator->text().contains(QStringLiteral("1 need attention")), qPrintable(indicator->text()));
        QVERIFY(indicator->toolTip().contains(QStringLiteral("Connection refused")));

        // A first sync's pull shows its progress beside the status; it goes once the pull is done.
        auto* progress = window.findChild<QProgressBar*>(QStringLiteral("syncProgress"));
        QVERIFY(progress && !progress->isVisible());
        sync::SyncStatus pulling = status;
        pulling.syncing = true;
        pulling.online = true;
        pulling.pulledSoFar = 250000;
        pulling.pullTotal = 1000000;
        window.showSyncStatus(pulling);
        QVERIFY(progress->isVisible());
        // A quarter, counted in thousands of changes: 250 of 1,001.
        QCOMPARE(progress->value(), 250);
        QCOMPARE(progress->maximum(), 1001);
        QVERIFY2(indicator->text().contains(QStringLiteral("Syncing")), qPrintable(indicator->text()));
        window.showSyncStatus(status);
        QVERIFY(!progress->isVisible());

        // Keyboard: Tab reaches the indicator in the status bar; Space opens the panel.
        indicator->setFocus();
        QTest::keyClick(indicator, Qt::Key_Space);
        auto* panel = window.findChild<gui::SyncPanelDialog*>(QStringLiteral("syncPanel"));
        QTRY_VERIFY(panel && panel->isVisible());
        auto* table = panel->findChild<QTableWidget*>(QStringLiteral("refusedOperations"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Patron number 10001 is already taken"));
        if (qEnvironmentVariableIsSet("FOYER_SCREENSHOT_DIR")) {
            // docs/screenshots/sync-panel.png comes from gui_sync_resolve (a refused order with its resolve actions).
            window.statusBar()->grab().save(qEnvironmentVariable("FOYER_SCREENSHOT_DIR") +
                                            QStringLiteral("/sync-status-bar.png"));
        }

        QVERIFY2(m_repos->syncOutbox.discardRefused(refusedId, QString(), &error), qPrintable(error));
        QVERIFY(panel->reload());
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(m_repos->syncOutbox.refusedCount(&error), 0);
        // The discarded operation's patron is gone here too: the server never took it.
        QCOMPARE(m_repos->patrons.count(&error), 1);
    }
};

QTEST_MAIN(TestSyncPanel)
#include "TestSyncPanel.moc"
