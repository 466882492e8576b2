#include "Database.h"
#include "Migrator.h"
#include "SqlCipherDriver.h"
#include "TestFiles.h"

#include <QDir>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer::storage;
using foyer::testing::fileDigest;
using foyer::testing::writeFile;

class TestMigration : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray(32, '\x42');

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

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
