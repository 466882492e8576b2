// The database file and its WAL never hold patron data in the clear.
#include "Database.h"
#include "Migrator.h"
#include "PatronRepository.h"
#include "TestFiles.h"
#include "UuidV7.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;
using foyer::testing::fileBytes;

namespace {

const QStringList Needles = {QStringLiteral("Quillon"), QStringLiteral("Zephyrine"),
                             QStringLiteral("quillon.zephyrine@example.org"), QStringLiteral("Marisabel"),
                             QStringLiteral("Okonkwo-Thistlewood")};

QList<core::Patron> knownPatrons()
{
    QList<core::Patron> patrons;
    for (int i = 0; i < 200; ++i) {
        core::Patron p;
        p.id = core::UuidV7::generateText();
        p.patronNumber = i + 1;
        p.firstName = i % 2 ? QStringLiteral("Quillon") : QStringLiteral("Marisabel");
        p.lastName = i % 2 ? QStringLiteral("Zephyrine") : QStringLiteral("Okonkwo-Thistlewood");
        p.originalEmail = QStringLiteral("quillon.zephyrine@example.org");
        p.createdAt = QDateTime::currentDateTimeUtc();
        patrons.append(p);
    }
    return patrons;
}

// Which needles appear in the bytes, as UTF-8 or UTF-16.
QStringList foundIn(const QByteArray& bytes)
{
    QStringList found;
    for (const QString& needle : Needles) {
        const QByteArray utf16(reinterpret_cast<const char*>(needle.utf16()), needle.size() * 2);
        if (bytes.contains(needle.toUtf8()) || bytes.contains(utf16))
            found.append(needle);
    }
    return found;
}

} // namespace

class TestEncryptionAtRest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // Control: the same data in a plain SQLite file is found, so the search below would notice a leak.
    void plainFileShowsTheNeedles()
    {
        const QString file = m_dir.filePath(QStringLiteral("plain.db"));
        {
            QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
            plain.setDatabaseName(file);
            QVERIFY(plain.open());
            DatabaseError error;
            QVERIFY(Migrator(plain).migrate(&error));
            QVERIFY(PatronRepository(plain).insertBatch(knownPatrons(), nullptr));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plain"));
        QCOMPARE(foundIn(fileBytes(file)), Needles);
    }

    void encryptedFileAndWalHoldNoPatronData()
    {
        const QString file = m_dir.filePath(QStringLiteral("cipher.db"));
        DatabaseError error;
        auto db = Database::open(file, QByteArray(32, '\x33'), Database::Mode::CreateNew, &error);
        QVERIFY2(db, qPrintable(error.message));
        PatronRepository patrons(db->connection());
        QVERIFY(patrons.insertBatch(knownPatrons(), nullptr));
        QCOMPARE(patrons.count(nullptr), 200);

        // While open, the new rows sit in the WAL.
        const QString wal = file + QStringLiteral("-wal");
        QVERIFY(QFileInfo(wal).size() > 0);
        QCOMPARE(foundIn(fileBytes(wal)), QStringList());
        QCOMPARE(foundIn(fileBytes(file)), QStringList());
        QCOMPARE(QFileInfo(file).permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFileDevice::Permissions());
        QCOMPARE(QFileInfo(wal).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());

        db.reset(); // closing checkpoints the WAL into the file
        const QByteArray bytes = fileBytes(file);
        QVERIFY(bytes.size() > 100 * 1024);
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QCOMPARE(foundIn(bytes), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestEncryptionAtRest)
#include "TestEncryptionAtRest.moc"
