// The real main window on a real encrypted database, driven from the keyboard as staff at the window would.
#include "Database.h"
#include "MainWindow.h"
#include "NewPatronDialog.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "PatronSearchRepository.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestMainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::PatronRepository> m_patrons;
    std::unique_ptr<storage::PatronSearchRepository> m_search;
    std::unique_ptr<gui::MainWindow> m_window;

    QLineEdit* searchField() { return m_window->findChild<QLineEdit*>(QStringLiteral("patronSearchField")); }
    QTableView* results() { return m_window->findChild<QTableView*>(QStringLiteral("patronResultsView")); }
    QTabWidget* tabs() { return m_window->findChild<QTabWidget*>(QStringLiteral("profileTabs")); }

    void typeSearch(const QString& text)
    {
        searchField()->setFocus();
        searchField()->clear();
        QTest::keyClicks(searchField(), text);
    }

    QString currentProfileText()
    {
        auto* page = qobject_cast<gui::PatronProfileWidget*>(tabs()->currentWidget());
        if (!page)
            return QString();
        QStringList texts;
        for (QLabel* label : page->findChildren<QLabel*>())
            texts.append(label->text());
        return texts.join(u'\n');
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("gui.db")), QByteArray(32, '\x31'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_patrons = std::make_unique<storage::PatronRepository>(m_db->connection());
        m_search = std::make_unique<storage::PatronSearchRepository>(m_db->connection());
        testing::addPatron(*m_patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                           QStringLiteral("ada@analytical.example"), QStringLiteral("020 5550 1815"));
        testing::addPatron(*m_patrons, QStringLiteral("Charles"), QStringLiteral("Babbage"),
                           QStringLiteral("charles@analytical.example"), QStringLiteral("020 5550 1791"));
        m_window = std::make_unique<gui::MainWindow>(m_patrons.get(), m_search.get());
        m_window->showSummary({2, 2, QStringLiteral("3.15.2"), m_db->path()});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void widgetsAreNamedForScreenReaders()
    {
        for (QWidget* widget : QList<QWidget*>{searchField(), results(), tabs(),
                                               m_window->findChild<QPushButton*>(QStringLiteral("newPatronButton"))}) {
            QVERIFY(widget);
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        }
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("databaseSummaryLabel"))
                    ->text()
                    .contains(QStringLiteral("schema 2")));
    }

    void typingAPartialNameFindsThePatron()
    {
        typeSearch(QStringLiteral("lovel"));
        QCOMPARE(results()->model()->rowCount(), 1);
        QCOMPARE(results()->model()->index(0, 0).data().toString(), QStringLiteral("Ada Lovelace"));
        typeSearch(QStringLiteral("5550 1791")); // a phone number, typed another way
        QCOMPARE(results()->model()->index(0, 0).data().toString(), QStringLiteral("Charles Babbage"));
    }

    void enterOpensTheTopResultAndEscReturnsToSearch()
    {
        typeSearch(QStringLiteral("ada lov"));
        QTest::keyClick(searchField(), Qt::Key_Return);
        QCOMPARE(tabs()->count(), 1);
        QCOMPARE(tabs()->tabText(0), QStringLiteral("Ada Lovelace"));
        QVERIFY(currentProfileText().contains(QStringLiteral("ada@analytical.example (primary) (original)")));
        QVERIFY(currentProfileText().contains(QStringLiteral("020 5550 1815 (home)")));
        tabs()->currentWidget()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), searchField());
        // Opening the same patron again switches to the open tab instead of adding one.
        QTest::keyClick(searchField(), Qt::Key_Return);
        QCOMPARE(tabs()->count(), 1);
    }

    void downWalksTheListAndEnterOpens()
    {
        typeSearch(QStringLiteral("analytical"));
        QCOMPARE(results()->model()->rowCount(), 2);
        QTest::keyClick(searchField(), Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget(), results());
        QTest::keyClick(results(), Qt::Key_Down);
        QTest::keyClick(results(), Qt::Key_Return);
        QCOMPARE(tabs()->count(), 2);
        const QString second = results()->model()->index(1, 0).data().toString();
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), second);
        QTest::keySequence(m_window.get(), QKeySequence::Close); // Ctrl+W closes the current profile
        QCOMPARE(tabs()->count(), 1);
    }

    void newPatronWarnsAboutATakenEmailAndCanOpenTheExistingOne()
    {
        typeSearch(QStringLiteral("Augusta King"));
        QTest::keySequence(m_window.get(), QKeySequence::New);
        auto* dialog = m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("firstNameField"))->text(), QStringLiteral("Augusta"));
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("lastNameField"))->text(), QStringLiteral("King"));
        auto* email = dialog->findChild<QLineEdit*>(QStringLiteral("emailField"));
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"));
        auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveButton"));

        QTest::keyClicks(email, QStringLiteral("ada(at)analytical"));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(problem->text().contains(QStringLiteral("not an email address")), qPrintable(problem->text()));
        QCOMPARE(dialog->focusWidget(), email);

        email->clear();
        QTest::keyClicks(email, QStringLiteral("ADA@analytical.example"));
        const qint64 before = m_patrons->count();
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(problem->text().contains(QStringLiteral("already belongs to Ada Lovelace")),
                 qPrintable(problem->text()));
        QCOMPARE(m_patrons->count(), before); // nothing saved yet
        auto* openExisting = dialog->findChild<QPushButton*>(QStringLiteral("openExistingButton"));
        QVERIFY(openExisting->isVisible());
        QTest::mouseClick(openExisting, Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Ada Lovelace"));
        QCOMPARE(m_patrons->count(), before);
    }

    void newPatronIsSavedWithOnlyANameAndAPhone()
    {
        typeSearch(QStringLiteral("Grace Hopper"));
        QTest::keySequence(m_window.get(), QKeySequence::New);
        auto* dialog = m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("phoneField")), QStringLiteral("212 555 0199"));
        const qint64 before = m_patrons->count();
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        QCOMPARE(m_patrons->count(), before + 1);
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Grace Hopper"));
        typeSearch(QStringLiteral("hopp"));
        QCOMPARE(results()->model()->index(0, 0).data().toString(), QStringLiteral("Grace Hopper"));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE entity = 'patron'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }

    void init()
    {
        // Window shortcuts (Ctrl+N, Ctrl+W, Esc) need the window to be the active one again after a dialog.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup()
    {
        // A failed step must not leave its dialog open for the next test.
        for (auto* dialog : m_window->findChildren<gui::NewPatronDialog*>())
            delete dialog;
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_search.reset();
        m_patrons.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
