// The details panel's saves, tasks, the management-link email and the overview's engagement reads, against a real
// encrypted database: each change lands whole (row, search keys, history, audit, outbox) or not at all.
#include "Database.h"
#include "DemoDataWriter.h"
#include "PasswordHasher.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "SearchText.h"
#include "UuidV7.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;

class TestPatronEdit : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Repositories> m_repos;
    QString m_ada;
    QString m_staffId;

    int count(const QString& sql, const QString& bind = QString())
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        if (!bind.isNull())
            q.addBindValue(bind);
        if (!q.exec() || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    int historyCount()
    {
        return count(QStringLiteral("SELECT count(*) FROM history_event WHERE patron_id = ?"), m_ada);
    }
    int outboxCount() { return count(QStringLiteral("SELECT count(*) FROM sync_outbox")); }
    QString found(const QString& text)
    {
        return m_repos->search.search(core::SearchText::queryTokens(text), {}, 5, nullptr).value(0).patronId;
    }

private slots:
    void initTestCase()
    {
        DatabaseError error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("edit.db")), QByteArray(32, '\x41'),
                              Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<Repositories>(m_db->connection());
        m_ada = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Byron"),
                                   QStringLiteral("ada@analytical.example"), QStringLiteral("020 5550 1815"));
        core::StaffMember staff;
        staff.id = core::UuidV7::generateText();
        staff.username = QStringLiteral("devon");
        staff.displayName = QStringLiteral("Devon Staff");
        staff.email = QStringLiteral("devon@venue.example");
        staff.role = core::StaffMember::Role::Development;
        QString problem;
        QVERIFY2(m_repos->staff.create(
                     staff,
                     security::PasswordHasher::hash(core::SecureBuffer::fromUtf8(QStringLiteral("pw-123456789"))),
                     &problem),
                 qPrintable(problem));
        m_staffId = staff.id;
    }

    void aSaveWhoseReadFailsIsRefusedAndWritesNothing()
    {
        core::PersonalDetailsForm form = core::PersonalDetailsForm::from(*m_repos->patrons.findById(m_ada, nullptr));
        const QString lastName = form.lastName;
        form.lastName = QStringLiteral("Unread");
        const int history = historyCount(), outbox = outboxCount();
        QSqlQuery q(m_db->connection());
        // The patron's current details cannot be read (their emails are part of them): nothing may be saved.
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE patron_email RENAME TO patron_email_away")));
        QString error;
        const bool saved = m_repos->edit.savePersonalDetails(m_ada, form, QString(), m_staffId, &error);
        const bool addressesSaved = m_repos->edit.saveAddresses(m_ada, {}, m_staffId, &error);
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE patron_email_away RENAME TO patron_email")));
        QVERIFY(!saved);
        QVERIFY(!addressesSaved);
        QVERIFY2(error.contains(QStringLiteral("no such table: patron_email")), qPrintable(error));
        QCOMPARE(m_repos->patrons.findById(m_ada, nullptr)->lastName, lastName);
        QCOMPARE(historyCount(), history);
        QCOMPARE(outboxCount(), outbox);
        // The refused saves left no transaction open: the next save goes through.
        QVERIFY2(m_repos->edit.savePersonalDetails(
                     m_ada, core::PersonalDetailsForm::from(*m_repos->patrons.findById(m_ada, nullptr)), QString(),
                     m_staffId, &error),
                 qPrintable(error));
    }

    void personalDetailsSaveWithOldAndNewValues()
    {
        core::PersonalDetailsForm form = core::PersonalDetailsForm::from(*m_repos->patrons.findById(m_ada, nullptr));
        form.lastName = QStringLiteral("Lovelace");
        form.pronouns = QStringLiteral("she/her");
        form.birthday = QStringLiteral("1815-12-10");
        const int history = historyCount(), outbox = outboxCount();
        QString error;
        // 1815 is more than 130 years ago: refused, and nothing at all is written.
        QVERIFY(!m_repos->edit.savePersonalDetails(m_ada, form, QString(), m_staffId, &error));
        QVERIFY(error.contains(QStringLiteral("130 years")));
        QCOMPARE(m_repos->patrons.findById(m_ada, nullptr)->lastName, QStringLiteral("Byron"));
        QCOMPARE(historyCount(), history);
        QCOMPARE(outboxCount(), outbox);

        form.birthday = QStringLiteral("1985-12-10");
        QVERIFY2(
            m_repos->edit.savePersonalDetails(m_ada, form, QStringLiteral("Lovelace household"), m_staffId, &error),
            qPrintable(error));
        const auto profile = m_repos->patrons.loadProfile(m_ada, nullptr);
        QCOMPARE(profile->patron.lastName, QStringLiteral("Lovelace"));
        QCOMPARE(profile->patron.birthday, QDate(1985, 12, 10));
        QCOMPARE(profile->householdName, QStringLiteral("Lovelace household"));
        QCOMPARE(historyCount(), history + 1);
        QCOMPARE(outboxCount(), outbox + 1);
        const auto events = m_repos->activity.history(m_ada, nullptr);
        QCOMPARE(events.constFirst().kind, QStringLiteral("profile_edit"));
        QVERIFY2(events.constFirst().summary.contains(QStringLiteral("Last name: \"Byron\" -> \"Lovelace\"")),
                 qPrintable(events.constFirst().summary));
        QCOMPARE(events.constFirst().actorName, QStringLiteral("Devon Staff"));
        // The new name is searchable at once; the old one no longer finds her.
        QCOMPARE(found(QStringLiteral("lovel")), m_ada);
        QVERIFY(found(QStringLiteral("byron")).isEmpty());
    }

    void secondaryEmailMadePrimaryKeepsTheOriginal()
    {
        core::ContactDetailsForm form;
        form.emails = {QStringLiteral("ada@analytical.example"), QStringLiteral("countess@engine.example")};
        form.primaryEmail = QStringLiteral("countess@engine.example");
        form.homePhone = QStringLiteral("020 5550 1815");
        form.cellPhone = QStringLiteral("07700 900 123");
        QString error;
        QVERIFY2(m_repos->edit.saveContactDetails(m_ada, form, m_staffId, &error), qPrintable(error));
        auto profile = m_repos->patrons.loadProfile(m_ada, nullptr);
        QCOMPARE(profile->emails.size(), 2);
        QCOMPARE(profile->emails.at(0).value, QStringLiteral("countess@engine.example"));
        QVERIFY(profile->emails.at(0).isPrimary);
        QVERIFY(!profile->emails.at(1).isPrimary);
        QVERIFY(profile->emails.at(1).isOriginal);
        QCOMPARE(profile->patron.originalEmail, QStringLiteral("ada@analytical.example"));
        QCOMPARE(profile->phones.size(), 2);
        QCOMPARE(found(QStringLiteral("countess@engine")), m_ada);
        QCOMPARE(found(QStringLiteral("7700 900")), m_ada);

        // Dropping the original is refused, and the refusal changes nothing.
        const int history = historyCount();
        form.emails = {QStringLiteral("countess@engine.example")};
        QVERIFY(!m_repos->edit.saveContactDetails(m_ada, form, m_staffId, &error));
        QVERIFY(error.contains(QStringLiteral("original")));
        QCOMPARE(m_repos->patrons.loadProfile(m_ada, nullptr)->emails.size(), 2);
        QCOMPARE(historyCount(), history);
        // A bad cell number is refused the same way.
        form.emails = {QStringLiteral("ada@analytical.example"), QStringLiteral("countess@engine.example")};
        form.cellPhone = QStringLiteral("12");
        QVERIFY(!m_repos->edit.saveContactDetails(m_ada, form, m_staffId, &error));
        QCOMPARE(m_repos->patrons.loadProfile(m_ada, nullptr)->phones.size(), 2);
    }

    void secondaryAddressMadePrimary()
    {
        core::PostalAddress home;
        home.line1 = QStringLiteral("12 St James's Square");
        home.city = QStringLiteral("London");
        home.postalCode = QStringLiteral("SW1Y 4JH");
        home.country = QStringLiteral("United Kingdom");
        home.isPrimary = true;
        core::PostalAddress country = home;
        country.line1 = QStringLiteral("Ockham Park");
        country.city = QStringLiteral("Ockham");
        country.postalCode = QStringLiteral("GU23 6NP");
        country.isPrimary = false;
        QString error;
        QVERIFY2(m_repos->edit.saveAddresses(m_ada, {home, country}, m_staffId, &error), qPrintable(error));
        QList<core::PostalAddress> saved = m_repos->patrons.loadProfile(m_ada, nullptr)->addresses;
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(0).city, QStringLiteral("London"));
        QVERIFY(saved.at(0).isPrimary);

        saved[0].isPrimary = false;
        saved[1].isPrimary = true;
        QVERIFY2(m_repos->edit.saveAddresses(m_ada, saved, m_staffId, &error), qPrintable(error));
        const auto after = m_repos->patrons.loadProfile(m_ada, nullptr)->addresses;
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).city, QStringLiteral("Ockham"));
        QVERIFY(after.at(0).isPrimary);
        QVERIFY(!after.at(1).isPrimary);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM patron_address WHERE patron_id = ? AND is_primary = 1 AND "
                                      "deleted_at IS NULL"),
                       m_ada),
                 1);
        QVERIFY(
            m_repos->activity.history(m_ada, nullptr).constFirst().summary.contains(QStringLiteral("Primary address")));

        // An address without a city is refused whole: the other edit in the same save is not applied either.
        auto broken = after;
        broken[0].line1 = QStringLiteral("Ockham Park, East Wing");
        broken[1].city.clear();
        QVERIFY(!m_repos->edit.saveAddresses(m_ada, broken, m_staffId, &error));
        QVERIFY(error.contains(QStringLiteral("city")));
        QCOMPARE(m_repos->patrons.loadProfile(m_ada, nullptr)->addresses.at(0).line1, QStringLiteral("Ockham Park"));
    }

    void tasksAreAssignedAndDoneWithAnOutcome()
    {
        core::PatronTask task;
        task.patronId = m_ada;
        task.assignedToId = m_staffId;
        task.dueOn = QDate::currentDate().addDays(3);
        QString error;
        QVERIFY(!m_repos->tasks.add(task, m_staffId, &error)); // no title
        task.title = QStringLiteral("Call about the renewal");
        task.assignedToId = QStringLiteral("nobody");
        QVERIFY(!m_repos->tasks.add(task, m_staffId, &error));
        QVERIFY(m_repos->tasks.forPatron(m_ada, nullptr).isEmpty());
        task.assignedToId = m_staffId;
        QVERIFY2(m_repos->tasks.add(task, m_staffId, &error), qPrintable(error));
        const auto mine = m_repos->tasks.openFor(m_staffId, nullptr);
        QCOMPARE(mine.size(), 1);
        QCOMPARE(mine.constFirst().patronName, QStringLiteral("Ada Lovelace"));
        QCOMPARE(mine.constFirst().assignedToName, QStringLiteral("Devon Staff"));
        QVERIFY(!m_repos->tasks.complete(task.id, QStringLiteral("  "), m_staffId, &error));
        QVERIFY(m_repos->tasks.complete(task.id, QStringLiteral("Renewed by phone"), m_staffId, &error));
        QVERIFY(m_repos->tasks.openFor(m_staffId, nullptr).isEmpty());
        QCOMPARE(m_repos->tasks.forPatron(m_ada, nullptr).constFirst().outcome, QStringLiteral("Renewed by phone"));
        QVERIFY(m_repos->tasks.forPatron(m_ada, nullptr).constFirst().isDone());
        QVERIFY(!m_repos->tasks.complete(task.id, QStringLiteral("again"), m_staffId, &error));
    }

    void managementLinkIsQueuedForTheServerToSign()
    {
        DemoDataWriter writer(m_db->connection());
        core::RecurringDonation monthly;
        monthly.id = core::UuidV7::generateText();
        monthly.amountMinor = 2500;
        monthly.frequency = QStringLiteral("monthly");
        monthly.startsOn = QDate::currentDate().addMonths(-1);
        monthly.status = QStringLiteral("active");
        QString error;
        QVERIFY(writer.addRecurringDonation(m_ada, monthly, &error));
        QVERIFY2(m_repos->activity.queueManagementLink(monthly.id, m_staffId, &error), qPrintable(error));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT details FROM email_request ORDER BY created_at DESC "
                                      "LIMIT 1")) &&
                q.next());
        const QString payload = q.value(0).toString();
        QVERIFY(payload.contains(QStringLiteral("recurring_donation_management_link")));
        QVERIFY(payload.contains(monthly.id));
        QVERIFY(payload.contains(QStringLiteral("countess@engine.example"))); // the primary email
        QVERIFY(payload.contains(QStringLiteral("devon@venue.example")));     // From / Reply-To
        QCOMPARE(m_repos->activity.contactLogs(m_ada, nullptr).constFirst().subject,
                 QStringLiteral("Manage your monthly donation"));
        QVERIFY(m_repos->activity.cancelRecurringDonation(monthly.id, QStringLiteral("Moving"), m_staffId, &error));
        QVERIFY(!m_repos->activity.queueManagementLink(monthly.id, m_staffId, &error));
        QVERIFY(error.contains(QStringLiteral("cancelled")));
    }

    void engagementShowsMembershipsListsNeedsFormsAndHousehold()
    {
        const QString charles =
            testing::addPatron(m_repos->patrons, QStringLiteral("Charles"), QStringLiteral("Babbage"),
                               QStringLiteral("cb@engine.example"), QString());
        DemoDataWriter writer(m_db->connection());
        QString error;
        QVERIFY(writer.begin(&error));
        const QDate today = QDate::currentDate();
        core::Membership current;
        current.id = core::UuidV7::generateText();
        current.membershipNumber = QStringLiteral("M-2001");
        current.levelName = QStringLiteral("Patron Circle");
        current.validFrom = today.addMonths(-11);
        current.validUntil = today.addDays(20);
        core::Membership old = current;
        old.id = core::UuidV7::generateText();
        old.membershipNumber = QStringLiteral("M-1001");
        old.validFrom = today.addMonths(-23);
        old.validUntil = today.addMonths(-11).addDays(-1);
        bool ok =
            writer.addMembership(m_ada, current, QString(), &error) &&
            writer.addMembership(m_ada, old, current.id, &error) &&
            writer.addMailingListSubscription(m_ada, QStringLiteral("Season announcements"), &error) &&
            writer.addAccessibilityNeed(m_ada, {QStringLiteral("Hearing loop"), QStringLiteral("Row C")}, &error) &&
            writer.addFormSubmission(
                m_ada,
                {QStringLiteral("Volunteer sign-up"), QStringLiteral("Evenings: yes"), QDateTime::currentDateTimeUtc()},
                &error);
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("UPDATE patron SET household_id = (SELECT household_id FROM patron WHERE id = ?) "
                                 "WHERE id = ?"));
        q.addBindValue(m_ada);
        q.addBindValue(charles);
        ok = ok && q.exec();
        QVERIFY2(writer.finish(ok, &error), qPrintable(error));

        const core::PatronEngagement e = m_repos->engagement.engagement(m_ada, nullptr);
        QCOMPARE(e.memberships.size(), 2);
        QCOMPARE(e.memberships.at(0).membershipNumber, QStringLiteral("M-2001"));
        QCOMPARE(e.memberships.at(0).state(today), core::Membership::State::Due);
        QCOMPARE(e.memberships.at(1).state(today), core::Membership::State::Renewed);
        QCOMPARE(e.mailingLists, QStringList{QStringLiteral("Season announcements")});
        QCOMPARE(e.accessibility.constFirst().need, QStringLiteral("Hearing loop"));
        QCOMPARE(e.formSubmissions.constFirst().formName, QStringLiteral("Volunteer sign-up"));
        QCOMPARE(e.householdMembers.size(), 2);
        QCOMPARE(e.householdMembers.at(1).displayName, QStringLiteral("Charles Babbage"));
    }

    void orderDetailsListLinesAndDonations()
    {
        DemoDataWriter writer(m_db->connection());
        DemoDataWriter::OrderSpec order;
        order.order.id = core::UuidV7::generateText();
        order.order.confirmationNumber = QStringLiteral("BO-7");
        order.order.category = QStringLiteral("ticket");
        order.order.channel = QStringLiteral("box_office");
        order.order.internalStatus = QStringLiteral("complete");
        order.order.createdAt = QDateTime::currentDateTimeUtc();
        order.ticketPrices = {4500, 3000};
        order.donationMinor = 1000;
        order.donationStatus = QStringLiteral("Posted");
        QString error;
        QVERIFY2(writer.addOrder(m_ada, order, &error), qPrintable(error));
        const auto lines = m_repos->activity.orderLines(order.order.id, nullptr);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).description, QStringLiteral("The Tempest"));
        QVERIFY(lines.at(0).performanceAt.isValid());
        qint64 total = 0;
        for (const auto& line : lines)
            total += line.priceMinor;
        QCOMPARE(total, qint64(8500));
        QVERIFY(lines.at(2).description.startsWith(QStringLiteral("Donation")));
    }

    void cleanupTestCase()
    {
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_GUILESS_MAIN(TestPatronEdit)
#include "TestPatronEdit.moc"
