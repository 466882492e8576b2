// SQLCipher is linked statically with its symbols hidden, so Qt's QSQLITE keeps using the system SQLite.
// If this breaks, QSQLITE silently runs on SQLCipher and every comparison with it compares SQLCipher with itself.
#include "SqlCipherDriver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using foyer::storage::SqlCipherDriver;

class TestDriverSeparation : public QObject
{
    Q_OBJECT
private slots:
    void versionsDifferAndOnlyOursIsSqlCipher()
    {
        QTemporaryDir dir;
        QString plainVersion, plainCipher, cipherVersion, cipherCipher;
        {
            QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
            plain.setDatabaseName(dir.filePath(QStringLiteral("plain.db")));
            QVERIFY(plain.open());
            QSqlQuery q(plain);
            QVERIFY(q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next());
            plainVersion = q.value(0).toString();
            QVERIFY(q.exec(QStringLiteral("PRAGMA cipher_version")));
            if (q.next())
                plainCipher = q.value(0).toString();
        }
        {
            auto* driver = new SqlCipherDriver();
            driver->setKey(QByteArray(32, '\x11'));
            QSqlDatabase cipher = QSqlDatabase::addDatabase(driver, QStringLiteral("cipher"));
            cipher.setDatabaseName(dir.filePath(QStringLiteral("cipher.db")));
            cipher.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE=1"));
            QVERIFY(cipher.open());
            QSqlQuery q(cipher);
            QVERIFY(q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next());
            cipherVersion = q.value(0).toString();
            QVERIFY(q.exec(QStringLiteral("PRAGMA cipher_version")) && q.next());
            cipherCipher = q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plain"));
        QSqlDatabase::removeDatabase(QStringLiteral("cipher"));

        qInfo("QSQLITE: SQLite %s; QSQLCIPHER: SQLite %s, SQLCipher %s", qPrintable(plainVersion),
              qPrintable(cipherVersion), qPrintable(cipherCipher));
        QVERIFY2(plainVersion != cipherVersion, "QSQLITE runs on the same SQLite as SQLCipher");
        QCOMPARE(cipherVersion, SqlCipherDriver::sqliteVersion());
        QVERIFY2(plainCipher.isEmpty(), "PRAGMA cipher_version answers through QSQLITE");
        QVERIFY(!cipherCipher.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDriverSeparation)
#include "TestDriverSeparation.moc"
