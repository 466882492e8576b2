// The details panel's edit dialogs, tasks and "My tasks", order details, the management link and the overview's
// memberships and household, driven through the real widgets on a real encrypted database.
#include "AddressesDialog.h"
#include "ContactDetailsDialog.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "MainWindow.h"
#include "MyTasksDialog.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "PersonalDetailsDialog.h"
#include "Repositories.h"
#include "StaffSignIn.h"
#include "TaskDialog.h"
#include "TaskDoneDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestProfileEditing : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    std::unique_ptr<gui::MainWindow> m_window;
    QString m_adaId;
    QString m_byronId;
    QString m_orderId;
    core::StaffMember m_staff;

    QTabWidget* tabs() { return m_window->findChild<QTabWidget*>(QStringLiteral("profileTabs")); }

    gui::PatronProfileWidget* openAda(int section)
    {
        m_window->openPatron(m_adaId);
        auto* profile = qobject_cast<gui::PatronProfileWidget*>(tabs()->currentWidget());
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))->setCurrentIndex(section);
        profile->loadSection(section);
        return profile;
    }
    QString label(QWidget* parent, const char* name)
    {
        auto* l = parent->findChild<QLabel*>(QString::fromLatin1(name));
        return l ? l->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
    }
    template <typename Dialog> Dialog* waitForDialog(QWidget* parent, const char* name)
    {
        Dialog* dialog = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            dialog = parent->findChild<Dialog*>(QString::fromLatin1(name));
            return dialog && dialog->isVisible();
        });
        return shown ? dialog : nullptr;
    }
    void click(QWidget* parent, const char* button)
    {
        auto* b = parent->findChild<QPushButton*>(QString::fromLatin1(button));
        QVERIFY2(b, button);
        QTest::mouseClick(b, Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("editing.db")), QByteArray(32, '\x52'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        m_adaId = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                     QStringLiteral("ada@analytical.example"), QStringLiteral("020 5550 1815"));
        m_byronId = testing::addPatron(m_repos->patrons, QStringLiteral("Annabella"), QStringLiteral("Byron"),
                                       QStringLiteral("annabella@example.org"), QString());
        startup::StaffSignIn signIn(&m_repos->staff);
        m_staff.username = QStringLiteral("dev");
        m_staff.displayName = QStringLiteral("Dee Velopment");
        m_staff.email = QStringLiteral("dee@venue.example");
        m_staff.role = core::StaffMember::Role::Development;
        QString problem;
        QVERIFY2(signIn.createAccount(m_staff, core::SecureBuffer::fromUtf8(QStringLiteral("a long enough password")),
                                      &problem),
                 qPrintable(problem));
        m_staff = *signIn.signIn(QStringLiteral("dev"),
                                 core::SecureBuffer::fromUtf8(QStringLiteral("a long enough password")), nullptr);

        // Ada: two addresses (home primary), a membership due soon and an old renewed one, her mother's household
        // spending, an order with two seats and a gift, and a monthly donation.
        storage::DemoDataWriter writer(m_db->connection());
        QString e;
        QVERIFY(writer.begin(&e));
        core::PostalAddress home;
        home.line1 = QStringLiteral("12 St James's Square");
        home.city = QStringLiteral("London");
        home.country = QStringLiteral("United Kingdom");
        home.isPrimary = true;
        core::PostalAddress country = home;
        country.line1 = QStringLiteral("Ockham Park");
        country.city = QStringLiteral("Ockham");
        country.isPrimary = false;
        const QDate today = QDate::currentDate();
        core::Membership current;
        current.id = core::UuidV7::generateText();
        current.membershipNumber = QStringLiteral("M-2001");
        current.levelName = QStringLiteral("Patron Circle");
        current.validFrom = today.addMonths(-11);
        current.validUntil = today.addDays(10);
        core::Membership old = current;
        old.id = core::UuidV7::generateText();
        old.membershipNumber = QStringLiteral("M-1001");
        old.validFrom = today.addMonths(-23);
        old.validUntil = today.addMonths(-11).addDays(-1);
        storage::DemoDataWriter::OrderSpec order;
        order.order.id = m_orderId = core::UuidV7::generateText();
        order.order.confirmationNumber = QStringLiteral("BO-2002");
        order.order.category = QStringLiteral("ticket");
        order.order.channel = QStringLiteral("box_office");
        order.order.internalStatus = QStringLiteral("complete");
        order.order.createdAt = QDateTime::currentDateTimeUtc().addDays(-5);
        order.ticketPrices = {4500, 4500};
        order.donationMinor = 2000;
        order.donationStatus = QStringLiteral("Posted");
        storage::DemoDataWriter::OrderSpec mothers = order;
        mothers.order.id = core::UuidV7::generateText();
        mothers.order.confirmationNumber = QStringLiteral("BO-2003");
        mothers.ticketPrices = {10000};
        mothers.donationMinor = 0;
        core::RecurringDonation monthly;
        monthly.id = core::UuidV7::generateText();
        monthly.amountMinor = 1500;
        monthly.frequency = QStringLiteral("monthly");
        monthly.startsOn = today.addMonths(-3);
        monthly.status = QStringLiteral("active");
        const bool ok = writer.addAddress(m_adaId, home, &e) && writer.addAddress(m_adaId, country, &e) &&
                        writer.addMembership(m_adaId, current, QString(), &e) &&
                        writer.addMembership(m_adaId, old, current.id, &e) &&
                        writer.addHousehold(QStringLiteral("Byron household"), {m_adaId, m_byronId}, &e) &&
                        writer.addOrder(m_adaId, order, &e) && writer.addOrder(m_byronId, mothers, &e) &&
                        writer.addRecurringDonation(m_adaId, monthly, &e) &&
                        writer.addMailingListSubscription(m_adaId, QStringLiteral("Season announcements"), &e) &&
                        writer.addAccessibilityNeed(m_adaId, {QStringLiteral("Hearing loop"), QString()}, &e);
        QVERIFY2(writer.finish(ok, &e), qPrintable(e));

        m_window = std::make_unique<gui::MainWindow>(m_repos.get());
        m_window->setStaff(m_staff);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void overviewShowsMembershipsHouseholdAndInterests()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        const QString memberships = label(profile, "membershipsValue");
        QVERIFY2(memberships.contains(QStringLiteral("M-2001")) && memberships.contains(QStringLiteral("Due ")),
                 qPrintable(memberships));
        // The renewed one stays visible, after the active one.
        QVERIFY(memberships.indexOf(QStringLiteral("M-1001")) > memberships.indexOf(QStringLiteral("M-2001")));
        QVERIFY(memberships.contains(QStringLiteral("Renewed")));
        // Ada 90.00 + 20.00 gift, her mother 100.00: 210.00 together.
        const QString household = label(profile, "householdSpendingValue");
        QVERIFY2(household.contains(QLocale().toString(210.0, 'f', 2)) &&
                     household.contains(QStringLiteral("Annabella Byron")),
                 qPrintable(household));
        QCOMPARE(label(profile, "mailingListsValue"), QStringLiteral("Season announcements"));
        QCOMPARE(label(profile, "accessibilityValue"), QStringLiteral("Hearing loop"));
        QVERIFY(label(profile, "householdValue").contains(QStringLiteral("Byron household")));
    }

    void makeTheSecondaryAddressPrimary()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        QVERIFY(label(profile, "addressesValue").startsWith(QStringLiteral("12 St James's Square")));
        click(profile, "editAddressesButton");
        auto* dialog = waitForDialog<gui::AddressesDialog>(profile, "addressesDialog");
        QVERIFY(dialog);
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("addressesList"));
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().endsWith(QStringLiteral("(primary)")));
        list->setCurrentRow(1);
        click(dialog, "makePrimaryAddressButton");
        QVERIFY(list->item(1)->text().endsWith(QStringLiteral("(primary)")));
        QVERIFY(!list->item(0)->text().endsWith(QStringLiteral("(primary)")));
        // Until Save nothing is written.
        QVERIFY(m_repos->patrons.loadProfile(m_adaId, nullptr)->addresses.constFirst().city ==
                QStringLiteral("London"));
        click(dialog, "saveButton");
        QTRY_VERIFY(!profile->findChild<gui::AddressesDialog*>(QStringLiteral("addressesDialog")));
        QVERIFY2(label(profile, "addressesValue").startsWith(QStringLiteral("Ockham Park, Ockham")),
                 qPrintable(label(profile, "addressesValue")));
        const auto saved = m_repos->patrons.loadProfile(m_adaId, nullptr)->addresses;
        QCOMPARE(saved.constFirst().city, QStringLiteral("Ockham"));
        QVERIFY(saved.constFirst().isPrimary);
        QVERIFY(!saved.at(1).isPrimary);
        QVERIFY(m_repos->activity.history(m_adaId, nullptr)
                    .constFirst()
                    .summary.contains(QStringLiteral("Primary address")));
    }

    void anAddressWithoutACityIsRefusedAtTheField()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        click(profile, "editAddressesButton");
        auto* dialog = waitForDialog<gui::AddressesDialog>(profile, "addressesDialog");
        QVERIFY(dialog);
        click(dialog, "newAddressButton");
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("line1Field")), QStringLiteral("1 New Road"));
        click(dialog, "saveButton");
        QVERIFY(dialog->isVisible());
        auto* city = dialog->findChild<QLineEdit*>(QStringLiteral("cityField"));
        QVERIFY(label(dialog, "problemLabel").contains(QStringLiteral("city")));
        QCOMPARE(dialog->focusWidget(), city); // focus moves to the refused field
        QVERIFY(city->accessibleDescription().contains(QStringLiteral("city")));
        dialog->reject();
        QCOMPARE(m_repos->patrons.loadProfile(m_adaId, nullptr)->addresses.size(), 2);
    }

    void personalDetailsRefuseABadBirthdayThenSave()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        const int historyBefore = int(m_repos->activity.history(m_adaId, nullptr).size());
        click(profile, "editPersonalButton");
        auto* dialog = waitForDialog<gui::PersonalDetailsDialog>(profile, "personalDetailsDialog");
        QVERIFY(dialog);
        auto* birthday = dialog->findChild<QLineEdit*>(QStringLiteral("birthdayField"));
        QTest::keyClicks(birthday, QStringLiteral("10/12/1815"));
        auto* pronouns = dialog->findChild<QLineEdit*>(QStringLiteral("pronounsField"));
        QTest::keyClicks(pronouns, QStringLiteral("she/her"));
        click(dialog, "saveButton");
        QVERIFY(dialog->isVisible());
        QVERIFY(label(dialog, "birthdayProblem").contains(QStringLiteral("year-month-day")));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("birthdayProblem"))->isVisible());
        QCOMPARE(dialog->focusWidget(), birthday);
        QCOMPARE(m_repos->activity.history(m_adaId, nullptr).size(), historyBefore); // nothing saved half-way
        QVERIFY(m_repos->patrons.findById(m_adaId, nullptr)->pronouns.isEmpty());

        birthday->clear();
        QTest::keyClicks(birthday, QStringLiteral("1985-12-10"));
        auto* nickname = dialog->findChild<QLineEdit*>(QStringLiteral("nicknameField"));
        QTest::keyClicks(nickname, QStringLiteral("Enchantress of Numbers"));
        auto* owner = dialog->findChild<QComboBox*>(QStringLiteral("contactOwnerCombo"));
        owner->setCurrentIndex(owner->findData(m_staff.id));
        click(dialog, "saveButton");
        QTRY_VERIFY(!profile->findChild<gui::PersonalDetailsDialog*>(QStringLiteral("personalDetailsDialog")));
        QCOMPARE(label(profile, "pronounsValue"), QStringLiteral("she/her"));
        QCOMPARE(label(profile, "nicknameValue"), QStringLiteral("Enchantress of Numbers"));
        QCOMPARE(label(profile, "contactOwnerValue"), QStringLiteral("Dee Velopment"));
        QCOMPARE(m_repos->patrons.findById(m_adaId, nullptr)->birthday, QDate(1985, 12, 10));
        const core::HistoryEvent edit = m_repos->activity.history(m_adaId, nullptr).constFirst();
        QCOMPARE(edit.kind, QStringLiteral("profile_edit"));
        QVERIFY2(edit.summary.contains(QStringLiteral("Pronouns: \"\" -> \"she/her\"")), qPrintable(edit.summary));
        QCOMPARE(edit.actorName, QStringLiteral("Dee Velopment"));
        // The nickname finds her from the search field.
        QCOMPARE(m_repos->search.search({QStringLiteral("enchantress")}, {}, 5, nullptr).value(0).patronId, m_adaId);
    }

    void secondaryEmailMadePrimaryFromTheDialog()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OverviewSection);
        click(profile, "editContactButton");
        auto* dialog = waitForDialog<gui::ContactDetailsDialog>(profile, "contactDetailsDialog");
        QVERIFY(dialog);
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("emailsList"));
        list->setCurrentRow(0);
        // The original email cannot be removed.
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("removeEmailButton"))->isEnabled());
        auto* newEmail = dialog->findChild<QLineEdit*>(QStringLiteral("newEmailField"));
        QTest::keyClicks(newEmail, QStringLiteral("not an email"));
        QTest::keyClick(newEmail, Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY(!label(dialog, "newEmailProblem").isEmpty());
        QCOMPARE(list->count(), 1);
        newEmail->clear();
        QTest::keyClicks(newEmail, QStringLiteral("countess@engine.example"));
        QTest::keyClick(newEmail, Qt::Key_Return);
        QCOMPARE(list->count(), 2);
        list->setCurrentRow(1);
        click(dialog, "makePrimaryEmailButton");
        QVERIFY(list->item(1)->text().contains(QStringLiteral("(primary)")));
        click(dialog, "saveButton");
        QTRY_VERIFY(!profile->findChild<gui::ContactDetailsDialog*>(QStringLiteral("contactDetailsDialog")));
        const QString emails = label(profile, "emailsValue");
        QVERIFY2(emails.startsWith(QStringLiteral("countess@engine.example (primary)")), qPrintable(emails));
        QVERIFY(emails.contains(QStringLiteral("ada@analytical.example (original)")));
        QCOMPARE(m_repos->patrons.findById(m_adaId, nullptr)->originalEmail, QStringLiteral("ada@analytical.example"));
    }

    void orderDetailsOpenReadOnly()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::OrdersSection);
        auto* orders = profile->findChild<QTableWidget*>(QStringLiteral("ordersTable"));
        QCOMPARE(orders->item(0, 1)->text(), QStringLiteral("BO-2002"));
        orders->selectRow(0);
        click(profile, "orderDetailsButton");
        auto* dialog = waitForDialog<QDialog>(profile, "orderDetailsDialog");
        QVERIFY(dialog);
        auto* lines = dialog->findChild<QTableWidget*>(QStringLiteral("linesTable"));
        QCOMPARE(lines->rowCount(), 3); // two seats and the gift
        QCOMPARE(lines->item(0, 0)->text(), QStringLiteral("The Tempest"));
        QCOMPARE(lines->item(0, 3)->text(), QStringLiteral("Credit card"));
        QVERIFY(lines->item(2, 0)->text().startsWith(QStringLiteral("Donation")));
        QCOMPARE(lines->editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(label(dialog, "headerLabel").contains(QStringLiteral("BO-2002")));
        dialog->reject();
    }

    void aTaskShowsOnThePatronAndInMyTasksAndIsDoneWithAnOutcome()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::ContactLogsSection);
        click(profile, "newTaskButton");
        auto* dialog = waitForDialog<gui::TaskDialog>(profile, "taskDialog");
        QVERIFY(dialog);
        click(dialog, "saveButton"); // no title: refused at the field
        QVERIFY(dialog->isVisible());
        QVERIFY(!label(dialog, "problemLabel").isEmpty());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("titleField")),
                         QStringLiteral("Call about the renewal"));
        QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("assigneeCombo"))->currentData().toString(), m_staff.id);
        dialog->findChild<QDateEdit*>(QStringLiteral("dueField"))->setDate(QDate::currentDate().addDays(-1));
        click(dialog, "saveButton");
        QTRY_VERIFY(!profile->findChild<gui::TaskDialog*>(QStringLiteral("taskDialog")));
        auto* tasks = profile->findChild<QTableWidget*>(QStringLiteral("tasksTable"));
        QCOMPARE(tasks->rowCount(), 1);
        QCOMPARE(tasks->item(0, 1)->text(), QStringLiteral("Call about the renewal"));
        QVERIFY(tasks->item(0, 0)->text().contains(QStringLiteral("overdue")));
        auto* myTasksButton = m_window->findChild<QPushButton*>(QStringLiteral("myTasksButton"));
        QVERIFY2(myTasksButton->text().contains(QStringLiteral("(1)")), qPrintable(myTasksButton->text()));

        // My tasks (Ctrl+T) lists it; Enter opens the patron; Mark done asks for the outcome.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window->findChild<QLineEdit*>(QStringLiteral("patronSearchField")), Qt::Key_T,
                        Qt::ControlModifier);
        auto* mine = waitForDialog<gui::MyTasksDialog>(m_window.get(), "myTasksDialog");
        QVERIFY(mine);
        auto* table = mine->findChild<QTableWidget*>(QStringLiteral("tasksTable"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Ada Lovelace"));
        click(mine, "markDoneButton");
        auto* done = waitForDialog<gui::TaskDoneDialog>(mine, "taskDoneDialog");
        QVERIFY(done);
        click(done, "markDoneConfirmButton"); // no outcome: refused
        QVERIFY(done->isVisible());
        QTest::keyClicks(done->findChild<QLineEdit*>(QStringLiteral("outcomeField")), QStringLiteral("Renewed"));
        click(done, "markDoneConfirmButton");
        QTRY_VERIFY(!mine->findChild<gui::TaskDoneDialog*>(QStringLiteral("taskDoneDialog")));
        QCOMPARE(table->rowCount(), 0);
        mine->reject();
        QTRY_VERIFY(!myTasksButton->text().contains(QStringLiteral("(")));
        QCOMPARE(m_repos->tasks.forPatron(m_adaId, nullptr).constFirst().outcome, QStringLiteral("Renewed"));
    }

    void managementLinkIsQueuedAndLogged()
    {
        gui::PatronProfileWidget* profile = openAda(gui::PatronProfileWidget::RecurringSection);
        auto* recurring = profile->findChild<QTableWidget*>(QStringLiteral("recurringTable"));
        recurring->selectRow(0);
        click(profile, "managementLinkButton");
        QVERIFY(label(profile, "recurringMessage").contains(QStringLiteral("queued")));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM email_request WHERE details LIKE "
                                      "'%recurring_donation_management_link%'")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(m_repos->activity.contactLogs(m_adaId, nullptr).constFirst().subject,
                 QStringLiteral("Manage your monthly donation"));
    }

    void theVenueCanRequireAnEmailForNewPatrons()
    {
        QString error;
        QVERIFY(!m_repos->settings.setValue(QStringLiteral("new_patron_requires"), QStringLiteral("fax"), m_staff.id,
                                            &error));
        QVERIFY(error.contains(QStringLiteral("fax")));
        QVERIFY2(m_repos->settings.setValue(QStringLiteral("new_patron_requires"), QStringLiteral("email"), m_staff.id,
                                            &error),
                 qPrintable(error));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("patronSearchField"));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("Grace Hopper"));
        QTest::keyClick(search, Qt::Key_N, Qt::ControlModifier);
        auto* dialog = waitForDialog<QDialog>(m_window.get(), "newPatronDialog");
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("phoneField")), QStringLiteral("212 555 0199"));
        const qint64 before = m_repos->patrons.count(nullptr);
        click(dialog, "saveButton");
        QVERIFY(dialog->isVisible());
        QVERIFY2(label(dialog, "problemLabel").contains(QStringLiteral("requires an email")),
                 qPrintable(label(dialog, "problemLabel")));
        QCOMPARE(m_repos->patrons.count(nullptr), before);
        dialog->reject();
        QVERIFY(m_repos->settings.setValue(QStringLiteral("new_patron_requires"), QString(), m_staff.id, &error));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestProfileEditing)
#include "TestProfileEditing.moc"
