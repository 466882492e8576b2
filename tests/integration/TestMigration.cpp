#include "Database.h"
#include "Migrator.h"
#include "PatronSearchRepository.h"
#include "SearchText.h"
#include "SqlCipherDriver.h"
#include "SqlScript.h"
#include "TestFiles.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;
using foyer::testing::fileDigest;
using foyer::testing::writeFile;

class TestMigration : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray(32, '\x42');

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    // Runs statements on the file over a connection of its own (the driver, the test's key), closed afterwards.
    void onOwnConnection(const QString& file, bool create, const QStringList& statements)
    {
        SqlCipherDriver::registerDriver();
        const QString name = QStringLiteral("own-connection");
        {
            auto* driver = new SqlCipherDriver();
            driver->setKey(m_key);
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
            db.setDatabaseName(file);
            if (create)
                db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE=1"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            for (const QString& statement : statements)
                QVERIFY2(q.exec(statement), qPrintable(statement + u' ' + q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(name);
    }

    int userVersionOf(const QString& file)
    {
        int version = -1;
        SqlCipherDriver::registerDriver();
        const QString name = QStringLiteral("version-reader");
        {
            auto* driver = new SqlCipherDriver();
            driver->setKey(m_key);
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
            db.setDatabaseName(file);
            QSqlQuery q(db);
            if (db.open() && q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                version = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(name);
        return version;
    }

    // A database as the first Foyer left it: db/local/0001_schema.sql as shipped, applied through the driver, then
    // patrons written with the version-1 columns (an email and a phone each; no search keys existed yet).
    void writeVersionOneFile(const QString& file)
    {
        QFile schema(QStringLiteral(":/db/local/0001_schema.sql"));
        QVERIFY(schema.open(QIODevice::ReadOnly));
        QStringList statements = SqlScript::split(QString::fromUtf8(schema.readAll()));
        statements << QStringLiteral("PRAGMA user_version = 1");
        const QString at = QStringLiteral("2021-03-04T10:00:00.000Z");
        const struct
        {
            const char* id;
            int number;
            const char* first;
            const char* last;
            const char* email;
            const char* phone;
            const char* digits;
        } patrons[] = {{"p-ada", 1, "Ada", "Lovelace", "ada@analytical.example", "+44 20 5550 1815", "442055501815"},
                       {"p-grace", 2, "Grace", "Hopper", "grace@cobol.example", "555 010 7777", "5550107777"}};
        for (const auto& p : patrons) {
            statements << QStringLiteral("INSERT INTO patron (id, patron_number, first_name, last_name, "
                                         "original_email, created_at, updated_at) VALUES ('%1', %2, '%3', '%4', "
                                         "'%5', '%6', '%6')")
                              .arg(QLatin1String(p.id))
                              .arg(p.number)
                              .arg(QLatin1String(p.first), QLatin1String(p.last), QLatin1String(p.email), at);
            statements << QStringLiteral("INSERT INTO patron_email (id, patron_id, address, is_primary, is_original, "
                                         "created_at, updated_at) VALUES ('%1-e', '%1', '%2', 1, 1, '%3', '%3')")
                              .arg(QLatin1String(p.id), QLatin1String(p.email), at);
            statements << QStringLiteral("INSERT INTO patron_phone (id, patron_id, kind, number, digits, is_primary, "
                                         "created_at, updated_at) VALUES ('%1-f', '%1', 'home', '%2', '%3', 1, '%4', "
                                         "'%4')")
                              .arg(QLatin1String(p.id), QLatin1String(p.phone), QLatin1String(p.digits), at);
        }
        onOwnConnection(file, true, statements);
    }

    static QStringList foundIds(Database& db, const QString& typed)
    {
        QStringList ids;
        for (const PatronSearchHit& hit :
             PatronSearchRepository(db.connection()).search(core::SearchText::queryTokens(typed), {}, 50, nullptr))
            if (!ids.contains(hit.patronId))
                ids.append(hit.patronId);
        return ids;
    }

private slots:
    void freshDatabaseReachesLatestVersion()
    {
        DatabaseError error;
        auto db = Database::open(path("fresh.db"), m_key, Database::Mode::CreateNew, &error);
        QVERIFY2(db, qPrintable(error.message));
        const int latest = Migrator(db->connection()).latestVersion();
        QVERIFY(latest >= 1);
        QCOMPARE(db->schemaVersion(), latest);
        const QStringList tables = db->connection().tables();
        for (const char* table : {"patron",
                                  "patron_email",
                                  "patron_phone",
                                  "patron_address",
                                  "household",
                                  "relationship",
                                  "tag",
                                  "note",
                                  "accessibility_note",
                                  "seat",
                                  "performance",
                                  "order",
                                  "order_line",
                                  "payment",
                                  "donation",
                                  "recurring_donation",
                                  "membership",
                                  "membership_credit",
                                  "contact_log",
                                  "activity",
                                  "history_event",
                                  "mailing_list_subscription",
                                  "form_submission",
                                  "staff_user",
                                  "audit_log",
                                  "sync_outbox"})
            QVERIFY2(tables.contains(QString::fromLatin1(table)), table);
        // Everything that syncs carries a tombstone column instead of being deleted.
        QVERIFY(db->connection().record(QStringLiteral("patron")).contains(QStringLiteral("deleted_at")));
        QVERIFY(db->connection().record(QStringLiteral("order_line")).contains(QStringLiteral("deleted_at")));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }

    void reopeningDoesNotMigrateAgain()
    {
        DatabaseError error;
        auto db = Database::open(path("fresh.db"), m_key, Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Migrator(db->connection()).latestVersion());
    }

    void newerDatabaseIsRefusedAndLeftAlone()
    {
        DatabaseError error;
        {
            auto db = Database::open(path("newer.db"), m_key, Database::Mode::CreateNew, &error);
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
            QVERIFY(db->checkpoint());
        }
        const QByteArray before = fileDigest(path("newer.db"));
        auto db = Database::open(path("newer.db"), m_key, Database::Mode::OpenExisting, &error);
        QVERIFY(!db);
        QCOMPARE(error.kind, DatabaseError::Kind::NewerSchema);
        QVERIFY2(error.message.contains(QStringLiteral("newer Foyer")), qPrintable(error.message));
        QCOMPARE(fileDigest(path("newer.db")), before);
    }

    void versionOneDatabaseUpgradesAndItsPatronsAreFound()
    {
        const QString file = path("version1.db");
        writeVersionOneFile(file);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(userVersionOf(file), 1);
        DatabaseError error;
        auto db = Database::open(file, m_key, Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Migrator(db->connection()).latestVersion());
        // By name, email and phone: every key kind the backfill computes from the version-1 rows.
        QCOMPARE(foundIds(*db, QStringLiteral("lovel")), QStringList{QStringLiteral("p-ada")});
        QCOMPARE(foundIds(*db, QStringLiteral("grace hopper")), QStringList{QStringLiteral("p-grace")});
        QCOMPARE(foundIds(*db, QStringLiteral("ada@analytical")), QStringList{QStringLiteral("p-ada")});
        QCOMPARE(foundIds(*db, QStringLiteral("555 010 7777")), QStringList{QStringLiteral("p-grace")});
    }

    void failedSearchKeyBackfillRefusesTheUpgradeAndRunsAgainOnNextOpen()
    {
        const QString file = path("version1-backfill-fails.db");
        writeVersionOneFile(file);
        if (QTest::currentTestFailed())
            return;
        // The backfill reads every patron's phones; with that table renamed away the driver refuses the read.
        onOwnConnection(file, false, {QStringLiteral("ALTER TABLE patron_phone RENAME TO patron_phone_away")});
        if (QTest::currentTestFailed())
            return;
        DatabaseError error;
        {
            auto db = Database::open(file, m_key, Database::Mode::OpenExisting, &error);
            QVERIFY2(!db, "the upgrade went ahead without the phones' search keys");
        }
        QCOMPARE(error.kind, DatabaseError::Kind::MigrationFailed);
        QVERIFY2(error.message.contains(QStringLiteral("search index")), qPrintable(error.message));
        QVERIFY2(error.message.contains(QStringLiteral("patron_phone")), qPrintable(error.message));
        // Migration 2 rolled back whole, its user_version with it: the next open runs it, backfill included.
        QCOMPARE(userVersionOf(file), 1);

        onOwnConnection(file, false, {QStringLiteral("ALTER TABLE patron_phone_away RENAME TO patron_phone")});
        if (QTest::currentTestFailed())
            return;
        auto db = Database::open(file, m_key, Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Migrator(db->connection()).latestVersion());
        QCOMPARE(foundIds(*db, QStringLiteral("hopper")), QStringList{QStringLiteral("p-grace")});
        QCOMPARE(foundIds(*db, QStringLiteral("+44 20 5550 1815")), QStringList{QStringLiteral("p-ada")});
    }

    void migrationsRunInOrderEachInOneTransaction()
    {
        const QString dir = path("migrations");
        QDir().mkpath(dir);
        writeFile(dir + QStringLiteral("/0001_first.sql"), "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);");
        writeFile(dir + QStringLiteral("/0002_second.sql"),
                  "CREATE TABLE b (y INTEGER); INSERT INTO b SELECT x FROM a;");
        writeFile(dir + QStringLiteral("/0003_broken.sql"),
                  "CREATE TABLE c (z INTEGER); INSERT INTO c VALUES (3); INSERT INTO missing_table VALUES (1);");
        writeFile(dir + QStringLiteral("/notes.txt"), "not a migration");

        SqlCipherDriver::registerDriver();
        auto* driver = new SqlCipherDriver();
        driver->setKey(m_key);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, QStringLiteral("custom"));
            db.setDatabaseName(path("custom.db"));
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE=1"));
            QVERIFY(db.open());
            Migrator migrator(db, dir);
            QCOMPARE(migrator.latestVersion(), 3);
            DatabaseError error;
            QVERIFY(!migrator.migrate(&error));
            QCOMPARE(error.kind, DatabaseError::Kind::MigrationFailed);
            QVERIFY2(error.message.contains(QStringLiteral("missing_table")), qPrintable(error.message));
            // 1 and 2 stay applied; 3 left nothing behind.
            QCOMPARE(migrator.currentVersion(), 2);
            QVERIFY(db.tables().contains(QStringLiteral("b")));
            QVERIFY(!db.tables().contains(QStringLiteral("c")));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT y FROM b")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("custom"));
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "TestMigration.moc"
