// Bad keys and bad files: each gets its own error kind and message, and no file is changed.
#include "Database.h"
#include "TestFiles.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer::storage;
using foyer::testing::fileBytes;
using foyer::testing::fileDigest;
using foyer::testing::writeFile;

class TestWrongKey : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray(32, '\x42');

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    void expectRefused(const QString& file, const QByteArray& key, DatabaseError::Kind kind, const QString& wording)
    {
        const QByteArray before = fileDigest(file);
        DatabaseError error;
        auto db = Database::open(file, key, Database::Mode::OpenExisting, &error);
        QVERIFY(!db);
        QCOMPARE(int(error.kind), int(kind));
        QVERIFY2(error.message.contains(wording), qPrintable(error.message));
        QCOMPARE(fileDigest(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")) || QFileInfo(file + QStringLiteral("-wal")).size() == 0);
    }

private slots:
    void initTestCase()
    {
        DatabaseError error;
        auto db = Database::open(path("good.db"), m_key, Database::Mode::CreateNew, &error);
        QVERIFY2(db, qPrintable(error.message));
    }

    void wrongKeyIsReportedAsSuch()
    {
        QByteArray wrong = m_key;
        wrong[0] = '\x43';
        expectRefused(path("good.db"), wrong, DatabaseError::Kind::WrongKeyOrNotADatabase,
                      QStringLiteral("Wrong key or not a Foyer database"));
    }

    void rightKeyStillOpensAfterwards()
    {
        DatabaseError error;
        auto db = Database::open(path("good.db"), m_key, Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message));
    }

    void randomBytesAreNotADatabase()
    {
        QByteArray noise(16384, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32*>(noise.data()), int(noise.size() / 4));
        writeFile(path("noise.bin"), noise);
        expectRefused(path("noise.bin"), m_key, DatabaseError::Kind::WrongKeyOrNotADatabase,
                      QStringLiteral("Wrong key or not a Foyer database"));
    }

    void plainSqliteIsNotAFoyerDatabase()
    {
        QVERIFY(foyer::testing::createPlainSqliteFile(path("plain.db")));
        expectRefused(path("plain.db"), m_key, DatabaseError::Kind::NotAFoyerDatabase, QStringLiteral("unencrypted"));
    }

    void emptyAndTinyFilesAreNotDatabasesAndStayAsTheyAre()
    {
        writeFile(path("empty.db"), QByteArray());
        expectRefused(path("empty.db"), m_key, DatabaseError::Kind::NotAFoyerDatabase, QStringLiteral("empty"));
        QCOMPARE(QFileInfo(path("empty.db")).size(), 0);
        writeFile(path("text.txt"), "hello, this is not a database\n");
        expectRefused(path("text.txt"), m_key, DatabaseError::Kind::NotAFoyerDatabase, QStringLiteral("truncated"));
    }

    void createNeverOverwrites()
    {
        const QByteArray before = fileDigest(path("good.db"));
        DatabaseError error;
        auto db = Database::open(path("good.db"), QByteArray(32, '\x01'), Database::Mode::CreateNew, &error);
        QVERIFY(!db);
        QCOMPARE(error.kind, DatabaseError::Kind::AlreadyExists);
        QCOMPARE(fileDigest(path("good.db")), before);
    }

    void missingFileIsNotCreatedWhenOpening()
    {
        expectRefused(path("missing.db"), m_key, DatabaseError::Kind::FileNotFound, QStringLiteral("does not exist"));
        QVERIFY(!QFile::exists(path("missing.db")));
    }

    void damagedPageIsReportedAsCorrupt()
    {
        QVERIFY(QFile::copy(path("good.db"), path("damaged.db")));
        QByteArray bytes = fileBytes(path("damaged.db"));
        QVERIFY(bytes.size() > 8 * 4096);
        for (int i = 0; i < 64; ++i) // the middle of page 5: its HMAC no longer matches
            bytes[4 * 4096 + 700 + i] = char(bytes[4 * 4096 + 700 + i] ^ 0x5a);
        writeFile(path("damaged.db"), bytes);
        DatabaseError error;
        auto db = Database::open(path("damaged.db"), m_key, Database::Mode::OpenExisting, &error);
        QVERIFY2(db, qPrintable(error.message)); // page 1 and the key are fine
        const DatabaseError damage = db->verifyPages();
        QCOMPARE(damage.kind, DatabaseError::Kind::Corrupt);
        QVERIFY2(damage.message.contains(QStringLiteral("damaged")), qPrintable(damage.message));
        QCOMPARE(db->connection().isOpen(), true);
    }
};

QTEST_GUILESS_MAIN(TestWrongKey)
#include "TestWrongKey.moc"
