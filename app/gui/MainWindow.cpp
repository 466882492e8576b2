#include "MainWindow.h"

#include "CashCountDialog.h"
#include "MemberImportDialog.h"
#include "MyTasksDialog.h"
#include "NewPatronDialog.h"
#include "OrderEditorDialog.h"
#include "PatronProfileWidget.h"
#include "PatronSearchModel.h"
#include "ReportsDialog.h"
#include "SettingsRepository.h"
#include "SyncContext.h"
#include "session/IdleWatcher.h"
#include "session/LockScreen.h"
#include "sync/SyncPanelDialog.h"
#include "sync/SyncStatusIndicator.h"
#include "ui_MainWindow.h"
#include "venue/StaffAccountsDialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <utility>

// Resources compiled into a static library must be registered by name; outside any namespace.
static void initFoyerResources()
{
    Q_INIT_RESOURCE(foyer);
}

namespace foyer::gui {

MainWindow::MainWindow(storage::Repositories* repos, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_repos(repos)
    , m_patrons(&repos->patrons)
    , m_model(new PatronSearchModel(&repos->search, this))
    , m_summaryLabel(new QLabel(this))
    , m_syncIndicator(new SyncStatusIndicator(this))
    , m_syncProgress(new QProgressBar(this))
    , m_staffLabel(new QLabel(this))
    , m_idle(new IdleWatcher(this))
{
    initFoyerResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/foyer.png")));
    setAccessibleName(tr("Foyer main window"));
    m_summaryLabel->setObjectName(QStringLiteral("databaseSummaryLabel"));
    m_summaryLabel->setAccessibleName(tr("Database summary"));
    m_ui->resultsCaption->setAccessibleName(tr("How many patrons matched"));
    m_syncProgress->setObjectName(QStringLiteral("syncProgress"));
    m_syncProgress->setAccessibleName(tr("Changes received from the server"));
    m_syncProgress->setMaximumWidth(220);
    m_syncProgress->hide();
    m_ui->statusBar->addPermanentWidget(m_syncProgress);
    m_ui->statusBar->addPermanentWidget(m_syncIndicator);
    m_ui->statusBar->addPermanentWidget(m_summaryLabel);
    m_staffLabel->setObjectName(QStringLiteral("signedInLabel"));
    m_staffLabel->setAccessibleName(tr("Signed-in staff member"));
    m_ui->statusBar->addPermanentWidget(m_staffLabel);
    connect(m_syncIndicator, &QToolButton::clicked, this, &MainWindow::showSyncPanel);

    QFont searchFont = m_ui->patronSearchField->font();
    searchFont.setPointSizeF(searchFont.pointSizeF() * 1.25);
    m_ui->patronSearchField->setFont(searchFont);
    m_ui->patronSearchField->setMinimumHeight(34);
    m_ui->patronSearchField->installEventFilter(this);

    m_ui->patronResultsView->setModel(m_model);
    // Scrolling reads the next page: the count in the caption follows.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::showResultsCaption);
    // Name, number, email and phone fit the pane without a horizontal scroll bar: the name takes what is left, a
    // long email is elided (its whole text is the tooltip), and the organisation, which an
    // organisation's own row shows as its name, is in the name's tooltip rather than a column off to the right.
    QHeaderView* header = m_ui->patronResultsView->horizontalHeader();
    header->setMinimumSectionSize(40);
    header->setSectionResizeMode(PatronSearchModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(PatronSearchModel::NumberColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PatronSearchModel::PhoneColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PatronSearchModel::EmailColumn, QHeaderView::Interactive);
    m_ui->patronResultsView->setColumnWidth(
        PatronSearchModel::EmailColumn,
        m_ui->patronResultsView->fontMetrics().horizontalAdvance(QStringLiteral("firstname.lastname@exam")));
    m_ui->patronResultsView->setColumnHidden(PatronSearchModel::OrganisationColumn, true);
    header->setStretchLastSection(false);
    m_ui->patronResultsView->verticalHeader()->setDefaultSectionSize(26);
    m_ui->mainSplitter->setStretchFactor(0, 1);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({470, 970});
    m_ui->noProfileHint->setStyleSheet(QStringLiteral("color: palette(mid); padding: 24px;"));

    connect(m_ui->patronSearchField, &QLineEdit::textChanged, this, &MainWindow::searchChanged);
    // A refused search (or its next page) says why where the results are, never "no patron matches".
    connect(m_model, &PatronSearchModel::searchFailed, this, [this](const QString& message) {
        m_ui->resultsCaption->setText(message);
        statusBar()->showMessage(message, 8000);
    });
    connect(m_ui->patronSearchField, &QLineEdit::returnPressed, this, [this] { openRow(0); });
    connect(m_ui->patronResultsView, &QAbstractItemView::activated, this,
            [this](const QModelIndex& index) { openRow(index.row()); });
    connect(m_ui->newPatronButton, &QPushButton::clicked, this, &MainWindow::startNewPatron);
    connect(m_ui->myTasksButton, &QPushButton::clicked, this, &MainWindow::showMyTasks);
    connect(m_ui->myTasksAction, &QAction::triggered, this, &MainWindow::showMyTasks);
    connect(m_ui->walkUpOrderAction, &QAction::triggered, this, &MainWindow::startWalkUpOrder);
    connect(m_ui->importMembersAction, &QAction::triggered, this, &MainWindow::importMembers);
    connect(m_ui->reportsAction, &QAction::triggered, this, &MainWindow::showReports);
    connect(m_ui->staffAccountsAction, &QAction::triggered, this, &MainWindow::manageStaffAccounts);
    connect(m_ui->cashCountAction, &QAction::triggered, this, &MainWindow::countCashDrawer);
    connect(m_ui->lockAction, &QAction::triggered, this, &MainWindow::lock);
    connect(m_ui->signOutAction, &QAction::triggered, this, &MainWindow::signOut);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    // The actions live in a menu; their shortcuts work anywhere in the window.
    for (QAction* action : {m_ui->lockAction, m_ui->quitAction}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    // Ctrl+L from a dialog of this window too (a modal order editor keeps the window's own shortcuts from acting).
    qApp->installEventFilter(this);
    connect(m_idle, &IdleWatcher::idle, this, [this] {
        if (isVisible() && !m_staff.id.isEmpty())
            lock();
    });
    connect(m_ui->profileTabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget* page = m_ui->profileTabs->widget(index);
        m_ui->profileTabs->removeTab(index);
        page->deleteLater();
        if (m_ui->profileTabs->count() == 0)
            m_ui->profileStack->setCurrentWidget(m_ui->noProfileHint);
    });

    auto* find = new QShortcut(QKeySequence::Find, this, this, &MainWindow::focusSearch);
    find->setContext(Qt::WindowShortcut);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &MainWindow::focusSearch);
    escape->setContext(Qt::WindowShortcut);
    auto* newPatron = new QShortcut(QKeySequence::New, this, this, &MainWindow::startNewPatron);
    newPatron->setContext(Qt::WindowShortcut);
    auto* closeTab = new QShortcut(QKeySequence::Close, this, this, [this] {
        if (m_ui->profileTabs->count() > 0)
            emit m_ui->profileTabs->tabCloseRequested(m_ui->profileTabs->currentIndex());
    });
    closeTab->setContext(Qt::WindowShortcut);
    auto* myTasks = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), this, this, &MainWindow::showMyTasks);
    myTasks->setContext(Qt::WindowShortcut);

    m_ui->profileStack->setCurrentWidget(m_ui->noProfileHint);
    searchChanged(QString());
    m_ui->patronSearchField->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::showSummary(const DatabaseSummary& summary)
{
    m_summary = summary;
    const QLocale locale;
    m_summaryLabel->setText(tr("%1 patrons \u00b7 schema %2 \u00b7 encrypted (SQLCipher, SQLite %3) \u00b7 %4")
                                .arg(locale.toString(summary.patronCount))
                                .arg(summary.schemaVersion)
                                .arg(summary.cipherVersion, summary.path));
}

void MainWindow::refreshPatronCount()
{
    QString readError;
    const qint64 count = m_patrons->count(&readError);
    if (!readError.isEmpty()) {
        // The figure shown is from before: say that it may be out of date, and why.
        m_summaryLabel->setToolTip(tr("The patron count could not be read again: %1").arg(readError));
        return;
    }
    m_summaryLabel->setToolTip(QString());
    DatabaseSummary summary = m_summary;
    summary.patronCount = count;
    showSummary(summary);
}

void MainWindow::setStaff(const core::StaffMember& staff)
{
    m_staff = staff;
    // Every operation this window makes from now on carries who made it.
    storage::SyncContext::setStaffId(staff.id);
    m_staffLabel->setText(staff.id.isEmpty() ? QString() : tr("Signed in: %1").arg(staff.displayName));
    applyIdleSetting();
    setWindowTitle(tr("Foyer \u2014 %1 (%2)").arg(staff.displayName, core::StaffMember::roleLabel(staff.role)));
    // What a role may not do is not offered; the repositories and the venue server still refuse it if asked.
    const bool manages = staff.role == core::StaffMember::Role::Manager || staff.role == core::StaffMember::Role::Admin;
    m_ui->reportsAction->setVisible(manages);
    m_ui->importMembersAction->setVisible(manages);
    m_ui->staffAccountsAction->setVisible(staff.role == core::StaffMember::Role::Admin);
    if (m_syncPanel)
        m_syncPanel->setStaff(staff);
    refreshTaskCount();
}

void MainWindow::startWalkUpOrder()
{
    auto* editor = new OrderEditorDialog(OrderEditorContext::forStaff(m_repos, m_staff), this);
    editor->setObjectName(QStringLiteral("orderEditor"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->open();
}

void MainWindow::importMembers()
{
    if (m_staff.role != core::StaffMember::Role::Manager && m_staff.role != core::StaffMember::Role::Admin) {
        statusBar()->showMessage(tr("Only a manager or an administrator can import the member database."), 6000);
        return;
    }
    auto* dialog = new MemberImportDialog(&m_repos->memberImport, m_staff.id, this);
    dialog->setObjectName(QStringLiteral("memberImportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::countCashDrawer()
{
    QString readError;
    const QString workstation = m_repos->orders.workstationPrefix(&readError);
    if (!readError.isEmpty()) {
        statusBar()->showMessage(tr("The cash count could not be opened: %1").arg(readError), 8000);
        return;
    }
    auto* dialog = new CashCountDialog(&m_repos->cashDrawers, workstation, m_staff.id, this);
    dialog->setObjectName(QStringLiteral("cashCountDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { statusBar()->showMessage(tr("Cash count saved; it is on today's day sheet."), 6000); });
    dialog->open();
}

void MainWindow::showReports()
{
    if (m_staff.role != core::StaffMember::Role::Manager && m_staff.role != core::StaffMember::Role::Admin) {
        statusBar()->showMessage(tr("Reports are for managers and administrators."), 6000);
        return;
    }
    // The patron sheet starts with the profile on screen.
    qint64 patronNumber = 0;
    if (auto* profile = qobject_cast<PatronProfileWidget*>(m_ui->profileTabs->currentWidget())) {
        QString readError;
        if (const auto patron = m_repos->patrons.findById(profile->patronId(), &readError))
            patronNumber = patron->patronNumber;
        else if (!readError.isEmpty())
            statusBar()->showMessage(tr("The open patron could not be read: %1").arg(readError), 8000);
    }
    auto* dialog = new ReportsDialog(m_repos, m_database, m_staff, patronNumber, this);
    dialog->setObjectName(QStringLiteral("reportsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::refreshTaskCount()
{
    QString readError;
    const qsizetype open = m_staff.id.isEmpty() ? 0 : m_repos->tasks.openFor(m_staff.id, &readError).size();
    if (!readError.isEmpty()) {
        // Unknown is not "none open": the button says the count could not be read.
        m_ui->myTasksButton->setText(tr("M&y tasks (?)"));
        m_ui->myTasksButton->setToolTip(tr("Your tasks could not be read: %1").arg(readError));
        return;
    }
    m_ui->myTasksButton->setToolTip(QString());
    m_ui->myTasksButton->setText(open > 0 ? tr("M&y tasks (%1)").arg(open) : tr("M&y tasks"));
}

void MainWindow::showMyTasks()
{
    auto* dialog = new MyTasksDialog(&m_repos->tasks, m_staff.id, this);
    dialog->setObjectName(QStringLiteral("myTasksDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MyTasksDialog::openPatronRequested, this, [this, dialog](const QString& patronId) {
        dialog->accept();
        openPatron(patronId);
    });
    connect(dialog, &MyTasksDialog::tasksChanged, this, &MainWindow::refreshTaskCount);
    connect(dialog, &QDialog::finished, this, &MainWindow::refreshTaskCount);
    dialog->open();
}

void MainWindow::searchChanged(const QString& text)
{
    m_model->setQuery(text);
    showResultsCaption();
    if (m_model->rowCount() > 0)
        m_ui->patronResultsView->selectRow(0);
}

void MainWindow::showResultsCaption()
{
    if (!m_model->error().isEmpty())
        return; // searchFailed has put the reason in the caption
    const QString typed = m_model->query().trimmed();
    const int shown = m_model->rowCount();
    if (typed.isEmpty())
        m_ui->resultsCaption->setText(tr("Recent patrons"));
    else if (shown == 0)
        m_ui->resultsCaption->setText(tr("No patron matches \u201c%1\u201d. Press Ctrl+N to add one.").arg(typed));
    else if (m_model->hasMoreMatches())
        m_ui->resultsCaption->setText(tr("More than %n: type more", nullptr, shown));
    else
        m_ui->resultsCaption->setText(tr("%n patron(s) matching \u201c%1\u201d", nullptr, shown).arg(typed));
}

void MainWindow::openRow(int row)
{
    const QString id = m_model->patronIdAt(row);
    if (!id.isEmpty())
        openPatron(id);
}

bool MainWindow::openPatron(const QString& patronId)
{
    for (int i = 0; i < m_ui->profileTabs->count(); ++i) {
        auto* page = qobject_cast<PatronProfileWidget*>(m_ui->profileTabs->widget(i));
        if (page && page->patronId() == patronId) {
            m_ui->profileTabs->setCurrentIndex(i);
            return true;
        }
    }
    QString readError;
    const std::optional<core::PatronProfile> profile = m_patrons->loadProfile(patronId, &readError);
    if (!profile && !readError.isEmpty()) {
        statusBar()->showMessage(tr("The patron could not be read: %1").arg(readError), 8000);
        return false;
    }
    if (!profile) {
        statusBar()->showMessage(tr("That patron no longer exists."), 5000);
        return false;
    }
    auto* page = new PatronProfileWidget(*profile, {m_repos, m_staff.id, m_staff.email, m_staff});
    page->setObjectName(QStringLiteral("patronProfile"));
    connect(page, &PatronProfileWidget::profileChanged, this, [this, page](const QString& name) {
        const int at = m_ui->profileTabs->indexOf(page);
        if (at >= 0)
            m_ui->profileTabs->setTabText(at, name);
        refreshTaskCount();
    });
    connect(page, &PatronProfileWidget::tasksChanged, this, &MainWindow::refreshTaskCount);
    const int index = m_ui->profileTabs->addTab(page, profile->patron.displayName());
    m_ui->profileTabs->setCurrentIndex(index);
    m_ui->profileStack->setCurrentWidget(m_ui->profileTabs);
    m_patrons->markOpened(patronId);
    if (m_ui->patronSearchField->text().trimmed().isEmpty())
        searchChanged(QString()); // the recent list now starts with this patron
    statusBar()->showMessage(tr("Opened %1").arg(profile->patron.displayName()), 3000);
    return true;
}

void MainWindow::startNewPatron()
{
    // What this venue requires besides a name: unknown rules must not open a form that checks the wrong ones.
    QString readError;
    const core::NewPatronRules rules = m_repos->settings.newPatronRules(&readError);
    if (!readError.isEmpty()) {
        statusBar()->showMessage(tr("The new patron form could not be opened: %1").arg(readError), 8000);
        return;
    }
    auto* dialog = new NewPatronDialog(m_patrons, m_ui->patronSearchField->text(), m_staff.id, this);
    dialog->setObjectName(QStringLiteral("newPatronDialog"));
    dialog->setRules(rules);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == QDialog::Accepted || result == NewPatronDialog::OpenExisting) {
            openPatron(dialog->patronId());
            searchChanged(m_ui->patronSearchField->text());
        }
        if (result == QDialog::Accepted)
            refreshPatronCount();
    });
    dialog->open(); // window-modal, without a nested event loop
}

void MainWindow::focusSearch()
{
    m_ui->patronSearchField->setFocus(Qt::ShortcutFocusReason);
    m_ui->patronSearchField->selectAll();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress && !isLocked() && m_lockScreen) {
        const auto* key = static_cast<QKeyEvent*>(event);
        auto* widget = qobject_cast<QWidget*>(watched);
        // The window's own widgets and its dialogs (QWidget::isAncestorOf stops at a dialog's window).
        bool ours = false;
        for (QObject* owner = widget; owner && !ours; owner = owner->parent())
            ours = owner == this;
        if (ours && key->keyCombination() == QKeyCombination(Qt::CTRL | Qt::Key_L)) {
            lock();
            return true;
        }
    }
    // Down from the search field walks into the list; Enter there opens the highlighted patron.
    if (watched == m_ui->patronSearchField && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown) && m_model->rowCount() > 0) {
            m_ui->patronResultsView->setFocus(Qt::TabFocusReason);
            m_ui->patronResultsView->selectRow(0);
            m_ui->patronResultsView->setCurrentIndex(m_model->index(0, 0));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showSyncStatus(const foyer::sync::SyncStatus& status)
{
    m_syncIndicator->showStatus(status);
    // A finished round that brought changes may have brought patrons (or removed some).
    if (!status.syncing && status.pulledLastRound > 0)
        refreshPatronCount();
    // A long pull (a new workstation's first sync) shows how far it is; an ordinary round is too quick to need it.
    const bool pulling =
        status.syncing && status.pullTotal > SyncProgressThreshold && status.pulledSoFar < status.pullTotal;
    if (pulling) {
        // Scaled to thousands: QProgressBar takes int, a venue's history can pass two billion rows only in theory.
        m_syncProgress->setRange(0, int(status.pullTotal / 1000) + 1);
        m_syncProgress->setValue(int(status.pulledSoFar / 1000));
        m_syncProgress->setFormat(tr("%p% received"));
    }
    m_syncProgress->setVisible(pulling);
    if (m_syncPanel && m_syncPanel->isVisible())
        m_syncPanel->showStatus(status);
}

void MainWindow::reloadOpenProfiles()
{
    for (int i = 0; i < m_ui->profileTabs->count(); ++i)
        if (auto* page = qobject_cast<PatronProfileWidget*>(m_ui->profileTabs->widget(i)))
            page->reloadSections();
}

void MainWindow::showSyncPanel()
{
    if (!m_syncPanel) {
        m_syncPanel = new SyncPanelDialog(m_repos, this);
        connect(m_syncPanel, &SyncPanelDialog::syncNowRequested, this, &MainWindow::syncNowRequested);
        // A resolution is an operation like any other: sync carries it now, and the open profiles show it.
        connect(m_syncPanel, &SyncPanelDialog::resolved, this, &MainWindow::syncNowRequested);
        connect(m_syncPanel, &SyncPanelDialog::resolved, this, &MainWindow::reloadOpenProfiles);
    }
    m_syncPanel->setStaff(m_staff);
    m_syncPanel->showStatus(m_syncIndicator->status());
    m_syncPanel->show();
    m_syncPanel->raise();
    m_syncPanel->activateWindow();
}

void MainWindow::manageStaffAccounts()
{
    if (m_staff.role != core::StaffMember::Role::Admin) {
        statusBar()->showMessage(tr("Staff accounts are for administrators."), 6000);
        return;
    }
    if (!m_server) {
        statusBar()->showMessage(tr("Staff accounts live on the venue server, and this workstation is not connected "
                                    "to one."),
                                 8000);
        return;
    }
    auto* dialog = new StaffAccountsDialog(*m_server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setSessionControl(SignInDialog::SignInCheck check, SessionEnd endSession)
{
    m_signInCheck = std::move(check);
    m_endSession = std::move(endSession);
    delete m_lockScreen;
    m_lockScreen = new LockScreen(m_signInCheck, this);
    connect(m_lockScreen, &LockScreen::unlocked, this, &MainWindow::unlockAs);
}

void MainWindow::applyIdleSetting()
{
    if (m_staff.id.isEmpty()) {
        m_idle->setInterval(0);
        return;
    }
    QString readError;
    const int minutes = m_repos->settings.lockIdleMinutes(&readError);
    // An unreadable or unusable setting does not turn locking off: the default applies, and staff are told.
    if (!readError.isEmpty())
        statusBar()->showMessage(
            tr("The idle lock setting could not be used (%1); the window locks after %2 minutes without input.")
                .arg(readError)
                .arg(minutes),
            10000);
    m_idle->setInterval(minutes * 60 * 1000);
}

void MainWindow::setIdleLockInterval(int milliseconds)
{
    m_idle->setInterval(milliseconds);
}

int MainWindow::idleLockInterval() const
{
    return m_idle->interval();
}

bool MainWindow::isLocked() const
{
    return m_lockScreen && m_lockScreen->isVisible();
}

QList<QWidget*> MainWindow::openWindows() const
{
    QList<QWidget*> windows;
    for (QWidget* widget : findChildren<QWidget*>()) {
        if (!widget->isWindow() || widget == m_signInDialog)
            continue;
        const bool hiddenByLock = m_hiddenByLock.contains(QPointer<QWidget>(widget));
        if (widget->isVisible() || hiddenByLock)
            windows.append(widget);
    }
    return windows;
}

void MainWindow::coverContents(bool covered)
{
    // Under the cover nothing of the window takes focus or input: no patron data shows, no shortcut acts.
    centralWidget()->setVisible(!covered);
    menuBar()->setEnabled(!covered);
    statusBar()->setEnabled(!covered);
}

void MainWindow::lock()
{
    // Signed out (the sign-in dialog is up), there is nothing to lock.
    if (isLocked() || (m_lockScreen && m_staff.id.isEmpty()))
        return;
    if (!m_lockScreen) {
        statusBar()->showMessage(tr("This window cannot be locked: it was opened without a staff sign-in."), 6000);
        return;
    }
    m_focusBeforeLock = QApplication::focusWidget();
    // Dialogs are hidden, not closed: what was typed in them is there after the unlock. Menus and pop-ups just go.
    m_hiddenByLock.clear();
    for (QWidget* window : openWindows()) {
        const Qt::WindowType type = window->windowType();
        if (type == Qt::Popup || type == Qt::ToolTip) {
            window->close();
            continue;
        }
        m_hiddenByLock.append(window);
        window->hide();
    }
    coverContents(true);
    m_idle->stop();
    m_lockScreen->lockFor(m_staff);
    // The keyboard comes to the lock screen even when a dialog (now hidden) had it.
    raise();
    activateWindow();
}

void MainWindow::unlockAs(const core::StaffMember& member)
{
    if (member.id != m_staff.id) {
        // A colleague takes over: as sign-out and sign-in would, the previous staff member's open work closes (it
        // carries their name), after the colleague agrees to lose what is unsaved in it.
        if (!confirmClosingWork(tr("%1 left open work in this window. Switching to %2 closes it, and what is not "
                                   "saved in it is lost. Switch anyway?")
                                    .arg(m_staff.displayName, member.displayName))) {
            m_lockScreen->showProblem(tr("Still locked: %1's open work was kept.").arg(m_staff.displayName));
            return;
        }
        closeWork();
        // Not endSession: the keychain holds the colleague's new session now, and the sign-in that made it ended
        // the one it replaced at the server (StaffSignIn::signIn). Locally the previous member's session ends here.
        setStaff(member);
        m_lockScreen->hide();
        coverContents(false);
        m_idle->restart();
        focusSearch();
        statusBar()->showMessage(tr("Signed in as %1.").arg(member.displayName), 6000);
        emit sessionChanged();
        return;
    }
    setStaff(member); // the server's record may have changed (a new role): the window follows it
    m_lockScreen->hide();
    coverContents(false);
    const QList<QPointer<QWidget>> hidden = std::exchange(m_hiddenByLock, {});
    for (const QPointer<QWidget>& window : hidden)
        if (window)
            window->show();
    if (m_focusBeforeLock)
        m_focusBeforeLock->setFocus(Qt::OtherFocusReason);
    else
        focusSearch();
    m_idle->restart();
    emit sessionChanged();
}

bool MainWindow::confirmClosingWork(const QString& question)
{
    if (openWindows().isEmpty())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Close open work?"), question, QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("closeWorkQuestion"));
    box.setAccessibleName(tr("Close open work?"));
    box.setDefaultButton(QMessageBox::No);
    box.button(QMessageBox::Yes)->setObjectName(QStringLiteral("closeWorkYes"));
    box.button(QMessageBox::No)->setObjectName(QStringLiteral("closeWorkNo"));
    return box.exec() == QMessageBox::Yes;
}

void MainWindow::closeWork()
{
    const QList<QWidget*> windows = openWindows();
    m_hiddenByLock.clear();
    for (QWidget* window : windows) {
        if (auto* dialog = qobject_cast<QDialog*>(window))
            dialog->reject();
        window->close();
    }
    while (m_ui->profileTabs->count() > 0) {
        QWidget* page = m_ui->profileTabs->widget(0);
        m_ui->profileTabs->removeTab(0);
        page->deleteLater();
    }
    m_ui->profileStack->setCurrentWidget(m_ui->noProfileHint);
    m_ui->patronSearchField->clear();
}

bool MainWindow::signOut()
{
    if (!m_signInCheck) {
        statusBar()->showMessage(tr("This window cannot sign out: it was opened without a staff sign-in."), 6000);
        return false;
    }
    if (!confirmClosingWork(tr("Signing out closes the open windows, and what is not saved in them is lost. Sign "
                               "out anyway?")))
        return false;
    closeWork();
    if (m_endSession)
        m_endSession(m_staff);
    if (m_lockScreen)
        m_lockScreen->hide();
    coverContents(false);
    setStaff(core::StaffMember());
    setWindowTitle(tr("Foyer"));
    hide();
    emit signedOut();
    showSignIn();
    return true;
}

void MainWindow::showSignIn()
{
    auto* dialog = new SignInDialog(
        false, m_signInCheck,
        [](const core::StaffMember&, const core::SecureBuffer&, QString* error) {
            if (error)
                *error = tr("Staff accounts are added by an administrator.");
            return false;
        },
        this);
    dialog->setObjectName(QStringLiteral("signInDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_signInDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->member())
            return;
        setStaff(*dialog->member());
        show();
        focusSearch();
        emit sessionChanged();
    });
    // Cancelled: no one signs in, Foyer closes (as cancelling the first sign-in does).
    connect(dialog, &QDialog::rejected, this, [] { QCoreApplication::quit(); });
    dialog->show();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (isLocked()) {
        // Closing a locked window would lose the work under the lock without anyone's password.
        event->ignore();
        return;
    }
    if (!confirmClosingWork(tr("Quitting closes the open windows, and what is not saved in them is lost. Quit "
                               "anyway?"))) {
        event->ignore();
        return;
    }
    closeWork();
    event->accept();
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    if (m_lockScreen)
        m_lockScreen->setGeometry(rect());
}

} // namespace foyer::gui
