#pragma once

#include "DatabaseSummary.h"
#include "Repositories.h"
#include "ServerConnection.h"
#include "SignInDialog.h"
#include "StaffMember.h"
#include "SyncStatus.h"

#include <QMainWindow>
#include <QPointer>
#include <functional>
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

class IdleWatcher;
class LockScreen;
class PatronSearchModel;
class SyncPanelDialog;
class SyncStatusIndicator;

// The box office window: patron search on the left, open profiles as tabs on the right. Everything works from the
// keyboard: Ctrl+F or Esc back to search, Enter opens the top result, Down walks the list, Ctrl+N adds a patron,
// Ctrl+W closes the current profile. Box office > Lock (Ctrl+L) covers the window until a staff member's password
// is typed, Sign out goes back to the sign-in dialog, Quit (Ctrl+Q) closes; the window locks itself after the
// venue's lock_idle_minutes without input.
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

    // Signing in and out from the window: check is the sign-in's own (StaffSignIn::signIn, which also ends the server
    // session it replaces when a colleague unlocks), endSession ends the signed-in session at a sign-out
    // (StaffSignIn::signOut: at the server when registered). Without them the window cannot lock or sign out.
    using SessionEnd = std::function<void(const core::StaffMember& staff)>;
    void setSessionControl(SignInDialog::SignInCheck check, SessionEnd endSession);
    const core::StaffMember& staff() const { return m_staff; }
    // Covers the window (and hides its open dialogs, which keep what was typed in them) until a password unlocks it.
    void lock();
    bool isLocked() const;
    // Asks first when windows with work in them are open; then closes them and the profiles, ends the session and
    // shows the sign-in dialog. False when the staff member chose to stay.
    bool signOut();
    // No input to the application for this long locks the window; 0 never. Read from the venue setting
    // lock_idle_minutes (default 10) at each sign-in.
    void setIdleLockInterval(int milliseconds);
    int idleLockInterval() const;

signals:
    void syncNowRequested();
    // Another sign-in at the server happened (unlock, switch of user, sign-in after sign-out): the session token in
    // the keychain is a new one.
    void sessionChanged();
    // Signed out: the sign-in dialog is up, no one is signed in.
    void signedOut();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void searchChanged(const QString& text);
    // "12 patrons matching ...", or "More than 50: type more" while more match than the list holds.
    void showResultsCaption();
    void openRow(int row);
    void focusSearch();
    void refreshTaskCount();
    // Every open profile reads its sections again (an order resolved in the sync panel).
    void reloadOpenProfiles();
    void unlockAs(const core::StaffMember& member);
    void coverContents(bool covered);
    // The dialogs and other windows this window has open (hidden ones under a lock included).
    QList<QWidget*> openWindows() const;
    // Whether the staff member agrees to close the open windows (unsaved work in them is lost); true when none.
    bool confirmClosingWork(const QString& question);
    void closeWork();
    void showSignIn();
    void applyIdleSetting();

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
    QLabel* m_staffLabel;
    SignInDialog::SignInCheck m_signInCheck;
    SessionEnd m_endSession;
    LockScreen* m_lockScreen = nullptr;
    IdleWatcher* m_idle;
    QList<QPointer<QWidget>> m_hiddenByLock;
    QPointer<QWidget> m_focusBeforeLock;
    QPointer<SignInDialog> m_signInDialog;
};

} // namespace foyer::gui
