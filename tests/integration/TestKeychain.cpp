// Against a real Secret Service (gnome-keyring on a private D-Bus session, started by scripts/test).
#include "Database.h"
#include "DatabaseFile.h"
#include "KeyStore.h"
#include "LocalDatabaseOpener.h"
#include "TestFiles.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace foyer;
using security::KeyStore;
using storage::Database;
using storage::DatabaseError;
using storage::DatabaseFile;

class TestKeychain : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    // A service name of its own, so the test never touches a real Foyer key.
    const QString m_service = QStringLiteral("Foyer test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    QString databaseId(const QString& path)
    {
        QString id;
        DatabaseFile::inspect(path, &id);
        return id;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run under scripts/test (a D-Bus session with gnome-keyring)");
    }

    void keyRoundTrip()
    {
        KeyStore store(m_service);
        const core::SecureBuffer key = KeyStore::generateKey();
        QCOMPARE(key.size(), 32);
        QVERIFY(key != KeyStore::generateKey());
        const KeyStore::Result written = store.writeKey(QStringLiteral("round-trip"), key.view());
        QVERIFY2(written.ok(), qPrintable(written.message));
        const KeyStore::Result read = store.readKey(QStringLiteral("round-trip"));
        QVERIFY2(read.ok(), qPrintable(read.message));
        QVERIFY(read.key == key);
        QVERIFY(store.deleteKey(QStringLiteral("round-trip")).ok());
        const KeyStore::Result gone = store.readKey(QStringLiteral("round-trip"));
        QCOMPARE(gone.status, KeyStore::Status::NotFound);
        QVERIFY(gone.key.isEmpty());
    }

    void keyWithZeroBytesSurvives()
    {
        KeyStore store(m_service);
        QByteArray key(32, '\0');
        key[5] = '\x01';
        QVERIFY(store.writeKey(QStringLiteral("zeros"), key).ok());
        QVERIFY(store.readKey(QStringLiteral("zeros")).key.view() == key);
        store.deleteKey(QStringLiteral("zeros"));
    }

    void firstRunCreatesAndStoresTheKeyLaterRunsReadIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("workstation.db"));
        startup::LocalDatabaseOpener opener{KeyStore(m_service)};
        startup::StartupError error;
        {
            auto db = opener.open(path, true, &error);
            QVERIFY2(db, qPrintable(error.message));
            QSqlQuery(db->connection()).exec(QStringLiteral("INSERT INTO workstation_setting VALUES ('k', 'v')"));
        }
        const KeyStore::Result stored = KeyStore(m_service).readKey(databaseId(path));
        QVERIFY2(stored.ok(), qPrintable(stored.message));
        DatabaseError dbError;
        QVERIFY(
            Database::open(path, stored.key.view(), Database::Mode::OpenExisting, &dbError)); // it is the file's key

        auto again = opener.open(path, false, &error);
        QVERIFY2(again, qPrintable(error.message));
        QSqlQuery q(again->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'k'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("v"));
    }

    void rekeyRotatesTheKeyAndStoresItAfterCommit()
    {
        const QString path = m_dir.filePath(QStringLiteral("workstation.db"));
        KeyStore store(m_service);
        const core::SecureBuffer oldKey = store.readKey(databaseId(path)).key;
        QVERIFY(!oldKey.isEmpty());
        startup::LocalDatabaseOpener opener{store};
        startup::StartupError error;
        {
            auto db = opener.open(path, false, &error);
            QVERIFY(db);
            QVERIFY2(opener.rekey(*db, &error), qPrintable(error.message));
        }
        const core::SecureBuffer newKey = store.readKey(databaseId(path)).key;
        QVERIFY(newKey.size() == 32 && newKey != oldKey);
        QCOMPARE(store.readKey(KeyStore::pendingEntryName(databaseId(path))).status, KeyStore::Status::NotFound);
        DatabaseError dbError;
        QVERIFY(!Database::open(path, oldKey.view(), Database::Mode::OpenExisting, &dbError));
        QCOMPARE(dbError.kind, DatabaseError::Kind::WrongKeyOrNotADatabase);
        auto reopened = opener.open(path, false, &error);
        QVERIFY2(reopened, qPrintable(error.message));
        QSqlQuery q(reopened->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM workstation_setting")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    // A rotation that crashed after the rekey committed but before the main entry was written.
    void interruptedRotationIsRecoveredFromThePendingEntry()
    {
        const QString path = m_dir.filePath(QStringLiteral("workstation.db"));
        KeyStore store(m_service);
        const QString id = databaseId(path);
        const core::SecureBuffer current = store.readKey(id).key;
        const core::SecureBuffer rotated = KeyStore::generateKey();
        QVERIFY(store.writeKey(KeyStore::pendingEntryName(id), rotated.view()).ok());
        {
            DatabaseError dbError;
            auto db = Database::open(path, current.view(), Database::Mode::OpenExisting, &dbError);
            QVERIFY(db);
            QVERIFY(db->rekey(rotated.view(), &dbError));
        }
        startup::LocalDatabaseOpener opener{store};
        startup::StartupError error;
        QVERIFY2(opener.open(path, false, &error), qPrintable(error.message));
        QVERIFY(store.readKey(id).key == rotated);
        QCOMPARE(store.readKey(KeyStore::pendingEntryName(id)).status, KeyStore::Status::NotFound);
    }

    void missingKeyRefusesToOpenAndLeavesTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("workstation.db"));
        KeyStore store(m_service);
        const core::SecureBuffer key = store.readKey(databaseId(path)).key;
        QVERIFY(store.deleteKey(databaseId(path)).ok());
        const QByteArray before = testing::fileDigest(path);
        startup::LocalDatabaseOpener opener{store};
        startup::StartupError error;
        QVERIFY(!opener.open(path, true, &error));
        QCOMPARE(error.exitCode, startup::StartupError::KeyMissing);
        QVERIFY2(error.message.contains(QStringLiteral("no key")), qPrintable(error.message));
        QCOMPARE(testing::fileDigest(path), before);
        store.writeKey(databaseId(path), key.view());
    }

    void cleanupTestCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("workstation.db"));
        KeyStore(m_service).deleteKey(databaseId(path));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "TestKeychain.moc"
