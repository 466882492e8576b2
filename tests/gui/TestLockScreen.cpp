// Sign out, lock (Ctrl+L), unlock by the same or another staff member, the idle lock, and Quit (Ctrl+Q), through the
// real main window, the real sign-in checks (StaffSignIn, Argon2id) and the real database.
#include "Database.h"
#include "MainWindow.h"
#include "OrderEditorDialog.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "Repositories.h"
#include "SettingsRepository.h"
#include "SignInDialog.h"
#include "StaffSignIn.h"
#include "SyncContext.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace foyer;

class TestLockScreen : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    std::unique_ptr<startup::StaffSignIn> m_signIn;
    std::unique_ptr<gui::MainWindow> m_window;
    core::StaffMember m_alice;
    core::StaffMember m_bob;
    QStringList m_sessionsEnded; // usernames, in the order their sessions ended
    const QString m_alicePassword = QStringLiteral("alice's long passphrase");
    const QString m_bobPassword = QStringLiteral("bob's different passphrase");
    QString m_adaId;

    static core::SecureBuffer secure(const QString& text) { return core::SecureBuffer::fromUtf8(text); }

    core::StaffMember account(const QString& username, const QString& name, core::StaffMember::Role role,
                              const QString& password)
    {
        core::StaffMember member;
        member.username = username;
        member.displayName = name;
        member.role = role;
        QString error;
        if (!m_signIn->createAccount(member, secure(password), &error))
            qFatal("account %s not created: %s", qPrintable(username), qPrintable(error));
        const auto signedIn = m_signIn->signIn(username, secure(password), &error);
        if (!signedIn)
            qFatal("account %s cannot sign in: %s", qPrintable(username), qPrintable(error));
        return *signedIn;
    }

    QWidget* lockScreen() { return m_window->findChild<QWidget*>(QStringLiteral("lockScreen")); }
    QTabWidget* tabs() { return m_window->findChild<QTabWidget*>(QStringLiteral("profileTabs")); }
    QLabel* signedInLabel() { return m_window->findChild<QLabel*>(QStringLiteral("signedInLabel")); }

    void pressCtrl(Qt::Key key)
    {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
        QTest::keyClick(target, key, Qt::ControlModifier);
    }

    void unlockWith(const QString& username, const QString& password)
    {
        auto* user = lockScreen()->findChild<QLineEdit*>(QStringLiteral("lockUsernameField"));
        auto* field = lockScreen()->findChild<QLineEdit*>(QStringLiteral("lockPasswordField"));
        QVERIFY(user && field);
        if (user->text() != username) {
            user->setFocus();
            user->selectAll();
            QTest::keyClicks(user, username);
        }
        field->setFocus();
        QTest::keyClicks(field, password);
        QTest::keyClick(field, Qt::Key_Return);
    }

    // Every text on screen (visible labels, fields, table cells) of every window of the application.
    static QString visibleText()
    {
        QStringList texts;
        for (QWidget* widget : QApplication::allWidgets()) {
            if (!widget->isVisible())
                continue;
            if (auto* label = qobject_cast<QLabel*>(widget))
                texts << label->text();
            else if (auto* edit = qobject_cast<QLineEdit*>(widget))
                texts << edit->text();
            else if (auto* table = qobject_cast<QTableView*>(widget); table && table->model())
                for (int row = 0; row < table->model()->rowCount(); ++row)
                    for (int column = 0; column < table->model()->columnCount(); ++column)
                        texts << table->model()->index(row, column).data().toString();
            if (widget->isWindow())
                texts << widget->windowTitle();
        }
        return texts.join(u'\n');
    }

    // Answers the "close open work?" question that is about to come up (looks for it every 20 ms, for 20 s at most).
    static void answerCloseWork(bool yes, bool* asked)
    {
        auto* poll = new QTimer;
        auto tries = std::make_shared<int>(0);
        poll->setInterval(20);
        QObject::connect(poll, &QTimer::timeout, poll, [poll, tries, yes, asked] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box && box->objectName() == QLatin1String("closeWorkQuestion")) {
                *asked = true;
                box->findChild<QPushButton*>(yes ? QStringLiteral("closeWorkYes") : QStringLiteral("closeWorkNo"))
                    ->click();
            } else if (++*tries < 1000) {
                return;
            }
            poll->stop();
            poll->deleteLater();
        });
        poll->start();
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("lock.db")), QByteArray(32, '\x4c'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        m_signIn = std::make_unique<startup::StaffSignIn>(&m_repos->staff);
        m_alice = account(QStringLiteral("alice"), QStringLiteral("Alice Usher"), core::StaffMember::Role::BoxOffice,
                          m_alicePassword);
        m_bob = account(QStringLiteral("bob"), QStringLiteral("Bob Manager"), core::StaffMember::Role::Manager,
                        m_bobPassword);
        m_adaId = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                     QStringLiteral("ada@analytical.example"), QStringLiteral("020 5550 1815"));

        m_window = std::make_unique<gui::MainWindow>(m_repos.get());
        m_window->setSessionControl(
            [this](const QString& u, const core::SecureBuffer& p, QString* e) { return m_signIn->signIn(u, p, e); },
            [this](const core::StaffMember& staff) {
                m_sessionsEnded << staff.username;
                m_signIn->signOut(nullptr);
            });
        m_window->setStaff(m_alice);
        m_window->resize(1360, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(storage::SyncContext::staffId(), m_alice.id);
        QVERIFY(signedInLabel()->text().contains(QStringLiteral("Alice Usher")));
    }

    void lockHidesEverythingAndUnlockReturnsToTheSameWork()
    {
        QVERIFY(m_window->openPatron(m_adaId));
        auto* profile = qobject_cast<gui::PatronProfileWidget*>(tabs()->currentWidget());
        QVERIFY(profile && profile->isVisible());
        m_window->startWalkUpOrder();
        auto* editor = m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"));
        QVERIFY(editor);
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        auto* seats = editor->findChild<QLineEdit*>(QStringLiteral("seatEntryField"));
        QVERIFY(seats);
        seats->setFocus();
        QTest::keyClicks(seats, QStringLiteral("Stalls H10-13"));
        QVERIFY(visibleText().contains(QStringLiteral("Lovelace")));

        pressCtrl(Qt::Key_L);
        QVERIFY(m_window->isLocked());
        QVERIFY(lockScreen()->isVisible());
        QCOMPARE(lockScreen()->geometry(), m_window->rect());
        // No patron data anywhere on screen: not in the window, not in the order editor (hidden, not closed).
        const QString shown = visibleText();
        QVERIFY2(!shown.contains(QStringLiteral("Lovelace")) && !shown.contains(QStringLiteral("analytical")),
                 qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("Stalls H10-13")));
        QVERIFY(!profile->isVisible());
        QVERIFY(!editor->isVisible());
        QVERIFY(lockScreen()
                    ->findChild<QLabel*>(QStringLiteral("lockedByLabel"))
                    ->text()
                    .contains(QStringLiteral("Alice Usher")));
        QCOMPARE(lockScreen()->findChild<QLineEdit*>(QStringLiteral("lockUsernameField"))->text(),
                 QStringLiteral("alice"));

        // Named for screen readers and tests.
        for (QWidget* widget : lockScreen()->findChildren<QWidget*>()) {
            QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
            if (qobject_cast<QLineEdit*>(widget) || qobject_cast<QPushButton*>(widget))
                QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        }
        // The keyboard stays in the lock screen: Tab goes round its form, and the window's shortcuts do nothing.
        auto* password = lockScreen()->findChild<QLineEdit*>(QStringLiteral("lockPasswordField"));
        QTRY_COMPARE(QApplication::focusWidget(), password);
        for (int i = 0; i < 7; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QVERIFY2(lockScreen()->isAncestorOf(QApplication::focusWidget()),
                     qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                            : QStringLiteral("(none)")));
        }
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
            QVERIFY(lockScreen()->isAncestorOf(QApplication::focusWidget()));
        }
        pressCtrl(Qt::Key_N); // new patron
        pressCtrl(Qt::Key_T); // my tasks
        QTest::qWait(50);
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY(!visibleText().contains(QStringLiteral("Lovelace")));
        // Closing (Ctrl+Q, the window manager) does not get past the lock either.
        pressCtrl(Qt::Key_Q);
        QVERIFY(m_window->isVisible());
        QVERIFY(m_window->isLocked());

        unlockWith(QStringLiteral("alice"), m_alicePassword);
        QVERIFY(!m_window->isLocked());
        QVERIFY(!lockScreen()->isVisible());
        QVERIFY(editor->isVisible());
        QCOMPARE(seats->text(), QStringLiteral("Stalls H10-13"));
        QTRY_COMPARE(QApplication::focusWidget(), seats);
        QCOMPARE(tabs()->currentWidget(), profile);
        QCOMPARE(m_window->staff().id, m_alice.id);
        QVERIFY(m_sessionsEnded.isEmpty());
        editor->reject();
        QTRY_VERIFY(!m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));
    }

    void aWrongPasswordKeepsTheWindowLocked()
    {
        pressCtrl(Qt::Key_L);
        QVERIFY(m_window->isLocked());
        unlockWith(QStringLiteral("alice"), QStringLiteral("not alice's passphrase"));
        QVERIFY(m_window->isLocked());
        auto* problem = lockScreen()->findChild<QLabel*>(QStringLiteral("lockProblemLabel"));
        QVERIFY(problem->isVisible());
        QCOMPARE(problem->text(), QStringLiteral("Wrong user name or password."));
        QVERIFY(lockScreen()->findChild<QLineEdit*>(QStringLiteral("lockPasswordField"))->text().isEmpty());
        QVERIFY(!visibleText().contains(QStringLiteral("Lovelace")));
        // Another account's name with the first one's password is no better.
        unlockWith(QStringLiteral("bob"), m_alicePassword);
        QVERIFY(m_window->isLocked());
        QCOMPARE(m_window->staff().id, m_alice.id);
        unlockWith(QStringLiteral("alice"), m_alicePassword);
        QVERIFY(!m_window->isLocked());
        QVERIFY(!problem->isVisible());
    }

    void anotherStaffMembersPasswordSwitchesUser()
    {
        QVERIFY(m_window->openPatron(m_adaId));
        m_window->startWalkUpOrder();
        QVERIFY(m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));
        pressCtrl(Qt::Key_L);
        QVERIFY(m_window->isLocked());
        // Bob is asked before Alice's open order editor is closed; saying no keeps it (and the lock).
        bool asked = false;
        answerCloseWork(false, &asked);
        unlockWith(QStringLiteral("bob"), m_bobPassword);
        QVERIFY(asked);
        QVERIFY(m_window->isLocked());
        QCOMPARE(m_window->staff().id, m_alice.id);
        QVERIFY(m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));

        asked = false;
        answerCloseWork(true, &asked);
        unlockWith(QStringLiteral("bob"), m_bobPassword);
        QVERIFY(asked);
        QVERIFY(!m_window->isLocked());
        QCOMPARE(m_window->staff().id, m_bob.id);
        QCOMPARE(storage::SyncContext::staffId(), m_bob.id); // what Bob does from now on is his
        QVERIFY(signedInLabel()->text().contains(QStringLiteral("Bob Manager")));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Bob Manager")));
        // Bob's sign-in ended Alice's server session (TestSyncStaff); a sign-out now would end Bob's, so none is asked.
        QVERIFY(m_sessionsEnded.isEmpty());
        // Alice's work is gone with her: no profile, no editor.
        QCOMPARE(tabs()->count(), 0);
        QTRY_VERIFY(!m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));
        // Bob's own work carries his id.
        QVERIFY(m_window->openPatron(m_adaId));
        m_window->startWalkUpOrder();
        auto* editor = m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"));
        QVERIFY(editor);
        editor->reject();
        QTRY_VERIFY(!m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));

        // And back to Alice the same way.
        pressCtrl(Qt::Key_L);
        unlockWith(QStringLiteral("alice"), m_alicePassword);
        QVERIFY(!m_window->isLocked());
        QCOMPARE(m_window->staff().id, m_alice.id);
        QCOMPARE(storage::SyncContext::staffId(), m_alice.id);
        m_sessionsEnded.clear();
    }

    void theIdleTimeComesFromTheVenueSetting()
    {
        QString error;
        QVERIFY2(m_repos->settings.setValue(QStringLiteral("lock_idle_minutes"), QStringLiteral("3"), m_bob.id, &error),
                 qPrintable(error));
        m_window->setStaff(m_alice);
        QCOMPARE(m_window->idleLockInterval(), 3 * 60 * 1000);
        QVERIFY(m_repos->settings.setValue(QStringLiteral("lock_idle_minutes"), QStringLiteral("0"), m_bob.id, &error));
        m_window->setStaff(m_alice);
        QCOMPARE(m_window->idleLockInterval(), 0); // never
        // Not a number of minutes: refused, and the last good value stays.
        for (const QString& bad : {QStringLiteral("soon"), QStringLiteral("-1"), QStringLiteral("100000")}) {
            error.clear();
            QVERIFY(!m_repos->settings.setValue(QStringLiteral("lock_idle_minutes"), bad, m_bob.id, &error));
            QVERIFY2(error.contains(QStringLiteral("minutes")), qPrintable(error));
        }
        m_window->setStaff(m_alice);
        QCOMPARE(m_window->idleLockInterval(), 0);
        // A value that got in some other way (an old row, a sync) gives the default, not "never".
        QSqlQuery q(m_db->connection());
        QVERIFY2(
            q.exec(QStringLiteral("UPDATE workstation_setting SET value = 'soon' WHERE name = 'lock_idle_minutes'")),
            qPrintable(q.lastError().text()));
        QCOMPARE(q.numRowsAffected(), 1);
        m_window->setStaff(m_alice);
        QCOMPARE(m_window->idleLockInterval(), storage::SettingsRepository::DefaultLockIdleMinutes * 60 * 1000);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("soon")),
                 qPrintable(m_window->statusBar()->currentMessage()));
    }

    void theWindowLocksItselfAfterTheIdleTimeOnly()
    {
        auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("patronSearchField"));
        search->setFocus();
        m_window->setIdleLockInterval(400);
        // Input keeps coming (keys and mouse moves, every 100 ms for over a second): no lock.
        for (int i = 0; i < 12; ++i) {
            if (i % 2)
                QTest::keyClick(search, Qt::Key_Right);
            else
                QTest::mouseMove(search, QPoint(5 + i, 5));
            QTest::qWait(100);
            QVERIFY2(!m_window->isLocked(), qPrintable(QStringLiteral("locked after %1 ms of input").arg(i * 100)));
        }
        // Then nothing: locked soon after the idle time.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isLocked(), 2000);
        QVERIFY(!visibleText().contains(QStringLiteral("Lovelace")));
        unlockWith(QStringLiteral("alice"), m_alicePassword);
        QVERIFY(!m_window->isLocked());
        m_window->setIdleLockInterval(0);
        QTest::qWait(600);
        QVERIFY(!m_window->isLocked());
    }

    void theLockScreenPicture()
    {
        if (!qEnvironmentVariableIsSet("FOYER_SCREENSHOT_DIR"))
            QSKIP("FOYER_SCREENSHOT_DIR is not set");
        QVERIFY(m_window->openPatron(m_adaId));
        pressCtrl(Qt::Key_L);
        QVERIFY(m_window->isLocked());
        QVERIFY(
            m_window->grab().save(qEnvironmentVariable("FOYER_SCREENSHOT_DIR") + QStringLiteral("/lock-screen.png")));
        unlockWith(QStringLiteral("alice"), m_alicePassword);
        QVERIFY(!m_window->isLocked());
    }

    void signOutClosesTheWorkAndReturnsToTheSignIn()
    {
        QVERIFY(m_window->openPatron(m_adaId));
        QVERIFY(tabs()->count() > 0);
        auto* signOut = m_window->findChild<QAction*>(QStringLiteral("signOutAction"));
        QVERIFY(signOut);
        // With an order editor open, sign-out asks first; no keeps everything as it was.
        m_window->startWalkUpOrder();
        bool asked = false;
        answerCloseWork(false, &asked);
        signOut->trigger();
        QVERIFY(asked);
        QVERIFY(m_window->isVisible());
        QVERIFY(m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));
        QCOMPARE(m_window->staff().id, m_alice.id);

        asked = false;
        answerCloseWork(true, &asked);
        signOut->trigger();
        QVERIFY(asked);
        QVERIFY(!m_window->isVisible());
        QCOMPARE(tabs()->count(), 0);
        QTRY_VERIFY(!m_window->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor")));
        QVERIFY(m_window->staff().id.isEmpty());
        QVERIFY(storage::SyncContext::staffId().isEmpty());
        QCOMPARE(m_sessionsEnded, QStringList{QStringLiteral("alice")});
        auto* dialog = m_window->findChild<gui::SignInDialog*>(QStringLiteral("signInDialog"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(!visibleText().contains(QStringLiteral("Lovelace")));
        // No one is signed in: Ctrl+L at the sign-in dialog locks nothing.
        QTest::keyClick(dialog->findChild<QLineEdit*>(QStringLiteral("usernameField")), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!m_window->isLocked());

        // Bob signs in at the dialog: the window is his.
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("usernameField")), QStringLiteral("bob"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passwordField")), QStringLiteral("wrong one"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(!m_window->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passwordField")), m_bobPassword);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
        QTRY_VERIFY(m_window->isVisible());
        QCOMPARE(m_window->staff().id, m_bob.id);
        QCOMPARE(storage::SyncContext::staffId(), m_bob.id);
        QVERIFY(signedInLabel()->text().contains(QStringLiteral("Bob Manager")));
        QTRY_VERIFY(!m_window->findChild<gui::SignInDialog*>(QStringLiteral("signInDialog")));
    }

    void quitIsCtrlQ()
    {
        auto* quit = m_window->findChild<QAction*>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
        auto* lockAction = m_window->findChild<QAction*>(QStringLiteral("lockAction"));
        QVERIFY(lockAction);
        QCOMPARE(lockAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        for (QAction* action : {quit, lockAction, m_window->findChild<QAction*>(QStringLiteral("signOutAction"))})
            QVERIFY2(action->text().contains(u'&'), qPrintable(action->text())); // reachable with Alt from the menu
        QVERIFY(m_window->isVisible());
        m_window->activateWindow();
        QTest::keyClick(m_window->findChild<QLineEdit*>(QStringLiteral("patronSearchField")), Qt::Key_Q,
                        Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
    }
};

QTEST_MAIN(TestLockScreen)
#include "TestLockScreen.moc"
