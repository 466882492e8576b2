// The real main window on a real encrypted database, driven from the keyboard as staff at the window would.
#include "CancelRecurringDialog.h"
#include "ContactLogDialog.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "MainWindow.h"
#include "NewPatronDialog.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "PatronSearchModel.h"
#include "PatronSearchRepository.h"
#include "StaffSignIn.h"
#include "SyncApplier.h"
#include "SyncStatus.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestMainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    storage::PatronRepository* m_patrons = nullptr;
    storage::PatronSearchRepository* m_search = nullptr;
    storage::PatronActivityRepository* m_activity = nullptr;
    storage::PatronDetailsRepository* m_details = nullptr;
    QString m_adaId;
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
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        m_patrons = &m_repos->patrons;
        m_search = &m_repos->search;
        m_activity = &m_repos->activity;
        m_details = &m_repos->details;
        m_adaId = testing::addPatron(*m_patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                     QStringLiteral("ada@analytical.example"), QStringLiteral("020 5550 1815"));
        // Ada has an order, an email that was sent to her, and a monthly gift.
        storage::DemoDataWriter writer(m_db->connection());
        QString writeError;
        storage::DemoDataWriter::OrderSpec order;
        order.order.id = core::UuidV7::generateText();
        order.order.confirmationNumber = QStringLiteral("BO-1001");
        order.order.category = QStringLiteral("ticket");
        order.order.channel = QStringLiteral("box_office");
        order.order.internalStatus = QStringLiteral("chargeback_pending");
        order.order.createdAt = QDateTime::currentDateTimeUtc().addDays(-3);
        order.ticketPrices = {4500, 4500};
        QVERIFY2(writer.addOrder(m_adaId, order, &writeError), qPrintable(writeError));
        core::ContactLog email;
        email.kind = QStringLiteral("email");
        email.direction = QStringLiteral("outbound");
        email.subject = QStringLiteral("Your seats for The Tempest");
        email.occurredAt = QDateTime::currentDateTimeUtc().addDays(-2);
        QVERIFY2(writer.addContactLog(m_adaId, email, &writeError), qPrintable(writeError));
        core::RecurringDonation monthly;
        monthly.id = core::UuidV7::generateText();
        monthly.amountMinor = 2500;
        monthly.frequency = QStringLiteral("monthly");
        monthly.startsOn = QDate::currentDate().addMonths(-2);
        monthly.status = QStringLiteral("active");
        QVERIFY2(writer.addRecurringDonation(m_adaId, monthly, &writeError), qPrintable(writeError));
        testing::addPatron(*m_patrons, QStringLiteral("Charles"), QStringLiteral("Babbage"),
                           QStringLiteral("charles@analytical.example"), QStringLiteral("020 5550 1791"));
        m_window = std::make_unique<gui::MainWindow>(m_repos.get());
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
        const qint64 before = m_patrons->count(nullptr);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(problem->text().contains(QStringLiteral("already belongs to Ada Lovelace")),
                 qPrintable(problem->text()));
        QCOMPARE(m_patrons->count(nullptr), before); // nothing saved yet
        auto* openExisting = dialog->findChild<QPushButton*>(QStringLiteral("openExistingButton"));
        QVERIFY(openExisting->isVisible());
        QTest::mouseClick(openExisting, Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Ada Lovelace"));
        QCOMPARE(m_patrons->count(nullptr), before);
    }

    void newPatronIsSavedWithOnlyANameAndAPhone()
    {
        typeSearch(QStringLiteral("Grace Hopper"));
        QTest::keySequence(m_window.get(), QKeySequence::New);
        auto* dialog = m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("phoneField")), QStringLiteral("212 555 0199"));
        const qint64 before = m_patrons->count(nullptr);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        QCOMPARE(m_patrons->count(nullptr), before + 1);
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Grace Hopper"));
        typeSearch(QStringLiteral("hopp"));
        QCOMPARE(results()->model()->index(0, 0).data().toString(), QStringLiteral("Grace Hopper"));
        QSqlQuery q(m_db->connection());
        // The new patron left one operation that another workstation can replay: the patron row itself.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE changes LIKE '%\"table\":\"patron\"%' "
                                      "AND changes LIKE '%Hopper%'")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    QLabel* caption() { return m_window->findChild<QLabel*>(QStringLiteral("resultsCaption")); }
    QString summaryText() { return m_window->findChild<QLabel*>(QStringLiteral("databaseSummaryLabel"))->text(); }

    void resultsSayHowManyMatchedAndShowThePhone()
    {
        typeSearch(QStringLiteral("lovel"));
        QVERIFY2(caption()->text().startsWith(QStringLiteral("1 patron")), qPrintable(caption()->text()));
        QVERIFY(!caption()->accessibleName().isEmpty());
        typeSearch(QStringLiteral("analytical"));
        QVERIFY2(caption()->text().startsWith(QStringLiteral("2 patron")), qPrintable(caption()->text()));
        // At the window's default size the phone column is all in view, with no horizontal scroll bar.
        QHeaderView* header = results()->horizontalHeader();
        const int phoneRight = header->sectionViewportPosition(gui::PatronSearchModel::PhoneColumn) +
                               header->sectionSize(gui::PatronSearchModel::PhoneColumn);
        QVERIFY2(!header->isSectionHidden(gui::PatronSearchModel::PhoneColumn), "phone column hidden");
        QVERIFY2(phoneRight <= results()->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(phoneRight).arg(results()->viewport()->width())));
        QVERIFY(!results()->horizontalScrollBar()->isVisible());
        const QString phone = results()->model()->index(0, gui::PatronSearchModel::PhoneColumn).data().toString();
        QVERIFY(!phone.isEmpty());
        QVERIFY(header->sectionSize(gui::PatronSearchModel::PhoneColumn) >
                results()->fontMetrics().horizontalAdvance(phone));
        QVERIFY(header->sectionSize(gui::PatronSearchModel::NameColumn) >
                results()->fontMetrics().horizontalAdvance(QStringLiteral("Charles Babbage")));
        // The same on a 1,360 x 768 screen.
        const QSize defaultSize = m_window->size();
        m_window->resize(1360, 768);
        QTRY_COMPARE(m_window->size(), QSize(1360, 768));
        QTest::qWait(20);
        QVERIFY2(header->sectionViewportPosition(gui::PatronSearchModel::PhoneColumn) +
                         header->sectionSize(gui::PatronSearchModel::PhoneColumn) <=
                     results()->viewport()->width(),
                 "phone column cut at 1360 x 768");
        QVERIFY(!results()->horizontalScrollBar()->isVisible());
        m_window->resize(defaultSize);
    }

    void moreThanAPageSaysTypeMore()
    {
        for (int i = 0; i < gui::PatronSearchModel::PageSize + 5; ++i)
            testing::addPatron(*m_patrons, QStringLiteral("Crowd%1").arg(i), QStringLiteral("Quorum"), QString(),
                               QStringLiteral("020 7946 %1").arg(1000 + i));
        typeSearch(QStringLiteral("quorum"));
        QCOMPARE(results()->model()->rowCount(), gui::PatronSearchModel::PageSize);
        QVERIFY2(caption()->text().startsWith(QStringLiteral("More than 50")), qPrintable(caption()->text()));
        // Scrolling to the foot of the list reads the rest: the caption then counts them.
        QTest::qWait(20); // the view lays out its rows and scroll range on the next event-loop turn
        results()->scrollToBottom();
        QTRY_COMPARE(results()->model()->rowCount(), gui::PatronSearchModel::PageSize + 5);
        QVERIFY2(caption()->text().startsWith(QStringLiteral("55 patron")), qPrintable(caption()->text()));
        typeSearch(QStringLiteral("quorum crowd5")); // Crowd5 and Crowd50 to Crowd54
        QVERIFY2(caption()->text().startsWith(QStringLiteral("6 patron")), qPrintable(caption()->text()));
    }

    gui::NewPatronDialog* openNewPatronForm(const QString& typed)
    {
        typeSearch(typed);
        QTest::keySequence(m_window.get(), QKeySequence::New);
        auto* dialog = m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog"));
        return dialog && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
    }

    void newPatronWithTheSameNameIsAPossibleDuplicateAndEnterOpensIt()
    {
        gui::NewPatronDialog* dialog = openNewPatronForm(QStringLiteral("Charles Babbage"));
        QVERIFY(dialog);
        auto* email = dialog->findChild<QLineEdit*>(QStringLiteral("emailField"));
        auto* last = dialog->findChild<QLineEdit*>(QStringLiteral("lastNameField"));
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"));
        auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveButton"));
        auto* openExisting = dialog->findChild<QPushButton*>(QStringLiteral("openExistingButton"));
        QTRY_COMPARE(QApplication::focusWidget(), email);                        // the names are in
        QTest::keyClicks(email, QStringLiteral("c.babbage@difference.example")); // another email
        const qint64 before = m_patrons->count(nullptr);
        QTest::keyClick(email, Qt::Key_Return);
        QVERIFY2(problem->isVisible() && problem->text().contains(QStringLiteral("Charles Babbage")),
                 qPrintable(problem->text()));
        QCOMPARE(m_patrons->count(nullptr), before);
        QVERIFY(openExisting->isVisible());
        QVERIFY(openExisting->isDefault());
        QVERIFY(!save->isDefault());
        QCOMPARE(openExisting->text().remove(u'&'), QStringLiteral("Open Charles Babbage"));
        QVERIFY(!openExisting->accessibleName().isEmpty());

        // Changing the clashing name takes the warning away; putting it back warns again.
        last->setFocus();
        QTest::keyClick(last, Qt::Key_End);
        QTest::keyClick(last, Qt::Key_S);
        QVERIFY(!problem->isVisible());
        QVERIFY(!openExisting->isVisible());
        QVERIFY(save->isDefault());
        QCOMPARE(save->text().remove(u'&'), QStringLiteral("Save"));
        QTest::keyClick(last, Qt::Key_Backspace);
        QTest::keyClick(last, Qt::Key_Return);
        QVERIFY(problem->isVisible() && openExisting->isVisible());

        // Enter again opens Charles; nothing is saved.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Charles Babbage"));
        QCOMPARE(m_patrons->count(nullptr), before);
    }

    void aChangedEmailTakesItsWarningAway()
    {
        gui::NewPatronDialog* dialog = openNewPatronForm(QStringLiteral("Augusta Byron"));
        QVERIFY(dialog);
        auto* email = dialog->findChild<QLineEdit*>(QStringLiteral("emailField"));
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"));
        QTRY_COMPARE(QApplication::focusWidget(), email);
        QTest::keyClicks(email, QStringLiteral("ada@analytical.example"));
        QTest::keyClick(email, Qt::Key_Return);
        QVERIFY2(problem->isVisible() && problem->text().contains(QStringLiteral("already belongs to Ada")),
                 qPrintable(problem->text()));
        QCOMPARE(QApplication::focusWidget(), email);
        QTest::keyClick(email, Qt::Key_Backspace);
        QVERIFY(!problem->isVisible());
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("openExistingButton"))->isVisible());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
    }

    void anEmptyFormFocusesTheFirstEmptyRequiredField()
    {
        gui::NewPatronDialog* dialog = openNewPatronForm(QString());
        QVERIFY(dialog);
        auto* first = dialog->findChild<QLineEdit*>(QStringLiteral("firstNameField"));
        auto* phone = dialog->findChild<QLineEdit*>(QStringLiteral("phoneField"));
        phone->setFocus(); // staff tabbed down the form without typing
        QTest::keyClick(phone, Qt::Key_Return);
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("problemLabel"))->isVisible());
        QCOMPARE(QApplication::focusWidget(), first);
        // With a name, the next empty required field in reading order: the email (or a phone).
        QTest::keyClicks(first, QStringLiteral("Mary"));
        QTest::keyClick(first, Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), dialog->findChild<QLineEdit*>(QStringLiteral("emailField")));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
    }

    void statusBarCountFollowsNewAndPulledPatrons()
    {
        const QLocale locale;
        gui::NewPatronDialog* dialog = openNewPatronForm(QStringLiteral("Hedy Lamarr"));
        QVERIFY(dialog);
        auto* email = dialog->findChild<QLineEdit*>(QStringLiteral("emailField"));
        QTRY_COMPARE(QApplication::focusWidget(), email);
        QTest::keyClicks(email, QStringLiteral("hedy@frequency.example"));
        QTest::keyClick(email, Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<gui::NewPatronDialog*>(QStringLiteral("newPatronDialog")));
        const qint64 afterNew = m_patrons->count(nullptr);
        QVERIFY2(summaryText().startsWith(locale.toString(afterNew) + QStringLiteral(" patrons")),
                 qPrintable(summaryText()));

        // Sync brings a patron from another workstation: the count follows when the round reports it.
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        const QString id = core::UuidV7::generateText();
        const QJsonObject row{{QStringLiteral("id"), id},
                              {QStringLiteral("patron_number"), 990001},
                              {QStringLiteral("first_name"), QStringLiteral("Katherine")},
                              {QStringLiteral("last_name"), QStringLiteral("Johnson")},
                              {QStringLiteral("created_at"), now},
                              {QStringLiteral("updated_at"), now}};
        const QJsonObject page{{QStringLiteral("changes"),
                                QJsonArray{QJsonObject{{QStringLiteral("seq"), 1},
                                                       {QStringLiteral("table"), QStringLiteral("patron")},
                                                       {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), id}}},
                                                       {QStringLiteral("deleted"), false},
                                                       {QStringLiteral("row"), row}}}},
                               {QStringLiteral("next"), 2},
                               {QStringLiteral("more"), false}};
        QString applyError;
        QVERIFY2(storage::SyncApplier(m_db->connection()).apply(page, &applyError), qPrintable(applyError));
        QCOMPARE(m_patrons->count(nullptr), afterNew + 1);
        sync::SyncStatus status;
        status.configured = true;
        status.online = true;
        status.syncing = false;
        status.waiting = 0;
        status.lastSyncUtc = QDateTime::currentDateTimeUtc();
        status.pulledLastRound = 1;
        m_window->showSyncStatus(status);
        QVERIFY2(summaryText().startsWith(locale.toString(afterNew + 1) + QStringLiteral(" patrons")),
                 qPrintable(summaryText()));
        // The pulled patron is found by name: the applier rebuilt her keys.
        typeSearch(QStringLiteral("katherine john"));
        QCOMPARE(results()->model()->index(0, 0).data().toString(), QStringLiteral("Katherine Johnson"));
    }

    void closeAllProfiles()
    {
        while (tabs()->count() > 0)
            emit tabs()->tabCloseRequested(0);
    }

    // Opens Ada's profile on the given section, as staff would by clicking its tab.
    gui::PatronProfileWidget* openAda(int section = gui::PatronProfileWidget::OrdersSection)
    {
        m_window->openPatron(m_adaId);
        auto* profile = qobject_cast<gui::PatronProfileWidget*>(tabs()->currentWidget());
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))->setCurrentIndex(section);
        profile->loadSection(section); // the first section otherwise loads on the next event-loop turn
        return profile;
    }

    void init()
    {
        // Window shortcuts (Ctrl+N, Ctrl+W, Esc) need the window to be the active one again after a dialog.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void ordersShowStaffAndPatronStatus()
    {
        gui::PatronProfileWidget* profile = openAda();
        QVERIFY(profile);
        auto* orders = profile->findChild<QTableWidget*>(QStringLiteral("ordersTable"));
        QCOMPARE(orders->rowCount(), 1);
        QCOMPARE(orders->item(0, 1)->text(), QStringLiteral("BO-1001"));
        QCOMPARE(orders->item(0, 2)->text(), QStringLiteral("Ticket purchase"));
        QCOMPARE(orders->item(0, 3)->text(), QStringLiteral("Chargeback Pending"));
        QCOMPARE(orders->item(0, 4)->text(), QStringLiteral("In Review"));
        QCOMPARE(orders->item(0, 5)->text(), QLocale().toString(90.0, 'f', 2));
    }

    void aFailedSearchSaysWhyInsteadOfNoResults()
    {
        auto* caption = m_window->findChild<QLabel*>(QStringLiteral("resultsCaption"));
        QVERIFY(caption);
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE patron_search_key RENAME TO patron_search_key_away")),
                 qPrintable(q.lastError().text()));
        auto restore = qScopeGuard(
            [&] { q.exec(QStringLiteral("ALTER TABLE patron_search_key_away RENAME TO patron_search_key")); });
        typeSearch(QStringLiteral("lovel"));
        QCOMPARE(results()->model()->rowCount(), 0);
        // The reason, where the results are and in the status bar; never "No patron matches".
        QVERIFY2(caption->text().contains(QStringLiteral("could not be run")), qPrintable(caption->text()));
        // The driver's own reason names the missing table, not a generic "statement was not prepared".
        QVERIFY2(caption->text().contains(QStringLiteral("patron_search_key")), qPrintable(caption->text()));
        QVERIFY2(!caption->text().contains(QStringLiteral("No patron matches")), qPrintable(caption->text()));
        QVERIFY2(m_window->statusBar()->currentMessage() == caption->text(),
                 qPrintable(m_window->statusBar()->currentMessage()));

        restore.dismiss();
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE patron_search_key_away RENAME TO patron_search_key")));
        typeSearch(QStringLiteral("lovel"));
        QVERIFY(results()->model()->rowCount() > 0);
        QVERIFY2(caption->text().contains(QStringLiteral("matching")), qPrintable(caption->text()));
    }

    void anUnreadableSectionSaysWhyInsteadOfShowingNoRows()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::ContactLogsSection);
        auto* logs = profile->findChild<QTableWidget*>(QStringLiteral("contactLogTable"));
        auto* problem = profile->findChild<QLabel*>(QStringLiteral("contactLogsPageReadProblem"));
        QVERIFY(logs && problem);
        QVERIFY(logs->rowCount() > 0); // the email sent to Ada
        QVERIFY(!problem->isVisibleTo(profile));

        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE contact_log RENAME TO contact_log_away")),
                 qPrintable(q.lastError().text()));
        auto restore =
            qScopeGuard([&] { q.exec(QStringLiteral("ALTER TABLE contact_log_away RENAME TO contact_log")); });
        profile->reloadSections();
        QVERIFY(problem->isVisibleTo(profile));
        QVERIFY2(problem->text().contains(QStringLiteral("could not be read")), qPrintable(problem->text()));
        QVERIFY2(problem->text().contains(QStringLiteral("no such table: contact_log")), qPrintable(problem->text()));
        QVERIFY(!logs->isVisibleTo(profile)); // not an empty list that looks like "no contact"
        QCOMPARE(logs->rowCount(), 0);

        restore.dismiss();
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE contact_log_away RENAME TO contact_log")));
        profile->reloadSections();
        QVERIFY(!problem->isVisibleTo(profile));
        QVERIFY(logs->isVisibleTo(profile));
        QVERIFY(logs->rowCount() > 0);
        closeAllProfiles();
    }

    void addAPhoneCallLog()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::ContactLogsSection);
        auto* logs = profile->findChild<QTableWidget*>(QStringLiteral("contactLogTable"));
        const int before = logs->rowCount();
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("logActivityButton")), Qt::LeftButton);
        auto* dialog = profile->findChild<gui::ContactLogDialog*>(QStringLiteral("contactLogDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("kindField"))->currentData().toString(),
                 QStringLiteral("phone"));
        auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveButton"));
        QTest::mouseClick(save, Qt::LeftButton); // no subject: refused
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("subject")));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("subjectField")),
                         QStringLiteral("Asked about wheelchair seating"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("outcomeField")), QStringLiteral("Resolved"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(!profile->findChild<gui::ContactLogDialog*>(QStringLiteral("contactLogDialog")));
        QCOMPARE(logs->rowCount(), before + 1);
        QStringList subjects;
        for (int r = 0; r < logs->rowCount(); ++r)
            subjects.append(logs->item(r, 3)->text());
        QVERIFY(subjects.contains(QStringLiteral("Asked about wheelchair seating")));
        // ... and it is in the patron's history, written in the same transaction.
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))
            ->setCurrentIndex(gui::PatronProfileWidget::HistorySection);
        auto* history = profile->findChild<QTableWidget*>(QStringLiteral("historyTable"));
        QVERIFY(history->item(0, 2)->text().contains(QStringLiteral("wheelchair")));
    }

    void editingAnEmailLogIsRefused()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::ContactLogsSection);
        auto* logs = profile->findChild<QTableWidget*>(QStringLiteral("contactLogTable"));
        int emailRow = -1;
        for (int r = 0; r < logs->rowCount(); ++r)
            if (logs->item(r, 1)->text() == QLatin1String("Email"))
                emailRow = r;
        QVERIFY(emailRow >= 0);
        logs->selectRow(emailRow);
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("editLogButton")), Qt::LeftButton);
        QVERIFY(!profile->findChild<gui::ContactLogDialog*>(QStringLiteral("contactLogDialog")));
        auto* message = profile->findChild<QLabel*>(QStringLiteral("contactLogMessage"));
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(QStringLiteral("cannot be changed")));
        // The repository refuses it too, whatever a caller claims.
        core::ContactLog forged = m_activity->contactLogs(m_adaId, nullptr).value(0);
        for (const auto& log : m_activity->contactLogs(m_adaId, nullptr))
            if (log.kind == QLatin1String("email"))
                forged = log;
        forged.kind = QStringLiteral("phone");
        forged.subject = QStringLiteral("Rewritten");
        QString error;
        QVERIFY(!m_activity->updateContactLog(forged, QString(), &error));
        QVERIFY(error.contains(QStringLiteral("cannot be changed")));
    }

    void cancellingARecurringDonationNeedsAReason()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::RecurringSection);
        auto* recurring = profile->findChild<QTableWidget*>(QStringLiteral("recurringTable"));
        QCOMPARE(recurring->rowCount(), 1);
        QCOMPARE(recurring->item(0, 4)->text(), QStringLiteral("active"));
        recurring->selectRow(0);
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("cancelRecurringButton")), Qt::LeftButton);
        auto* dialog = profile->findChild<gui::CancelRecurringDialog*>(QStringLiteral("cancelRecurringDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmCancelButton"));
        QTest::mouseClick(confirm, Qt::LeftButton); // no reason: refused, nothing changes
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("reason")));
        QCOMPARE(m_activity->recurringDonations(m_adaId, nullptr).value(0).status, QStringLiteral("active"));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("reasonField")),
                         QStringLiteral("Donor is moving abroad"));
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_VERIFY(!profile->findChild<gui::CancelRecurringDialog*>(QStringLiteral("cancelRecurringDialog")));
        QCOMPARE(recurring->item(0, 4)->text(), QStringLiteral("cancelled"));
        QCOMPARE(recurring->item(0, 5)->text(), QStringLiteral("Donor is moving abroad"));
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))
            ->setCurrentIndex(gui::PatronProfileWidget::HistorySection);
        auto* history = profile->findChild<QTableWidget*>(QStringLiteral("historyTable"));
        QVERIFY(history->item(0, 2)->text().contains(QStringLiteral("cancelled: Donor is moving abroad")));
    }

    void overviewShowsSpendingAndNotesPopUp()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        QCOMPARE(profile->findChild<QLabel*>(QStringLiteral("itemsValue"))->text(), QStringLiteral("2"));
        QVERIFY(profile->findChild<QGroupBox*>(QStringLiteral("spendingGroup"))
                    ->title()
                    .contains(QLocale().toString(90.0, 'f', 2)));
        auto* note = profile->findChild<QLineEdit*>(QStringLiteral("newNoteField"));
        auto* message = profile->findChild<QLabel*>(QStringLiteral("noteMessage"));
        QTest::keyClicks(note, QStringLiteral("Prefers an aisle seat"));
        QTest::keyClick(note, Qt::Key_Return);
        QVERIFY2(message->text().contains(QStringLiteral("Sign in")), qPrintable(message->text())); // no author

        storage::StaffRepository staffAccounts(m_db->connection());
        startup::StaffSignIn signIn(&staffAccounts);
        core::StaffMember bo;
        bo.username = QStringLiteral("bo");
        bo.displayName = QStringLiteral("Bo Office");
        bo.email = QStringLiteral("bo@venue.example");
        QString error;
        QVERIFY2(
            signIn.createAccount(bo, core::SecureBuffer::fromUtf8(QStringLiteral("a long enough password")), &error),
            qPrintable(error));
        m_window->setStaff(*signIn.signIn(
            QStringLiteral("bo"), core::SecureBuffer::fromUtf8(QStringLiteral("a long enough password")), nullptr));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Bo Office")));
        closeAllProfiles(); // reopen with the signed-in staff member as the author
        profile = openAda(gui::PatronProfileWidget::OverviewSection);
        note = profile->findChild<QLineEdit*>(QStringLiteral("newNoteField"));
        QTest::keyClicks(note, QStringLiteral("Prefers an aisle seat"));
        profile->findChild<QCheckBox*>(QStringLiteral("popUpCheck"))->setChecked(true);
        QTest::keyClick(note, Qt::Key_Return);
        auto* notes = profile->findChild<QListWidget*>(QStringLiteral("notesList"));
        QCOMPARE(notes->count(), 1);
        QVERIFY(notes->item(0)->text().contains(QStringLiteral("Prefers an aisle seat \u2014 Bo Office")));
        // The pop-up note greets whoever opens Ada next.
        closeAllProfiles();
        profile = openAda();
        auto* banner = profile->findChild<QLabel*>(QStringLiteral("popUpNotesBanner"));
        QVERIFY(!banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("Prefers an aisle seat")));
    }

    void emailIsQueuedFromTheSignedInStaffAndLogged()
    {
        // Runs after the overview test signed Bo in.
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("emailButton")), Qt::LeftButton);
        auto* dialog = profile->findChild<QDialog*>(QStringLiteral("emailComposeDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("fromValue"))->text(), QStringLiteral("bo@venue.example"));
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("toValue"))->text(),
                 QStringLiteral("ada@analytical.example"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("subjectField")), QStringLiteral("Your seats"));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("bodyField")), QStringLiteral("Row F."));
        QPointer<QLabel> problem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
        QTRY_VERIFY2(!profile->findChild<QDialog*>(QStringLiteral("emailComposeDialog")),
                     qPrintable(problem ? problem->text() : QString()));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT details FROM email_request")) && q.next());
        const QString payload = q.value(0).toString();
        QVERIFY2(payload.contains(QStringLiteral("\"reply_to\":\"bo@venue.example\"")), qPrintable(payload));
        QVERIFY(payload.contains(QStringLiteral("\"to\":\"ada@analytical.example\"")));
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))
            ->setCurrentIndex(gui::PatronProfileWidget::ContactLogsSection);
        auto* logs = profile->findChild<QTableWidget*>(QStringLiteral("contactLogTable"));
        QCOMPARE(logs->item(0, 1)->text(), QStringLiteral("Email"));
        QCOMPARE(logs->item(0, 3)->text(), QStringLiteral("Your seats"));
        QCOMPARE(logs->item(0, 5)->text(), QStringLiteral("Bo Office"));
        QCOMPARE(logs->item(0, 4)->text(), QStringLiteral("Queued"));

        // The venue's server reports the relay refused it; the report arrives as a pulled change of the request.
        QVERIFY(q.exec(QStringLiteral("SELECT id, recipient, template, details, created_at FROM email_request")) &&
                q.next());
        const QJsonObject row{{QStringLiteral("id"), q.value(0).toString()},
                              {QStringLiteral("recipient"), q.value(1).toString()},
                              {QStringLiteral("template"), q.value(2).toString()},
                              {QStringLiteral("details"), q.value(3).toString()},
                              {QStringLiteral("created_at"), q.value(4).toString()},
                              {QStringLiteral("status"), QStringLiteral("failed")},
                              {QStringLiteral("attempts"), 1},
                              {QStringLiteral("last_error"), QStringLiteral("550 5.1.1 mailbox unavailable")}};
        const QJsonObject page{
            {QStringLiteral("changes"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("seq"), 1},
                 {QStringLiteral("table"), QStringLiteral("email_request")},
                 {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), row.value(QStringLiteral("id"))}}},
                 {QStringLiteral("deleted"), false},
                 {QStringLiteral("row"), row}}}},
            {QStringLiteral("next"), 1},
            {QStringLiteral("more"), false}};
        QString applyError;
        QVERIFY2(storage::SyncApplier(m_db->connection()).apply(page, &applyError), qPrintable(applyError));
        tabs()->clear(); // a fresh profile reads the contact logs again
        profile = openAda(gui::PatronProfileWidget::ContactLogsSection);
        logs = profile->findChild<QTableWidget*>(QStringLiteral("contactLogTable"));
        QCOMPARE(logs->item(0, 4)->text(), QStringLiteral("Failed: 550 5.1.1 mailbox unavailable"));
    }

    void tagsAndRelationshipsFromBothSides()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        auto* tagField = profile->findChild<QLineEdit*>(QStringLiteral("tagField"));
        auto* tagsList = profile->findChild<QListWidget*>(QStringLiteral("tagsList"));
        QTest::keyClicks(tagField, QStringLiteral("VIP"));
        QTest::keyClick(tagField, Qt::Key_Return);
        QTest::keyClicks(tagField, QStringLiteral("Donor"));
        QTest::keyClick(tagField, Qt::Key_Return);
        QCOMPARE(tagsList->count(), 2);
        tagsList->setCurrentRow(1); // "VIP"
        QCOMPARE(tagsList->currentItem()->text(), QStringLiteral("VIP"));
        QTest::keyClick(tagsList, Qt::Key_Delete);
        QCOMPARE(tagsList->count(), 1);
        QCOMPARE(tagsList->item(0)->text(), QStringLiteral("Donor"));

        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("addRelationshipButton")), Qt::LeftButton);
        auto* dialog = profile->findChild<QDialog*>(QStringLiteral("relationshipDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        dialog->findChild<QComboBox*>(QStringLiteral("typeField"))->setCurrentText(QStringLiteral("employer"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("searchField")), QStringLiteral("babbage"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!profile->findChild<QDialog*>(QStringLiteral("relationshipDialog")));
        auto* relationships = profile->findChild<QListWidget*>(QStringLiteral("relationshipsList"));
        QCOMPARE(relationships->count(), 1);
        QCOMPARE(relationships->item(0)->text(), QStringLiteral("employer of Charles Babbage"));

        // Charles sees it from his side.
        typeSearch(QStringLiteral("charles babb"));
        QTest::keyClick(searchField(), Qt::Key_Return);
        auto* charles = qobject_cast<gui::PatronProfileWidget*>(tabs()->currentWidget());
        QCOMPARE(tabs()->tabText(tabs()->currentIndex()), QStringLiteral("Charles Babbage"));
        charles->findChild<QTabWidget*>(QStringLiteral("profileSections"))
            ->setCurrentIndex(gui::PatronProfileWidget::OverviewSection);
        charles->loadSection(gui::PatronProfileWidget::OverviewSection);
        auto* his = charles->findChild<QListWidget*>(QStringLiteral("relationshipsList"));
        QCOMPARE(his->count(), 1);
        QCOMPARE(his->item(0)->text(), QStringLiteral("employee of Ada Lovelace"));
    }

    void cleanup()
    {
        // A failed step must not leave its dialog open for the next test.
        for (auto* dialog : m_window->findChildren<QDialog*>())
            delete dialog;
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
