// Venue setup, the member import and orders with membership seat credits, on a real encrypted database: refusals
// write nothing; a confirmation records the credits in the same transaction.
#include "Clock.h"
#include "Database.h"
#include "PasswordHasher.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "ThreadRepositories.h"
#include "Transaction.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>
#include <thread>

using namespace foyer;
using namespace foyer::storage;

class TestOrderCredits : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Repositories> m_repos;
    QString m_hall, m_tempest, m_hamlet, m_performance, m_hamletPerformance, m_adult, m_patron;
    QList<core::SeatMap::Seat> m_seats;

    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    void run(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql))
            qFatal("statement failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    }
    // Puts a copy of the table without its deleted_at column in its place: a read that needs the column is refused by
    // the driver ("no such column"), while the writes a confirmation makes still work.
    void hideDeletedAt(const QString& table)
    {
        QStringList columns;
        QSqlQuery q(m_db->connection());
        if (!q.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table)))
            qFatal("cannot list the columns of %s", qPrintable(table));
        while (q.next())
            if (q.value(1).toString() != QLatin1String("deleted_at"))
                columns.append(u'"' + q.value(1).toString() + u'"');
        if (columns.isEmpty())
            qFatal("no such table: %s", qPrintable(table));
        run(QStringLiteral("ALTER TABLE \"%1\" RENAME TO \"%1_kept\"").arg(table));
        run(QStringLiteral("CREATE TABLE \"%1\" AS SELECT %2 FROM \"%1_kept\"").arg(table, columns.join(u',')));
    }
    void restore(const QString& table)
    {
        run(QStringLiteral("DROP TABLE \"%1\"").arg(table));
        run(QStringLiteral("ALTER TABLE \"%1_kept\" RENAME TO \"%1\"").arg(table));
    }
    QString text(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("read failed: %s", qPrintable(sql));
        return q.value(0).toString();
    }
    // Every row a confirmation, refund, void or exchange writes, every order's and line's status and where every
    // credit is used, to show a refused one wrote none.
    QString written()
    {
        QStringList counts;
        for (const char* table : {"\"order\"", "order_line", "payment", "membership_seat_use", "order_event",
                                  "sync_outbox", "history_event"})
            counts.append(QString::number(count(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))));
        counts.append(text(QStringLiteral("SELECT group_concat(s) FROM (SELECT id || ':' || internal_status AS s FROM "
                                          "\"order\" ORDER BY id)")));
        counts.append(text(QStringLiteral(
            "SELECT group_concat(s) FROM (SELECT id || ':' || status AS s FROM order_line ORDER BY id)")));
        counts.append(text(QStringLiteral("SELECT group_concat(s) FROM (SELECT order_line_id || ':' || "
                                          "coalesce(deleted_at, '') AS s FROM membership_seat_use ORDER BY id)")));
        counts.append(text(QStringLiteral("SELECT coalesce(sum(amount_minor), 0) FROM payment")));
        return counts.join(u',');
    }
    struct Window
    {
        bool ok = false;
        QString error;
    };
    using Operation = std::function<bool(Repositories&, QString*)>;
    // Two windows, each on its own connection to the file, run their operations at once. The main connection holds
    // the write lock until both have started, so whatever they read before their own write transaction they read
    // before either has committed.
    void race(const Operation& first, const Operation& second, Window* a, Window* b)
    {
        const auto onOwnConnection = [this](const Operation* operation, Window* window) {
            DatabaseError openError;
            ThreadRepositories worker(*m_db, &openError);
            if (!worker.repositories()) {
                window->error = openError.message;
                return;
            }
            window->ok = (*operation)(*worker.repositories(), &window->error);
        };
        QString error;
        Transaction lock(m_db->connection(), &error);
        if (!lock.isOpen())
            qFatal("cannot take the write lock: %s", qPrintable(error));
        std::thread one(onOwnConnection, &first, a);
        std::thread two(onOwnConnection, &second, b);
        QThread::msleep(700);
        lock.finish(false);
        one.join();
        two.join();
    }
    int activeLineOn(const QString& performance, int seat)
    {
        return count(QStringLiteral("SELECT count(*) FROM order_line WHERE status = 'active' AND deleted_at IS NULL "
                                    "AND performance_id = '%1' AND seat_id = '%2'")
                         .arg(performance, m_seats.at(seat).id));
    }
    // Frees every seat of the performance and every member credit, so a test starts from a clean house.
    void freeTheHouse()
    {
        run(QStringLiteral("UPDATE order_line SET status = 'void' WHERE status = 'active'"));
        run(QStringLiteral("DELETE FROM membership_seat_use"));
    }
    core::OrderLineDraft line(int seat, const QString& payType = QStringLiteral("credit_card"),
                              const QString& membership = QString(), bool hamlet = false)
    {
        core::OrderLineDraft l;
        l.performanceId = hamlet ? m_hamletPerformance : m_performance;
        l.showId = hamlet ? m_hamlet : m_tempest;
        l.performanceAt = QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        l.seatId = m_seats.at(seat).id;
        l.seatLabel = m_seats.at(seat).label();
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = payType;
        l.membershipNumber = membership;
        return l;
    }

private slots:
    void initTestCase()
    {
        // The house's day is pinned: public sales, presales and memberships are judged at the same moment every run.
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC)));
        DatabaseError error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("orders.db")), QByteArray(32, '\x61'),
                              Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<Repositories>(m_db->connection());
        m_patron = testing::addPatron(m_repos->patrons, QStringLiteral("Ann"), QStringLiteral("Lee"),
                                      QStringLiteral("ann@example.org"), QString());
    }

    void venueSetupRefusesBadInputAndWritesNothing()
    {
        QString error;
        const QString overlapping = QStringLiteral("section,row,seat,x,y\nStalls,A,1,0,0\nStalls,A,2,0.5,0\n");
        QVERIFY(m_repos->venue.importSeatMap(QStringLiteral("Main"), overlapping, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("overlaps")), qPrintable(error));
        const QString twice = QStringLiteral("section,row,seat,x,y\nStalls,A,1,0,0\nStalls,A,1,5,0\n");
        QVERIFY(m_repos->venue.importSeatMap(QStringLiteral("Main"), twice, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("listed twice")), qPrintable(error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM hall")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM seat")), 0);

        QString csv = QStringLiteral("section,row,seat,x,y,member_only\n");
        for (int s = 1; s <= 10; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1,%2\n").arg(s).arg(s > 8 ? QStringLiteral("yes") : QString());
        m_hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &error);
        QVERIFY2(!m_hall.isEmpty(), qPrintable(error));
        QString seatsError;
        m_seats = m_repos->venue.seats(m_hall, &seatsError);
        QVERIFY2(seatsError.isEmpty(), qPrintable(seatsError));
        QCOMPARE(m_seats.size(), 10);
        QVERIFY(m_seats.at(9).memberOnly);

        m_tempest = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        m_hamlet = m_repos->venue.addShow(QStringLiteral("Hamlet"), QStringLiteral("2026/27"), &error);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        QVERIFY(m_repos->venue.addPerformance(m_tempest, QStringLiteral("no-such-hall"), starts, {}, &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("no hall")));
        m_performance = m_repos->venue.addPerformance(m_tempest, m_hall, starts, starts.addDays(-30), &error);
        QVERIFY2(!m_performance.isEmpty(), qPrintable(error));
        m_hamletPerformance = m_repos->venue.addPerformance(m_hamlet, m_hall, starts.addDays(1), {}, &error);
        m_adult = m_repos->venue.addPriceType(m_tempest, QStringLiteral("Adult"), 4500, &error);
        const QString level = m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {m_tempest}, &error);
        QVERIFY2(!level.isEmpty(), qPrintable(error));
        QVERIFY(m_repos->venue.addPresale(m_performance, level, starts.addDays(-40), starts.addDays(-20), &error)
                    .isEmpty());
        QVERIFY(error.contains(QStringLiteral("after the public sale")));
        QVERIFY(!m_repos->venue.addPresale(m_performance, level, starts.addDays(-40), starts.addDays(-30), &error)
                     .isEmpty());
        QVERIFY(m_repos->venue
                    .addDiscountCode(QStringLiteral("GUEST"), false, level, 100, 0, QStringLiteral("2026/27"), &error)
                    .isEmpty());
        QVERIFY(error.contains(QStringLiteral("uses per member")));
        QVERIFY(m_repos->venue.addDiscountCode(QStringLiteral("FRIEND10"), true, QString(), 10, 0, QString(), &error)
                    .isEmpty());
        // The guest tickets belong to a level nobody in these tests holds (the benefits test covers them).
        const QString circle =
            m_repos->venue.addBenefitLevel(QStringLiteral("Patron Circle"), true, {m_tempest}, &error);
        QVERIFY(!m_repos->venue
                     .addDiscountCode(QStringLiteral("GUEST"), false, circle, 100, 2, QStringLiteral("2026/27"), &error)
                     .isEmpty());
        QVERIFY(m_repos->venue.addMemberArea(m_hall, QStringLiteral("Gallery"), level, &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("no section")));
    }

    void memberImportLookupsSayWhyTheyCannotBeRead()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE benefit_level RENAME TO benefit_level_away")),
                 qPrintable(q.lastError().text()));
        auto restore =
            qScopeGuard([&] { q.exec(QStringLiteral("ALTER TABLE benefit_level_away RENAME TO benefit_level")); });
        // No levels is not "no such level" for every row of the file: the dry run must not run on it.
        QString lookupError;
        QVERIFY(!m_repos->memberImport.lookups(&lookupError).has_value());
        QVERIFY2(lookupError.contains(QStringLiteral("benefit_level")), qPrintable(lookupError));
        restore.dismiss();
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE benefit_level_away RENAME TO benefit_level")));
        lookupError.clear();
        QVERIFY2(m_repos->memberImport.lookups(&lookupError).has_value(), qPrintable(lookupError));
    }

    void memberImportIsDryRunThenAllOrNothing()
    {
        QString lookupError;
        const std::optional<MemberImportRepository::Lookups> read = m_repos->memberImport.lookups(&lookupError);
        QVERIFY2(read, qPrintable(lookupError));
        const MemberImportRepository::Lookups& lookups = *read;
        const QString bad = QStringLiteral(
            "membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n"
            "M-1,Ann Lee,ann@example.org,correct horse battery,Friend,2026-09-01,2027-08-31,The Tempest=2\n"
            "M-2,Bob Ray,bob@example,,Friend,2026-09-01,2027-08-31,The Tempest=1\n");
        const core::MemberImport::Report dry =
            core::MemberImport::dryRun(bad, lookups.showIds, lookups.levelIds, lookups.membershipNumbers);
        QCOMPARE(dry.errorCount(), 1);
        QString error;
        int emails = 0;
        QVERIFY(!m_repos->memberImport.import(dry, {}, QString(), &emails, &error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership")), 0);

        const QString good = QString(bad).replace(QStringLiteral("bob@example,"), QStringLiteral("bob@example.org,")) +
                             QStringLiteral("M-3,Cy Dee,cy@example.org,,Friend,2026-09-01,2026-11-30,The Tempest=4\n");
        const core::MemberImport::Report report =
            core::MemberImport::dryRun(good, lookups.showIds, lookups.levelIds, lookups.membershipNumbers);
        QVERIFY(report.canImport());
        const QHash<QString, QString> hashes = {
            {QStringLiteral("M-1"),
             security::PasswordHasher::hash(core::SecureBuffer::fromUtf8(QStringLiteral("correct horse battery")))}};
        QVERIFY2(m_repos->memberImport.import(report, hashes, QString(), &emails, &error), qPrintable(error));
        QCOMPARE(emails, 2); // Bob and Cy had no password in the file
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership")), 3);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM email_request WHERE template = 'member_set_password'")), 2);
        // Ann already was a patron: her membership joins her record; Bob and Cy became patrons.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM patron")), 3);
        // No password is stored or queued in clear.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE password_hash LIKE '$argon2id$%'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE changes LIKE '%correct horse%'")), 0);
        // Importing the same file again is refused by the dry run: the numbers exist now.
        const std::optional<MemberImportRepository::Lookups> afterImport = m_repos->memberImport.lookups(&lookupError);
        QVERIFY2(afterImport, qPrintable(lookupError));
        const auto again =
            core::MemberImport::dryRun(good, lookups.showIds, lookups.levelIds, afterImport->membershipNumbers);
        QVERIFY(!again.canImport());
    }

    void aSeatHeldByAnotherOrderIsRefused()
    {
        core::OrderDraft first;
        first.patronId = m_patron;
        first.lines = {line(0), line(1)};
        QString error;
        QVERIFY2(m_repos->orders.save(first, QString(), &error), qPrintable(error));
        QVERIFY(first.confirmationNumber.startsWith(m_repos->orders.workstationPrefix(nullptr) + u'-'));
        QCOMPARE(m_repos->venue.seatStates(m_performance, nullptr).value(m_seats.at(0).id),
                 VenueRepository::SeatState::Held);
        core::OrderDraft second;
        second.lines = {line(2), line(1)};
        QVERIFY(!m_repos->orders.save(second, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("Stalls A2")) && error.contains(first.confirmationNumber),
                 qPrintable(error));
        QVERIFY(second.id.isEmpty()); // nothing written, no number used
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM \"order\"")), 1);
        // Dropping a line frees its seat.
        first.lines.removeLast();
        QVERIFY(m_repos->orders.save(first, QString(), &error));
        QVERIFY(m_repos->orders.save(second, QString(), &error));
        const auto reloaded = m_repos->orders.load(second.id, nullptr);
        QCOMPARE(reloaded->lines.size(), 2);
    }

    void confirmingChecksCreditsAndRecordsThem()
    {
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        // Three seats on M-1 (two credits): the third row fails, nothing is confirmed or recorded.
        core::OrderDraft order;
        order.patronId = m_patron;
        const QString m1 = QStringLiteral("M-1");
        order.lines = {line(3, QStringLiteral("membership"), m1), line(4, QStringLiteral("membership"), m1),
                       line(5, QStringLiteral("membership"), m1), line(6, QStringLiteral("cash"))};
        QVERIFY(!m_repos->orders.confirm(order, QString(), &lineErrors, &error));
        QCOMPARE(lineErrors.size(), 1);
        QCOMPARE(lineErrors.constFirst().row, 2);
        QVERIFY(lineErrors.constFirst().message.contains(QStringLiteral("Not enough seat credits")));
        QVERIFY(order.id.isEmpty());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use")), 0);

        // Switch that seat to another pay type: confirmed, credits recorded, membership seats priced 0.
        order.lines[2].payType = QStringLiteral("credit_card");
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        QCOMPARE(order.internalStatus, QStringLiteral("complete"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use")), 2);
        QCOMPARE(count(QStringLiteral("SELECT sum(price_minor) FROM order_line WHERE order_id = '") + order.id +
                       QStringLiteral("'")),
                 9000);
        QCOMPARE(m_repos->venue.seatStates(m_performance, nullptr).value(m_seats.at(3).id),
                 VenueRepository::SeatState::Sold);
        QVERIFY(m_repos->activity.history(m_patron, nullptr)
                    .constFirst()
                    .summary.contains(QStringLiteral("2 on membership")));

        // M-1's credits are used up for this show in other orders now.
        core::OrderDraft later;
        later.lines = {line(7, QStringLiteral("membership"), m1)};
        QVERIFY(!m_repos->orders.confirm(later, QString(), &lineErrors, &error));
        QVERIFY(lineErrors.constFirst().message.contains(QStringLiteral("0 left")));
        // An expired membership and a show the level does not cover are named as such.
        later.lines = {line(7, QStringLiteral("membership"), QStringLiteral("M-3"))};
        QVERIFY(!m_repos->orders.confirm(later, QString(), &lineErrors, &error));
        QVERIFY(lineErrors.constFirst().message.contains(QStringLiteral("not active")));
        later.lines = {line(7, QStringLiteral("membership"), QStringLiteral("M-2"), true)};
        QVERIFY(!m_repos->orders.confirm(later, QString(), &lineErrors, &error));
        QVERIFY(lineErrors.constFirst().message.contains(QStringLiteral("does not cover")));

        // Cancelling the first order gives M-1's credits back.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE \"order\" SET internal_status = 'cancelled' WHERE id = '") + order.id +
                       QStringLiteral("'")));
        later.lines = {line(7, QStringLiteral("membership"), m1)};
        QVERIFY2(m_repos->orders.confirm(later, QString(), &lineErrors, &error), qPrintable(error));
    }

    void orderTimeAuthenticationChecksTheRegisteredPassword()
    {
        QHash<int, QString> typed; // row -> the password typed for that seat
        const auto check = [&typed](const core::MembershipSeatLine& seat, const QString& hash) {
            return typed.contains(seat.row) &&
                   security::PasswordHasher::verify(core::SecureBuffer::fromUtf8(typed.value(seat.row)), hash);
        };
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM membership_seat_use")));
        core::OrderDraft order;
        order.lines = {line(8, QStringLiteral("membership"), QStringLiteral("M-1"))};
        order.lines[0].memberEmail = QStringLiteral("ann@example.org");
        typed[0] = QStringLiteral("wrong guess");
        QVERIFY(!m_repos->orders.confirm(order, QString(), &lineErrors, &error, check));
        QVERIFY(lineErrors.constFirst().message.contains(QStringLiteral("Wrong email or password")));
        typed[0] = QStringLiteral("correct horse battery");
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error, check), qPrintable(error));
        // A walk-up order takes the authenticated member's patron record.
        QCOMPARE(order.patronId, m_patron);
    }

    void aMemberDetailChangeTellsTheMembershipManager()
    {
        QString error;
        QVERIFY(m_repos->settings.setValue(QStringLiteral("membership_manager_email"),
                                           QStringLiteral("members@venue.example"), QString(), &error));
        QVERIFY(
            !m_repos->memberImport.updateMemberEmail(QStringLiteral("M-2"), QStringLiteral("bob@"), QString(), &error));
        QVERIFY2(m_repos->memberImport.updateMemberEmail(QStringLiteral("M-2"), QStringLiteral("robert@example.org"),
                                                         QString(), &error),
                 qPrintable(error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE member_email = 'robert@example.org'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM email_request WHERE template = 'member_details_changed' "
                                      "AND recipient = 'members@venue.example'")),
                 1);
    }

    // With the settings table out of reach every settings read fails: each must say so, and change nothing.
    void unreadableSettingsAreErrorsNotDefaults()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE workstation_setting RENAME TO workstation_setting_away")),
                 qPrintable(q.lastError().text()));
        auto restore = qScopeGuard(
            [&q] { q.exec(QStringLiteral("ALTER TABLE workstation_setting_away RENAME TO workstation_setting")); });

        QString memberError;
        const bool updated = m_repos->memberImport.updateMemberEmail(
            QStringLiteral("M-2"), QStringLiteral("bert@example.org"), QString(), &memberError);
        QString rulesError;
        m_repos->settings.newPatronRules(&rulesError);
        QString secretError;
        bool made = false;
        const QString secret = m_repos->settings.secret(
            QStringLiteral("test_secret"),
            [&made] {
                made = true;
                return QStringLiteral("abc");
            },
            &secretError);
        restore.dismiss();
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE workstation_setting_away RENAME TO workstation_setting")),
                 qPrintable(q.lastError().text()));

        QVERIFY(!updated);
        QVERIFY2(memberError.contains(QLatin1String(SettingsRepository::MembershipManagerEmail)),
                 qPrintable(memberError));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE member_email = 'bert@example.org'")), 0);
        QVERIFY2(rulesError.contains(QLatin1String(SettingsRepository::NewPatronRequires)), qPrintable(rulesError));
        QVERIFY(secret.isEmpty());
        QVERIFY(!made); // a failed read must not make a second key
        QVERIFY2(secretError.contains(QStringLiteral("test_secret")), qPrintable(secretError));
    }

    void refundExchangeVoidAndChangeRequest()
    {
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM membership_seat_use")));
        // A three-line order: card, cash and a membership seat (M-2 has one credit).
        core::OrderDraft order;
        order.patronId = m_patron;
        const QString m2 = QStringLiteral("M-2");
        QVERIFY(q.exec(QStringLiteral("UPDATE order_line SET status = 'void' WHERE performance_id = '") +
                       m_performance + QStringLiteral("'")));
        order.lines = {line(0), line(1, QStringLiteral("cash")), line(2, QStringLiteral("membership"), m2)};
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(9000));
        const QList<core::LineForLife> lines =
            m_repos->orderLife.lines(order.id, nullptr).value_or(QList<core::LineForLife>());
        QCOMPARE(lines.size(), 3);

        core::StaffMember boxOffice;
        boxOffice.displayName = QStringLiteral("Bo");
        core::StaffMember manager;
        manager.displayName = QStringLiteral("Mo");
        manager.role = core::StaffMember::Role::Manager;
        core::OrderLifeRules::RefundPlan plan;
        QVERIFY(
            !m_repos->orderLife.refund(order.id, {lines.at(2).id}, boxOffice, QStringLiteral("Ill"), &plan, &error));
        QVERIFY(error.contains(QStringLiteral("manager")));
        // Refunding the membership line frees its seat and its credit; the order is partially refunded.
        QVERIFY2(m_repos->orderLife.refund(order.id, {lines.at(2).id}, manager, QStringLiteral("Ill"), &plan, &error),
                 qPrintable(error));
        QCOMPARE(plan.creditsFreed, 1);
        QCOMPARE(m_repos->orders.load(order.id, nullptr)->internalStatus, QStringLiteral("partially_refunded"));
        QVERIFY(!m_repos->venue.seatStates(m_performance, nullptr).contains(m_seats.at(2).id));
        core::OrderDraft again;
        again.lines = {line(2, QStringLiteral("membership"), m2)};
        QVERIFY2(m_repos->orders.confirm(again, QString(), &lineErrors, &error), qPrintable(error));
        // Exchanging that membership seat keeps it free and moves its credit to the new seat.
        const QString membershipLine = again.lines.constFirst().id;
        qint64 moved = -1;
        QVERIFY2(m_repos->orderLife.exchange(again.id, membershipLine, m_performance, m_seats.at(5).id, 4500, manager,
                                             QStringLiteral("Nearer the aisle"), &moved, &error),
                 qPrintable(error));
        QCOMPARE(moved, qint64(0));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use u JOIN order_line l ON l.id = "
                                      "u.order_line_id WHERE l.status = 'active' AND l.seat_id = '") +
                       m_seats.at(5).id + QStringLiteral("'")),
                 1);
        // Refunding the cash seat pays 45.00 back.
        QVERIFY(m_repos->orderLife.refund(order.id, {lines.at(1).id}, manager, QStringLiteral("Moved"), &plan, &error));
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(4500));

        // Exchange the card seat to Hamlet at 52.00: 7.00 more is charged.
        qint64 difference = 0;
        QVERIFY2(m_repos->orderLife.exchange(order.id, lines.at(0).id, m_hamletPerformance, m_seats.at(0).id, 5200,
                                             manager, QStringLiteral("Wants Hamlet"), &difference, &error),
                 qPrintable(error));
        QCOMPARE(difference, qint64(700));
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(5200));
        QVERIFY(!m_repos->venue.seatStates(m_performance, nullptr).contains(m_seats.at(0).id));
        QCOMPARE(m_repos->venue.seatStates(m_hamletPerformance, nullptr).value(m_seats.at(0).id),
                 VenueRepository::SeatState::Sold);

        // A paid order cannot be voided; an unpaid one can, and its seats come free.
        QVERIFY(!m_repos->orderLife.voidOrder(order.id, manager, QStringLiteral("Duplicate"), &error));
        QVERIFY(error.contains(QStringLiteral("refund it instead")));
        core::OrderDraft held;
        held.lines = {line(7)};
        QVERIFY(m_repos->orders.save(held, QString(), &error));
        QVERIFY(m_repos->orderLife.voidOrder(held.id, boxOffice, QStringLiteral("Customer left"), &error));
        QVERIFY(!m_repos->venue.seatStates(m_performance, nullptr).contains(m_seats.at(7).id));

        // A change request on the closed order is recorded and shows in the patron's history.
        QVERIFY(!m_repos->orderLife.requestChange(order.id, QStringLiteral("Charge seat 3 to the card"), QString(),
                                                  QStringLiteral("Ann Lee"), boxOffice, &error));
        QVERIFY(m_repos->orderLife.requestChange(order.id, QStringLiteral("Charge seat 3 to the card"),
                                                 QStringLiteral("No credits left"), QStringLiteral("Ann Lee"),
                                                 boxOffice, &error));
        const auto history = m_repos->activity.history(m_patron, nullptr);
        QCOMPARE(history.constFirst().kind, QStringLiteral("change_request"));
        QStringList kinds;
        for (const auto& event : history)
            kinds.append(event.kind);
        QVERIFY(kinds.contains(QStringLiteral("refund")) && kinds.contains(QStringLiteral("exchange")));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_event")), 5); // two refunds, two exchanges, a void
    }

    void benefitsPriceLinesAndGuardPresalesAndMemberAreas()
    {
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        const std::optional<MemberImportRepository::Lookups> lookups = m_repos->memberImport.lookups(&error);
        QVERIFY2(lookups, qPrintable(error));
        const QString friendLevel = lookups->levelIds.value(QStringLiteral("friend"));
        QVERIFY(!m_repos->venue.addDiscountCode(QStringLiteral("FRIEND10"), true, friendLevel, 10, 0, QString(), &error)
                     .isEmpty());
        // A performance whose public sale opens next week, with a Friends' presale open now.
        const QDateTime now = core::Clock::currentDateTimeUtc();
        const QString later = m_repos->venue.addPerformance(m_tempest, m_hall, now.addDays(40), now.addDays(7), &error);
        QVERIFY2(!m_repos->venue.addPresale(later, friendLevel, now.addDays(-1), now.addDays(7), &error).isEmpty(),
                 qPrintable(error));
        const auto seatFor = [&](int seat, const QString& performance) {
            core::OrderLineDraft l = line(seat);
            l.performanceId = performance;
            l.section = m_seats.at(seat).section;
            return l;
        };
        core::OrderDraft walkUp;
        walkUp.lines = {seatFor(0, later)};
        QVERIFY(!m_repos->orders.confirm(walkUp, QString(), &lineErrors, &error));
        QVERIFY2(lineErrors.value(0).message.contains(QStringLiteral("Not on sale")), qPrintable(error));

        // Ann holds Friend (M-1): the presale lets her in, and FRIEND10 takes 10% off her card seat.
        core::OrderDraft ann;
        ann.patronId = m_patron;
        ann.lines = {seatFor(0, later)};
        QVERIFY2(m_repos->orders.confirm(ann, QString(), &lineErrors, &error), qPrintable(error));
        QCOMPARE(ann.lines.constFirst().priceMinor(), qint64(4050));
        QCOMPARE(m_repos->orderLife.paidMinor(ann.id, nullptr).value_or(-1), qint64(4050));

        // The stalls become a Patron Circle area: Ann (a Friend) may not buy there any more.
        const QString circle = lookups->levelIds.value(QStringLiteral("patron circle"));
        QVERIFY(!m_repos->venue.addMemberArea(m_hall, QStringLiteral("Stalls"), circle, &error).isEmpty());
        core::OrderDraft area;
        area.patronId = m_patron;
        area.lines = {seatFor(1, later)};
        QVERIFY(!m_repos->orders.confirm(area, QString(), &lineErrors, &error));
        QVERIFY(lineErrors.value(0).message.contains(QStringLiteral("members-only")));
    }

    void aFailedReadRefusesTheConfirmationAndWritesNothing()
    {
        freeTheHouse();
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        const QString m1 = QStringLiteral("M-1");
        // M-1's two Tempest credits are used by a confirmed order.
        core::OrderDraft first;
        first.lines = {line(0, QStringLiteral("membership"), m1), line(1, QStringLiteral("membership"), m1)};
        QVERIFY2(m_repos->orders.confirm(first, QString(), &lineErrors, &error), qPrintable(error));

        // The read of credits already used is refused by the driver (a column it needs is gone; the credit record
        // itself still works): taken for "none used", a third seat would be over-issued.
        core::OrderDraft third;
        third.lines = {line(2, QStringLiteral("membership"), m1)};
        const QString before = written();
        hideDeletedAt(QStringLiteral("membership_seat_use"));
        const bool confirmed = m_repos->orders.confirm(third, QString(), &lineErrors, &error);
        restore(QStringLiteral("membership_seat_use"));
        QVERIFY(!confirmed);
        QVERIFY2(error.contains(QStringLiteral("Cannot read the seat credits already used")), qPrintable(error));
        QVERIFY(third.id.isEmpty());
        QCOMPARE(written(), before);
        // Readable again, the same seat is refused for the right reason.
        QVERIFY(!m_repos->orders.confirm(third, QString(), &lineErrors, &error));
        QVERIFY2(lineErrors.value(0).message.contains(QStringLiteral("0 left for membership M-1")),
                 qPrintable(lineErrors.value(0).message));

        // The members' credits cannot be read: not "no credits", but a refusal naming the read.
        freeTheHouse();
        const QString beforeCredits = written();
        hideDeletedAt(QStringLiteral("membership_credit"));
        const bool withoutCredits = m_repos->orders.confirm(third, QString(), &lineErrors, &error);
        restore(QStringLiteral("membership_credit"));
        QVERIFY(!withoutCredits);
        QVERIFY2(error.contains(QStringLiteral("Cannot read the members' seat credits")), qPrintable(error));
        QVERIFY(lineErrors.isEmpty());
        QCOMPARE(written(), beforeCredits);

        // The sale windows cannot be read: the presale check is not skipped, the walk-up sale is refused.
        const QDateTime now = core::Clock::currentDateTimeUtc();
        const QString notYet =
            m_repos->venue.addPerformance(m_tempest, m_hall, now.addDays(50), now.addDays(9), &error);
        QVERIFY2(!notYet.isEmpty(), qPrintable(error));
        core::OrderDraft walkUp;
        walkUp.lines = {line(3)};
        walkUp.lines[0].performanceId = notYet;
        const QString beforeSale = written();
        hideDeletedAt(QStringLiteral("presale_window"));
        const bool sold = m_repos->orders.confirm(walkUp, QString(), &lineErrors, &error);
        restore(QStringLiteral("presale_window"));
        QVERIFY(!sold);
        QVERIFY2(error.contains(QStringLiteral("Cannot read the performance's sale windows")), qPrintable(error));
        QVERIFY(walkUp.id.isEmpty());
        QCOMPARE(written(), beforeSale);
        QVERIFY(!m_repos->orders.confirm(walkUp, QString(), &lineErrors, &error));
        QVERIFY2(lineErrors.value(0).message.contains(QStringLiteral("Not on sale")), qPrintable(error));
    }

    void aSharedEmailNeedsThePasswordEvenWhenTheOtherMemberIsNotInTheOrder()
    {
        freeTheHouse();
        QHash<int, QString> typed;
        const auto check = [&typed](const core::MembershipSeatLine& seat, const QString& hash) {
            return typed.contains(seat.row) &&
                   security::PasswordHasher::verify(core::SecureBuffer::fromUtf8(typed.value(seat.row)), hash);
        };
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        // Ann pays with her password on the first seat; the second seat is Bob's (robert@), by email only.
        core::OrderDraft order;
        order.lines = {line(0, QStringLiteral("membership"), QStringLiteral("M-1")),
                       line(1, QStringLiteral("membership"), QStringLiteral("M-2"))};
        order.lines[0].memberEmail = QStringLiteral("ann@example.org");
        order.lines[1].memberEmail = QStringLiteral("Robert@example.org");
        typed[0] = QStringLiteral("correct horse battery");
        // Cy's membership (not in this order) now shares Bob's email: Bob's seat needs its password (Bob has none).
        run(QStringLiteral(
            "UPDATE membership SET member_email = 'robert@example.org ' WHERE membership_number = 'M-3'"));
        const QString before = written();
        QVERIFY(!m_repos->orders.confirm(order, QString(), &lineErrors, &error, check));
        QCOMPARE(lineErrors.size(), 1);
        QCOMPARE(lineErrors.constFirst().row, 1);
        QVERIFY2(lineErrors.constFirst().message.contains(QStringLiteral("Wrong email or password for membership M-2")),
                 qPrintable(lineErrors.constFirst().message));
        QCOMPARE(written(), before);
        // Once the email is Bob's alone, his email is enough for the second seat.
        run(QStringLiteral("UPDATE membership SET member_email = 'cy@example.org' WHERE membership_number = 'M-3'"));
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error, check), qPrintable(error));
    }

    void twoWindowsRefundingOneSeatRefundItOnce()
    {
        freeTheHouse();
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        core::OrderDraft order;
        order.lines = {line(0, QStringLiteral("cash")), line(1, QStringLiteral("membership"), QStringLiteral("M-1")),
                       line(2, QStringLiteral("cash"))};
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(9000));
        const QStringList refunded = {order.lines.at(0).id, order.lines.at(1).id};
        const int refundEvents = count(QStringLiteral("SELECT count(*) FROM order_event WHERE kind = 'refund'"));
        core::StaffMember manager;
        manager.displayName = QStringLiteral("Mo");
        manager.role = core::StaffMember::Role::Manager;

        // Two windows, each on its own connection to the file, refund the same two seats at once.
        const Operation refundBoth = [&](Repositories& repos, QString* why) {
            core::OrderLifeRules::RefundPlan plan;
            return repos.orderLife.refund(order.id, refunded, manager, QStringLiteral("Pressed twice"), &plan, why);
        };
        Window a, b;
        race(refundBoth, refundBoth, &a, &b);
        QVERIFY2(a.ok != b.ok, qPrintable(QStringLiteral("a: %1 / b: %2").arg(a.error, b.error)));
        const QString refusal = a.ok ? b.error : a.error;
        QVERIFY2(refusal.contains(QStringLiteral("already refunded")), qPrintable(refusal));
        // The money went back once, the credit came free once, one refund per seat.
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(4500));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM payment WHERE amount_minor < 0 AND order_id = '") +
                       order.id + QStringLiteral("'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_event WHERE kind = 'refund'")), refundEvents + 2);
        QCOMPARE(m_repos->orders.load(order.id, nullptr)->internalStatus, QStringLiteral("partially_refunded"));
        core::OrderDraft again;
        again.lines = {line(3, QStringLiteral("membership"), QStringLiteral("M-1")),
                       line(4, QStringLiteral("membership"), QStringLiteral("M-1")),
                       line(5, QStringLiteral("membership"), QStringLiteral("M-1"))};
        QVERIFY(!m_repos->orders.confirm(again, QString(), &lineErrors, &error));
        QCOMPARE(lineErrors.size(), 1); // two credits free (the refunded one and the unused one), not three
        QCOMPARE(lineErrors.constFirst().row, 2);
    }

    void aFailedReadRefusesRefundVoidAndExchangeAndWritesNothing()
    {
        freeTheHouse();
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        // A paid order: a card seat (45.00) and a membership seat.
        core::OrderDraft order;
        order.lines = {line(0), line(1, QStringLiteral("membership"), QStringLiteral("M-1"))};
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        const QString card = order.lines.at(0).id;
        const QString member = order.lines.at(1).id;
        core::StaffMember manager;
        manager.displayName = QStringLiteral("Mo");
        manager.role = core::StaffMember::Role::Manager;
        const Operation refund = [&](Repositories& repos, QString* why) {
            core::OrderLifeRules::RefundPlan plan;
            return repos.orderLife.refund(order.id, {card, member}, manager, QStringLiteral("Ill"), &plan, why);
        };
        const Operation voidIt = [&](Repositories& repos, QString* why) {
            return repos.orderLife.voidOrder(order.id, manager, QStringLiteral("Duplicate"), why);
        };
        const Operation exchange = [&](Repositories& repos, QString* why) {
            qint64 difference = 0;
            return repos.orderLife.exchange(order.id, card, m_performance, m_seats.at(5).id, 4500, manager,
                                            QStringLiteral("Nearer the aisle"), &difference, why);
        };

        // Each read the operation checks against is refused by the driver in turn (a column it needs is gone; the
        // writes would still work). Not "no such order", "no such seat" or "nothing paid" (a paid order voided): a
        // refusal naming the read, and nothing written.
        struct Case
        {
            const char* operation;
            const Operation* run;
            const char* table;
            const char* refusal;
        };
        const Case cases[] = {
            {"refund", &refund, "order", "Cannot read the order:"},
            {"refund", &refund, "order_line", "Cannot read the order's seats:"},
            {"void", &voidIt, "order", "Cannot read the order:"},
            {"void", &voidIt, "payment", "Cannot read the order's payments:"},
            {"exchange", &exchange, "order", "Cannot read the order:"},
            {"exchange", &exchange, "order_line", "Cannot read the order's seats:"},
        };
        for (const Case& c : cases) {
            const QString what =
                QStringLiteral("%1 without %2.deleted_at").arg(QLatin1String(c.operation), QLatin1String(c.table));
            const QString before = written();
            hideDeletedAt(QLatin1String(c.table));
            error.clear();
            const bool done = (*c.run)(*m_repos, &error);
            restore(QLatin1String(c.table));
            QVERIFY2(!done, qPrintable(what));
            QVERIFY2(error.contains(QLatin1String(c.refusal)), qPrintable(what + QStringLiteral(": ") + error));
            QCOMPARE(written(), before);
        }

        // Readable again, each is judged on what is there: the paid order is not voided, the seat is exchanged and
        // the order refunded.
        QVERIFY(!voidIt(*m_repos, &error));
        QVERIFY2(error.contains(QStringLiteral("refund it instead")), qPrintable(error));
        QVERIFY2(exchange(*m_repos, &error), qPrintable(error));
        core::OrderLifeRules::RefundPlan plan;
        QVERIFY2(m_repos->orderLife.refund(order.id, {member}, manager, QStringLiteral("Ill"), &plan, &error),
                 qPrintable(error));
        QCOMPARE(plan.creditsFreed, 1);
    }

    void twoWindowsVoidingOneOrderVoidItOnce()
    {
        freeTheHouse();
        QString error;
        // An order held on two seats, nothing paid: both windows void it at once.
        core::OrderDraft held;
        held.patronId = m_patron;
        held.lines = {line(3), line(4)};
        QVERIFY2(m_repos->orders.save(held, QString(), &error), qPrintable(error));
        const QString orderEvents =
            QStringLiteral("SELECT count(*) FROM order_event WHERE order_id = '%1'").arg(held.id);
        const int history = count(QStringLiteral("SELECT count(*) FROM history_event WHERE kind = 'void'"));
        const int outbox = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        core::StaffMember boxOffice;
        boxOffice.displayName = QStringLiteral("Bo");
        const Operation voidIt = [&](Repositories& repos, QString* why) {
            return repos.orderLife.voidOrder(held.id, boxOffice, QStringLiteral("Customer left"), why);
        };
        Window a, b;
        race(voidIt, voidIt, &a, &b);
        QVERIFY2(a.ok != b.ok, qPrintable(QStringLiteral("a: %1 / b: %2").arg(a.error, b.error)));
        const QString refusal = a.ok ? b.error : a.error;
        QVERIFY2(refusal.contains(QStringLiteral("already void")), qPrintable(refusal));
        // Voided once: one void event, one history entry, the seats free, the lines void.
        QCOMPARE(m_repos->orders.load(held.id, nullptr)->internalStatus, QStringLiteral("void"));
        QCOMPARE(count(orderEvents), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM history_event WHERE kind = 'void'")), history + 1);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM sync_outbox")) > outbox);
        const int outboxAfterOne = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_line WHERE status = 'void' AND order_id = '%1'")
                           .arg(held.id)),
                 2);
        QCOMPARE(activeLineOn(m_performance, 3) + activeLineOn(m_performance, 4), 0);
        // A third try, alone, writes nothing more.
        const QString before = written();
        QVERIFY(!voidIt(*m_repos, &error));
        QVERIFY2(error.contains(QStringLiteral("already void")), qPrintable(error));
        QCOMPARE(written(), before);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), outboxAfterOne);
    }

    void twoWindowsExchangingOneSeatExchangeItOnce()
    {
        freeTheHouse();
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        // A membership seat (M-1's credit) and a card seat at 45.00.
        core::OrderDraft order;
        order.lines = {line(0, QStringLiteral("membership"), QStringLiteral("M-1")), line(1)};
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        const QString member = order.lines.at(0).id;
        const QString card = order.lines.at(1).id;
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(4500));
        const QString linesOfOrder =
            QStringLiteral("SELECT count(*) FROM order_line WHERE order_id = '%1'").arg(order.id);
        const QString exchanges =
            QStringLiteral("SELECT count(*) FROM order_event WHERE kind = 'exchange' AND order_id = '%1'")
                .arg(order.id);
        const QString paymentRows = QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1'").arg(order.id);
        const int payments = count(paymentRows);
        core::StaffMember manager;
        manager.displayName = QStringLiteral("Mo");
        manager.role = core::StaffMember::Role::Manager;
        const auto exchangeTo = [&](const QString& lineId, const QString& performance, int seat, qint64 price) {
            return Operation([&, lineId, performance, seat, price](Repositories& repos, QString* why) {
                qint64 difference = 0;
                return repos.orderLife.exchange(order.id, lineId, performance, m_seats.at(seat).id, price, manager,
                                                QStringLiteral("Pressed twice"), &difference, why);
            });
        };

        // The membership seat: one window moves it to A6, the other to A7. Exactly one does; the credit moves once,
        // to that window's seat, and no seat is left on the membership without a credit.
        Window a, b;
        race(exchangeTo(member, m_performance, 5, 4500), exchangeTo(member, m_performance, 6, 4500), &a, &b);
        QVERIFY2(a.ok != b.ok, qPrintable(QStringLiteral("a: %1 / b: %2").arg(a.error, b.error)));
        QString refusal = a.ok ? b.error : a.error;
        QVERIFY2(refusal.contains(QStringLiteral("already exchanged")), qPrintable(refusal));
        const int won = a.ok ? 5 : 6;
        const int lost = a.ok ? 6 : 5;
        QCOMPARE(activeLineOn(m_performance, won), 1);
        QCOMPARE(activeLineOn(m_performance, lost), 0);
        QCOMPARE(activeLineOn(m_performance, 0), 0);
        QCOMPARE(count(linesOfOrder), 3);
        QCOMPARE(count(exchanges), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use u JOIN order_line l ON l.id = "
                                      "u.order_line_id WHERE u.deleted_at IS NULL AND l.order_id = '%1'")
                           .arg(order.id)),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use u JOIN order_line l ON l.id = "
                                      "u.order_line_id WHERE u.deleted_at IS NULL AND l.status = 'active' AND "
                                      "l.seat_id = '%1'")
                           .arg(m_seats.at(won).id)),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_line l WHERE l.order_id = '%1' AND l.status = "
                                      "'active' AND l.pay_type = 'membership' AND NOT EXISTS (SELECT 1 FROM "
                                      "membership_seat_use u WHERE u.order_line_id = l.id AND u.deleted_at IS NULL)")
                           .arg(order.id)),
                 0);
        QCOMPARE(count(paymentRows), payments); // a membership seat costs nothing either side

        // The card seat: both windows move it to Hamlet at 52.00 (A6 and A7). 7.00 is charged once.
        race(exchangeTo(card, m_hamletPerformance, 5, 5200), exchangeTo(card, m_hamletPerformance, 6, 5200), &a, &b);
        QVERIFY2(a.ok != b.ok, qPrintable(QStringLiteral("a: %1 / b: %2").arg(a.error, b.error)));
        refusal = a.ok ? b.error : a.error;
        QVERIFY2(refusal.contains(QStringLiteral("already exchanged")), qPrintable(refusal));
        QCOMPARE(activeLineOn(m_hamletPerformance, 5) + activeLineOn(m_hamletPerformance, 6), 1);
        QCOMPARE(activeLineOn(m_performance, 1), 0);
        QCOMPARE(count(linesOfOrder), 4);
        QCOMPARE(count(exchanges), 2);
        QCOMPARE(count(paymentRows), payments + 1);
        QCOMPARE(m_repos->orderLife.paidMinor(order.id, nullptr).value_or(-1), qint64(5200));
    }

    void anExchangeMovesTheSeatsCreditOrRefuses()
    {
        freeTheHouse();
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        core::OrderDraft order;
        order.lines = {line(0, QStringLiteral("membership"), QStringLiteral("M-1"))};
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        const QString member = order.lines.at(0).id;
        core::StaffMember manager;
        manager.displayName = QStringLiteral("Mo");
        manager.role = core::StaffMember::Role::Manager;
        const auto exchange = [&](QString* why) {
            qint64 difference = -1;
            return m_repos->orderLife.exchange(order.id, member, m_performance, m_seats.at(5).id, 4500, manager,
                                               QStringLiteral("Nearer the aisle"), &difference, why);
        };
        const QString use = QStringLiteral("SELECT count(*) FROM membership_seat_use WHERE deleted_at IS NULL AND "
                                           "order_line_id = '%1'");

        // The seat's credit was given back (its record deleted, as a sync from another workstation may): moving
        // nothing would leave the new seat free on the membership without a credit. Refused, nothing written.
        run(QStringLiteral("UPDATE membership_seat_use SET deleted_at = '2026-12-01T11:00:00Z' WHERE order_line_id = "
                           "'%1'")
                .arg(member));
        QString before = written();
        QVERIFY(!exchange(&error));
        QVERIFY2(error.contains(QStringLiteral("membership credit is not on record")), qPrintable(error));
        QCOMPARE(written(), before);
        // The same when its record is gone altogether.
        run(QStringLiteral("DELETE FROM membership_seat_use WHERE order_line_id = '%1'").arg(member));
        before = written();
        QVERIFY(!exchange(&error));
        QVERIFY2(error.contains(QStringLiteral("membership credit is not on record")), qPrintable(error));
        QCOMPARE(written(), before);

        // With its credit on record, the seat is exchanged and the one credit moves to the new seat.
        run(QStringLiteral("INSERT INTO membership_seat_use (id, membership_id, order_line_id, show_id, created_at) "
                           "SELECT 'use-1', id, '%1', '%2', '2026-12-01T11:00:00Z' FROM membership WHERE "
                           "membership_number = 'M-1'")
                .arg(member, m_tempest));
        QVERIFY2(exchange(&error), qPrintable(error));
        QCOMPARE(count(use.arg(member)), 0);
        const QString newLine = text(QStringLiteral("SELECT id FROM order_line WHERE order_id = '%1' AND status = "
                                                    "'active'")
                                         .arg(order.id));
        QCOMPARE(count(use.arg(newLine)), 1);
    }

    void aStaleCopyOfAConfirmedOrderIsConfirmedOnce()
    {
        freeTheHouse();
        // The stalls are a Patron Circle area since the benefits test (a loaded line knows its section): lifted here,
        // so the copies are judged on the order's state alone.
        run(QStringLiteral("UPDATE member_area SET deleted_at = '2026-12-01T11:00:00Z' WHERE deleted_at IS NULL"));
        QString error;
        // An open order, a card seat and a seat on M-1's credit, open in two windows.
        core::OrderDraft held;
        held.patronId = m_patron;
        held.lines = {line(3), line(4, QStringLiteral("membership"), QStringLiteral("M-1"))};
        QVERIFY2(m_repos->orders.save(held, QString(), &error), qPrintable(error));
        const std::optional<core::OrderDraft> stale = m_repos->orders.load(held.id, &error);
        QVERIFY2(stale, qPrintable(error));
        QCOMPARE(stale->internalStatus, QStringLiteral("open"));
        const QString payments = QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1'").arg(held.id);
        const QString creditUses = QStringLiteral("SELECT count(*) FROM membership_seat_use u JOIN order_line l ON "
                                                  "l.id = u.order_line_id WHERE u.deleted_at IS NULL AND l.order_id = "
                                                  "'%1'")
                                       .arg(held.id);
        const QString confirmations =
            QStringLiteral("SELECT count(*) FROM history_event WHERE summary LIKE 'Order %1 confirmed%'")
                .arg(held.confirmationNumber);
        // Each window confirms its own copy at once.
        const auto confirmCopy = [&stale] {
            return Operation([copy = *stale](Repositories& repos, QString* why) mutable {
                QList<core::MembershipCreditRule::LineError> errors;
                return repos.orders.confirm(copy, QString(), &errors, why);
            });
        };
        const Operation first = confirmCopy();
        const Operation second = confirmCopy();
        Window a, b;
        race(first, second, &a, &b);
        QVERIFY2(a.ok != b.ok, qPrintable(QStringLiteral("a: %1 / b: %2").arg(a.error, b.error)));
        const QString refusal = a.ok ? b.error : a.error;
        QVERIFY2(refusal.contains(QStringLiteral("confirmed at another window")), qPrintable(refusal));
        // One confirmation: one payment (the card seat), one credit used, one history entry.
        QCOMPARE(m_repos->orders.load(held.id, nullptr)->internalStatus, QStringLiteral("complete"));
        QCOMPARE(count(payments), 1);
        QCOMPARE(m_repos->orderLife.paidMinor(held.id, nullptr).value_or(-1), qint64(4500 * 9 / 10)); // Ann's FRIEND10
        QCOMPARE(count(creditUses), 1);
        QCOMPARE(count(confirmations), 1);

        // A third window still shows it open: saving or confirming that copy again is refused and writes nothing.
        const QString before = written();
        DatabaseError openError;
        ThreadRepositories other(*m_db, &openError);
        QVERIFY2(other.repositories(), qPrintable(openError.message));
        core::OrderDraft copy = *stale;
        QVERIFY(!other.repositories()->orders.save(copy, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("This order was confirmed at another window")), qPrintable(error));
        QCOMPARE(copy.internalStatus, QStringLiteral("open"));
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QVERIFY(!other.repositories()->orders.confirm(copy, QString(), &lineErrors, &error));
        QVERIFY2(error.contains(QStringLiteral("This order was confirmed at another window")), qPrintable(error));
        QVERIFY(lineErrors.isEmpty());
        QCOMPARE(written(), before);
        // The confirmed order itself, saved as it stands, is refused too: it changes through its life now.
        core::OrderDraft current = *m_repos->orders.load(held.id, nullptr);
        QVERIFY(!m_repos->orders.save(current, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("already Complete")), qPrintable(error));
        QCOMPARE(written(), before);
        run(QStringLiteral("UPDATE member_area SET deleted_at = NULL WHERE deleted_at = '2026-12-01T11:00:00Z'"));
    }

    void aStaleCopyOfAVoidedOrderIsNotSavedOverIt()
    {
        freeTheHouse();
        QString error;
        core::OrderDraft held;
        held.patronId = m_patron;
        held.lines = {line(5), line(6)};
        QVERIFY2(m_repos->orders.save(held, QString(), &error), qPrintable(error));
        const std::optional<core::OrderDraft> stale = m_repos->orders.load(held.id, &error);
        QVERIFY2(stale, qPrintable(error));
        // Another window, on its own connection, voids it.
        {
            DatabaseError openError;
            ThreadRepositories other(*m_db, &openError);
            QVERIFY2(other.repositories(), qPrintable(openError.message));
            core::StaffMember boxOffice;
            boxOffice.displayName = QStringLiteral("Bo");
            QVERIFY2(
                other.repositories()->orderLife.voidOrder(held.id, boxOffice, QStringLiteral("Customer left"), &error),
                qPrintable(error));
        }
        // This window still shows it open: a seat is added and the order saved. Refused, naming the void; the order
        // stays void and every seat free.
        const QString before = written();
        core::OrderDraft copy = *stale;
        copy.lines.append(line(7));
        QVERIFY(!m_repos->orders.save(copy, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("This order was voided at another window; reopen it")),
                 qPrintable(error));
        QCOMPARE(written(), before);
        QCOMPARE(text(QStringLiteral("SELECT internal_status FROM \"order\" WHERE id = '%1'").arg(held.id)),
                 QStringLiteral("void"));
        QCOMPARE(activeLineOn(m_performance, 5) + activeLineOn(m_performance, 6) + activeLineOn(m_performance, 7), 0);
        // Confirming that copy is refused the same way.
        copy = *stale;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QVERIFY(!m_repos->orders.confirm(copy, QString(), &lineErrors, &error));
        QVERIFY2(error.contains(QStringLiteral("voided at another window")), qPrintable(error));
        QCOMPARE(written(), before);
        QCOMPARE(activeLineOn(m_performance, 5) + activeLineOn(m_performance, 6), 0);
    }

    void aStaleCopyDoesNotWriteOverASeatChangedElsewhere()
    {
        freeTheHouse();
        QString error;
        // An open order of two seats; another window exchanges one of them (the order stays open).
        core::OrderDraft held;
        held.lines = {line(0), line(1)};
        QVERIFY2(m_repos->orders.save(held, QString(), &error), qPrintable(error));
        const std::optional<core::OrderDraft> stale = m_repos->orders.load(held.id, &error);
        QVERIFY2(stale, qPrintable(error));
        {
            DatabaseError openError;
            ThreadRepositories other(*m_db, &openError);
            QVERIFY2(other.repositories(), qPrintable(openError.message));
            core::StaffMember manager;
            manager.displayName = QStringLiteral("Mo");
            manager.role = core::StaffMember::Role::Manager;
            qint64 difference = 0;
            QVERIFY2(other.repositories()->orderLife.exchange(held.id, held.lines.at(1).id, m_performance,
                                                              m_seats.at(2).id, 4500, manager,
                                                              QStringLiteral("Nearer the aisle"), &difference, &error),
                     qPrintable(error));
        }
        // The stale copy still holds the exchanged seat: saved as it is, it would drop the new seat and change the
        // exchanged one. Refused, naming the seat; the new seat stays the order's.
        const QString before = written();
        core::OrderDraft copy = *stale;
        QVERIFY(!m_repos->orders.save(copy, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("Seat %1 was exchanged at another window").arg(m_seats.at(1).label())),
                 qPrintable(error));
        QCOMPARE(written(), before);
        QCOMPARE(activeLineOn(m_performance, 2), 1);
        // Reopened, the order shows the new seat and saves.
        core::OrderDraft reopened = *m_repos->orders.load(held.id, nullptr);
        QCOMPARE(reopened.lines.size(), 2);
        QVERIFY2(m_repos->orders.save(reopened, QString(), &error), qPrintable(error));
        QCOMPARE(activeLineOn(m_performance, 0) + activeLineOn(m_performance, 2), 2);
    }

    void cleanupTestCase()
    {
        m_repos.reset();
        m_db.reset();
        core::Clock::setInstance(nullptr);
    }
};

QTEST_GUILESS_MAIN(TestOrderCredits)
#include "TestOrderCredits.moc"
