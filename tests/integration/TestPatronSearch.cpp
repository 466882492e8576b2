#include "Database.h"
#include "Migrator.h"
#include "PatronDetailsRepository.h"
#include "PatronFixtures.h"
#include "PatronSearchModel.h"
#include "PatronSearchRepository.h"
#include "SearchText.h"

#include <QAbstractItemModelTester>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;

class TestPatronSearch : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_ada, m_adam, m_zoe, m_acme;

    QStringList names(const QString& typed)
    {
        PatronSearchRepository search(m_db->connection());
        QStringList out;
        for (const PatronSearchHit& hit : search.search(core::SearchText::queryTokens(typed), {}, 50, nullptr))
            if (!out.contains(hit.displayName))
                out.append(hit.displayName);
        return out;
    }

private slots:
    void initTestCase()
    {
        DatabaseError error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("s.db")), QByteArray(32, '\x21'), Database::Mode::CreateNew,
                              &error);
        QVERIFY2(m_db, qPrintable(error.message));
        PatronRepository patrons(m_db->connection());
        m_ada = testing::addPatron(patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                   QStringLiteral("ada@analytical.example"), QStringLiteral("+44 (20) 5550-1815"));
        m_adam = testing::addPatron(patrons, QStringLiteral("Adam"), QStringLiteral("Loveday"),
                                    QStringLiteral("adam.loveday@example.org"), QStringLiteral("555-010-2222"));
        m_zoe = testing::addPatron(patrons, QStringLiteral("Zo\u00eb"), QStringLiteral("\u00d3lafsd\u00f3ttir"),
                                   QStringLiteral("zoe@example.is"), QString());
        m_acme = testing::addPatron(patrons, QString(), QString(), QStringLiteral("box@acme.example"),
                                    QStringLiteral("555 010 9999"), QStringLiteral("Acme Theatre Company"));
        for (int i = 0; i < 130; ++i) // enough to need several pages
            testing::addPatron(patrons, QStringLiteral("Page%1").arg(i, 3, 10, QChar(u'0')), QStringLiteral("Pager"),
                               QStringLiteral("pager%1@example.org").arg(i), QString());
    }

    void findsByEveryKindOfKey_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("last name prefix")
            << QStringLiteral("love") << QStringList{QStringLiteral("Adam Loveday"), QStringLiteral("Ada Lovelace")};
        QTest::newRow("first and last") << QStringLiteral("ada lovel") << QStringList{QStringLiteral("Ada Lovelace")};
        QTest::newRow("order of words does not matter")
            << QStringLiteral("lovel ada") << QStringList{QStringLiteral("Ada Lovelace")};
        QTest::newRow("exact word first")
            << QStringLiteral("ada") << QStringList{QStringLiteral("Ada Lovelace"), QStringLiteral("Adam Loveday")};
        QTest::newRow("email address") << QStringLiteral("adam.loveday@ex")
                                       << QStringList{QStringLiteral("Adam Loveday")};
        QTest::newRow("email domain") << QStringLiteral("analytical") << QStringList{QStringLiteral("Ada Lovelace")};
        QTest::newRow("start of an email")
            << QStringLiteral("adam.love") << QStringList{QStringLiteral("Adam Loveday")};
        QTest::newRow("words that are no name phrase fall back to intersection")
            << QStringLiteral("ada analytical") << QStringList{QStringLiteral("Ada Lovelace")};
        QTest::newRow("phone as typed") << QStringLiteral("5550-1815") << QStringList{QStringLiteral("Ada Lovelace")};
        QTest::newRow("phone last digits") << QStringLiteral("0102222") << QStringList{QStringLiteral("Adam Loveday")};
        QTest::newRow("accent-free typing")
            << QStringLiteral("zoe olaf") << QStringList{QStringLiteral("Zo\u00eb \u00d3lafsd\u00f3ttir")};
        QTest::newRow("company") << QStringLiteral("acme thea") << QStringList{QStringLiteral("Acme Theatre Company")};
        QTest::newRow("nothing") << QStringLiteral("qqq") << QStringList{};
    }

    void findsByEveryKindOfKey()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, expected);
        QCOMPARE(names(typed), expected);
    }

    void findsByPatronNumber()
    {
        PatronRepository patrons(m_db->connection());
        const qint64 number = patrons.findById(m_zoe, nullptr)->patronNumber;
        QVERIFY(names(QString::number(number)).contains(QStringLiteral("Zo\u00eb \u00d3lafsd\u00f3ttir")));
    }

    void findsAnEmailFromAfterItsFirstDotAndByTag()
    {
        PatronRepository patrons(m_db->connection());
        const QString yara = testing::addPatron(patrons, QStringLiteral("Yara"), QStringLiteral("Darrow"),
                                                QStringLiteral("yara.darrow2500@example.org"), QString());
        const QStringList expected{QStringLiteral("Yara Darrow")};
        QCOMPARE(names(QStringLiteral("darrow2500@example.org")), expected);
        QCOMPARE(names(QStringLiteral("Darrow2500@exam")), expected);
        QCOMPARE(names(QStringLiteral("darrow2500")), expected);
        QCOMPARE(names(QStringLiteral("yara.darrow2500@example.org")), expected);
        QCOMPARE(names(QStringLiteral("darrow2501@example.org")), QStringList{});

        // A tag added or removed at the window changes what finds her, in the same transaction.
        PatronDetailsRepository details(m_db->connection());
        QCOMPARE(names(QStringLiteral("patron of honour")), QStringList{});
        QString error;
        QVERIFY2(details.addTag(yara, QStringLiteral("Patron of Honour"), QString(), &error), qPrintable(error));
        QCOMPARE(names(QStringLiteral("patron of honour")), expected);
        QCOMPARE(names(QStringLiteral("honour")), expected);
        QCOMPARE(names(QStringLiteral("honour yara")), expected);
        QVERIFY2(details.removeTag(yara, QStringLiteral("Patron of Honour"), QString(), &error), qPrintable(error));
        QCOMPARE(names(QStringLiteral("honour")), QStringList{});
        QCOMPARE(names(QStringLiteral("darrow2500@example.org")), expected); // her other keys stay
    }

    void findsSameNamePatronsWhateverTheirEmail()
    {
        PatronRepository patrons(m_db->connection());
        QString error;
        const auto matches = patrons.findByName(QStringLiteral("ADA"), QStringLiteral("lovelace "), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.constFirst().patronId, m_ada);
        // Accents and case aside, the same name; "last first" of another patron is not the same name.
        QCOMPARE(patrons.findByName(QStringLiteral("Zoe"), QStringLiteral("Olafsdottir"), &error).value(0).patronId,
                 m_zoe);
        QVERIFY(patrons.findByName(QStringLiteral("Lovelace"), QStringLiteral("Ada"), &error).isEmpty());
        QVERIFY(patrons.findByName(QStringLiteral("Ada"), QStringLiteral("Love"), &error).isEmpty());
        QVERIFY(patrons.findByName(QString(), QStringLiteral("Lovelace"), &error).isEmpty());
        QVERIFY(error.isEmpty());
    }

    void modelSaysWhetherMoreMatchThanItHolds()
    {
        PatronSearchRepository search(m_db->connection());
        gui::PatronSearchModel model(&search);
        model.setQuery(QStringLiteral("pager"));
        QCOMPARE(model.rowCount(), gui::PatronSearchModel::PageSize);
        QVERIFY(model.hasMoreMatches());
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 130);
        QVERIFY(!model.hasMoreMatches());
        model.setQuery(QStringLiteral("love"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.hasMoreMatches());
        QVERIFY(!model.canFetchMore(QModelIndex()));
        model.setQuery(QStringLiteral("page04")); // Page040 to Page049
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(!model.hasMoreMatches());
    }

    void pagesWithACursor()
    {
        PatronSearchRepository search(m_db->connection());
        const QStringList tokens{QStringLiteral("pager")};
        QSet<QString> seen;
        PatronSearchRepository::Cursor cursor;
        int pages = 0;
        for (;; ++pages) {
            const QList<PatronSearchHit> hits = search.search(tokens, cursor, 50, nullptr);
            for (const auto& hit : hits)
                seen.insert(hit.patronId);
            if (hits.size() < 50)
                break;
            cursor = {hits.constLast().matchedKey, hits.constLast().patronId};
        }
        QCOMPARE(seen.size(), 130);
        QVERIFY(pages >= 2);
    }

    void modelFetchesLazilyAndPassesTheTester()
    {
        PatronSearchRepository search(m_db->connection());
        gui::PatronSearchModel model(&search);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery(QStringLiteral("page"));
        QCOMPARE(model.rowCount(), gui::PatronSearchModel::PageSize);
        QVERIFY(model.canFetchMore(QModelIndex()));
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 130); // each patron once, though "page" matches first name and email part
        QVERIFY(model.data(model.index(0, gui::PatronSearchModel::NameColumn))
                    .toString()
                    .startsWith(QStringLiteral("Page")));
        model.setQuery(QString()); // empty search: recent patrons
        QVERIFY(model.rowCount() > 0);
        QVERIFY(!model.canFetchMore(QModelIndex()));
        model.setQuery(QStringLiteral("qqq"));
        QCOMPARE(model.rowCount(), 0);
    }

    void recentListStartsWithOpenedPatrons()
    {
        PatronRepository patrons(m_db->connection());
        QVERIFY(patrons.markOpened(m_zoe));
        PatronSearchRepository search(m_db->connection());
        const QList<PatronSearchHit> recent = search.recent(10, nullptr);
        QCOMPARE(recent.value(0).patronId, m_zoe);
        QCOMPARE(recent.size(), 10);
    }

    void tombstonedPatronsAreNotFound()
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("UPDATE patron SET deleted_at = ? WHERE id = ?"));
        q.addBindValue(QDateTime::currentDateTimeUtc());
        q.addBindValue(m_adam);
        QVERIFY(q.exec());
        QCOMPARE(names(QStringLiteral("love")), QStringList{QStringLiteral("Ada Lovelace")});
    }

    void creatingAPatronLeavesHistoryAuditAndOutbox()
    {
        QSqlQuery q(m_db->connection());
        for (const char* table : {"history_event", "audit_log", "sync_outbox"}) {
            // The outbox holds one operation with the patron's rows (docs/sync-protocol.md).
            q.prepare(
                qstrcmp(table, "sync_outbox") == 0
                    ? QStringLiteral("SELECT count(*) FROM sync_outbox WHERE changes LIKE '%' || ? || '%'")
                    : QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = ?")
                          .arg(QString::fromLatin1(table),
                               QString::fromLatin1(qstrcmp(table, "history_event") == 0 ? "patron_id" : "entity_id")));
            q.addBindValue(m_ada);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
    }

    void migrationBackfillsSearchKeysForOlderDatabases()
    {
        // A version-1 database with a patron, then opened by this build: the patron is found.
        const QString file = m_dir.filePath(QStringLiteral("v1.db"));
        {
            DatabaseError error;
            auto db = Database::open(file, QByteArray(32, '\x22'), Database::Mode::CreateNew, &error);
            QVERIFY(db);
            PatronRepository patrons(db->connection());
            testing::addPatron(patrons, QStringLiteral("Grace"), QStringLiteral("Hopper"),
                               QStringLiteral("grace@navy.example"), QString());
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("DROP TABLE patron_recent")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE patron_search_key")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX donation_order")));
            // Undo 0009 (payment back to its earlier columns), 0008 (the whole order_line table goes back to its
            // earlier columns), 0007 and 0006.
            QVERIFY(q.exec(QStringLiteral("DROP TABLE cash_count")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX payment_created")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX order_event_occurred")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX payment_order")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE payment_v8 (id TEXT PRIMARY KEY NOT NULL, order_id, pay_type, "
                                          "amount_minor, processor_token, card_last_four, created_at, updated_at, "
                                          "deleted_at)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO payment_v8 SELECT id, order_id, pay_type, amount_minor, "
                                          "processor_token, card_last_four, created_at, updated_at, deleted_at "
                                          "FROM payment")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE payment")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE payment_v8 RENAME TO payment")));
            QVERIFY(q.exec(QStringLiteral("CREATE INDEX payment_order ON payment(order_id)")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX order_line_discount")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX order_line_seat_taken")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX order_line_order")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX order_line_performance_seat")));
            // With its primary key, as the real table had (a table without one cannot be synced).
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE order_line_v7 (id TEXT PRIMARY KEY NOT NULL, order_id, "
                                          "performance_id, seat_id, price_type_id, description, price_minor, pay_type, "
                                          "membership_number, status, created_at, updated_at, deleted_at)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO order_line_v7 SELECT id, order_id, performance_id, seat_id, "
                                          "price_type_id, description, "
                                          "price_minor, pay_type, membership_number, status, created_at, updated_at, "
                                          "deleted_at FROM order_line")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE order_line")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE order_line_v7 RENAME TO order_line")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE change_request")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE order_event"))); // with 0009's column
            for (const char* table :
                 {"benefit_level_show", "membership_seat_use", "presale_window", "member_area", "discount_code"})
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QString::fromLatin1(table))));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX membership_member_email")));
            // Undo 0005: SQLite 3.15 has no DROP COLUMN, so the task table goes back to its version-1 columns.
            QVERIFY(q.exec(QStringLiteral("DROP INDEX mailing_list_subscription_patron")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX activity_assignee")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE activity_v1 (id TEXT PRIMARY KEY NOT NULL, patron_id, "
                                          "assigned_to_id, title, details, due_at, done_at, created_at, updated_at, "
                                          "deleted_at)")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO activity_v1 SELECT id, patron_id, assigned_to_id, title, "
                                      "details, due_at, done_at, created_at, updated_at, deleted_at FROM activity")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE activity")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE activity_v1 RENAME TO activity")));
            // Undo 0010: the sync tables and capture triggers go, the outbox gets its version-1 shape.
            QStringList triggers;
            QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'")));
            while (q.next())
                triggers.append(q.value(0).toString());
            for (const QString& trigger : std::as_const(triggers))
                QVERIFY(q.exec(QStringLiteral("DROP TRIGGER \"%1\"").arg(trigger)));
            // (0011's resolutions table and email status columns go with them.)
            for (const char* table :
                 {"sync_resolution", "sync_row_change", "sync_state", "sync_applying", "email_request", "sync_outbox"})
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QString::fromLatin1(table))));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE sync_outbox (id TEXT PRIMARY KEY NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT "
                "NULL, "
                "operation TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, "
                "created_at TEXT NOT NULL, sent_at TEXT)")));
            // Undo 0014 and 0013 (staff_user back to its version-1 columns: no DROP COLUMN in SQLite 3.15).
            QVERIFY(q.exec(QStringLiteral("DROP TABLE sync_held_row")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE staff_user_v1 (id TEXT PRIMARY KEY NOT NULL, username TEXT NOT "
                                          "NULL UNIQUE, display_name TEXT NOT NULL, email TEXT, role TEXT NOT NULL, "
                                          "password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at "
                                          "TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT)")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO staff_user_v1 SELECT id, username, display_name, email, role, "
                                      "password_hash, active, created_at, updated_at, deleted_at FROM staff_user")));
            QVERIFY2(q.exec(QStringLiteral("DROP TABLE staff_user")), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE staff_user_v1 RENAME TO staff_user")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1"))); // the later migrations run again
        }
        DatabaseError error;
        auto db = Database::open(file, QByteArray(32, '\x22'), Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Migrator(db->connection()).latestVersion());
        PatronSearchRepository search(db->connection());
        QCOMPARE(search.search({QStringLiteral("hopp")}, {}, 10, nullptr).value(0).displayName,
                 QStringLiteral("Grace Hopper"));
    }

    void migration16RebuildsTheKeysOfExistingPatrons()
    {
        // A version-15 database: its patrons' keys are the older set (no email tails, no tags).
        const QString file = m_dir.filePath(QStringLiteral("v15.db"));
        {
            DatabaseError error;
            auto db = Database::open(file, QByteArray(32, '\x23'), Database::Mode::CreateNew, &error);
            QVERIFY2(db, qPrintable(error.message));
            PatronRepository patrons(db->connection());
            const QString yara = testing::addPatron(patrons, QStringLiteral("Yara"), QStringLiteral("Darrow"),
                                                    QStringLiteral("yara.darrow2500@example.org"), QString());
            QString tagError;
            QVERIFY2(PatronDetailsRepository(db->connection())
                         .addTag(yara, QStringLiteral("Volunteer"), QString(), &tagError),
                     qPrintable(tagError));
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM patron_search_key WHERE kind = %1 OR key = "
                                          "'darrow2500@example.org'")
                               .arg(int(core::SearchText::KeyKind::Tag))));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 15")));
            PatronSearchRepository search(db->connection());
            QVERIFY(search.search({QStringLiteral("volunteer")}, {}, 10, nullptr).isEmpty());
            QVERIFY(search.search({QStringLiteral("darrow2500@example.org")}, {}, 10, nullptr).isEmpty());
        }
        DatabaseError error;
        auto db = Database::open(file, QByteArray(32, '\x23'), Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Migrator(db->connection()).latestVersion());
        QVERIFY(db->schemaVersion() >= 16);
        PatronSearchRepository search(db->connection());
        QCOMPARE(search.search({QStringLiteral("volunteer")}, {}, 10, nullptr).value(0).displayName,
                 QStringLiteral("Yara Darrow"));
        QCOMPARE(search.search({QStringLiteral("darrow2500@example.org")}, {}, 10, nullptr).value(0).displayName,
                 QStringLiteral("Yara Darrow"));
    }
};

QTEST_MAIN(TestPatronSearch)
#include "TestPatronSearch.moc"
