#pragma once

#include "DatabaseSummary.h"
#include "Repositories.h"
#include "ServerConnection.h"
#include "StaffMember.h"
#include "SyncStatus.h"

#include <QMainWindow>
#include <memory>
#include <optional>

namespace Ui {
class MainWindow;
}

class QLabel;
class QProgressBar;

namespace foyer::storage {
class Database;
}

namespace foyer::gui {

class PatronSearchModel;
class SyncPanelDialog;
class SyncStatusIndicator;

// The box office window: patron search on the left, open profiles as tabs on the right. Everything works from the
// keyboard: Ctrl+F or Esc back to search, Enter opens the top result, Down walks the list, Ctrl+N adds a patron,
// Ctrl+W closes the current profile.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(storage::Repositories* repos, QWidget* parent = nullptr);
    ~MainWindow() override;
    // The file behind the repositories, so reports can read it on a worker thread; without it they read here.
    void setDatabase(storage::Database* database) { m_database = database; }

    void showSummary(const DatabaseSummary& summary);
    // Counts the patrons again for the status bar (after one was added here, or sync brought some).
    void refreshPatronCount();
    // The signed-in staff member: the actor in every change made from this window.
    void setStaff(const core::StaffMember& staff);
    // Opens (or switches to) the patron's profile tab; false when the patron does not exist.
    bool openPatron(const QString& patronId);
    void startNewPatron();
    void showMyTasks();
    void startWalkUpOrder();
    void importMembers();
    void showReports();
    void countCashDrawer();
    // Sync runs on its own thread; the window only shows what it reports, and opens the sync panel on request.
    void showSyncStatus(const foyer::sync::SyncStatus& status);
    // Pulls of more changes than this show a progress bar beside the sync status.
    static constexpr qint64 SyncProgressThreshold = 5000;
    void showSyncPanel();
    // The venue server this workstation is registered with: staff accounts are managed there.
    void setServerConnection(const sync::ServerConnection& connection) { m_server = connection; }
    void manageStaffAccounts();

signals:
    void syncNowRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void searchChanged(const QString& text);
    // "12 patrons matching ...", or "More than 50: type more" while more match than the list holds.
    void showResultsCaption();
    void openRow(int row);
    void focusSearch();
    void refreshTaskCount();
    // Every open profile reads its sections again (an order resolved in the sync panel).
    void reloadOpenProfiles();

    std::unique_ptr<Ui::MainWindow> m_ui;
    storage::Repositories* m_repos;
    storage::Database* m_database = nullptr;
    storage::PatronRepository* m_patrons;
    PatronSearchModel* m_model;
    QLabel* m_summaryLabel;
    SyncStatusIndicator* m_syncIndicator;
    QProgressBar* m_syncProgress; // a first sync's pull: shown only while one runs
    SyncPanelDialog* m_syncPanel = nullptr;
    core::StaffMember m_staff;
    DatabaseSummary m_summary;
    std::optional<sync::ServerConnection> m_server;
};

} // namespace foyer::gui
