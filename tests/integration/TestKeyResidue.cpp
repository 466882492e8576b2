// No copy of a key may outlive its use: after the database (and the keychain job, and the ticket signer) are gone,
// the process's own memory is read through /proc/self/mem, every readable anonymous and heap mapping, and must not
// hold the key's bytes, nor its hex or base64 text.
//
// The test itself keeps the expected key only masked (key XOR a random mask, both in core::SecureBuffer) and
// compares on the fly, so the one plain copy it ever had is the locked buffer it passed in, wiped before the scan.
#include "Database.h"
#include "DatabaseFile.h"
#include "KeyStore.h"
#include "LocalDatabaseOpener.h"
#include "SecureBuffer.h"
#include "TicketSigner.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace foyer;
using core::SecureBuffer;
using security::KeyStore;
using storage::Database;
using storage::DatabaseError;

namespace {

SecureBuffer randomBytes(qsizetype size)
{
    SecureBuffer bytes(size);
    for (qsizetype i = 0; i < size; ++i)
        bytes.data()[i] = char(QRandomGenerator::system()->bounded(256));
    return bytes;
}

// A key as read back from the keychain (a SecureBuffer now, a QByteArray before the secure-buffer change).
QByteArrayView viewOf(const SecureBuffer& key)
{
    return key.view();
}
[[maybe_unused]] QByteArrayView viewOf(const QByteArray& key)
{
    return key;
}

// One form a secret could take in memory, held only as (form XOR mask).
struct Needle
{
    const char* form;
    SecureBuffer masked;
    SecureBuffer mask;
};

// Writes one form of the secret, byte by byte, straight into a masked needle.
template <typename ByteAt> Needle maskedNeedle(const char* form, qsizetype size, ByteAt byteAt)
{
    Needle needle{form, SecureBuffer(size), randomBytes(size)};
    for (qsizetype i = 0; i < size; ++i)
        needle.masked.data()[i] = char(byteAt(i) ^ needle.mask.constData()[i]);
    return needle;
}

// The raw bytes, lower- and upper-case hex, and base64 of secret, each masked.
std::vector<Needle> needlesFor(QByteArrayView secret)
{
    static const char lower[] = "0123456789abcdef";
    static const char upper[] = "0123456789ABCDEF";
    static const char base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto byte = [&secret](qsizetype i) { return static_cast<unsigned char>(secret.at(i)); };
    std::vector<Needle> needles;
    needles.push_back(maskedNeedle("raw bytes", secret.size(), [&](qsizetype i) { return char(byte(i)); }));
    needles.push_back(maskedNeedle("lower-case hex", 2 * secret.size(), [&](qsizetype i) {
        return lower[i % 2 == 0 ? byte(i / 2) >> 4 : byte(i / 2) & 0xf];
    }));
    needles.push_back(maskedNeedle("upper-case hex", 2 * secret.size(), [&](qsizetype i) {
        return upper[i % 2 == 0 ? byte(i / 2) >> 4 : byte(i / 2) & 0xf];
    }));
    // Only whole base64 groups: the trailing padding depends on what follows, the first groups never do.
    const qsizetype groups = secret.size() / 3;
    needles.push_back(maskedNeedle("base64", 4 * groups, [&](qsizetype i) {
        const qsizetype g = i / 4;
        const unsigned triple = (byte(3 * g) << 16) | (byte(3 * g + 1) << 8) | byte(3 * g + 2);
        return base64[(triple >> (18 - 6 * (i % 4))) & 0x3f];
    }));
    return needles;
}

bool matchesAt(const char* at, const Needle& needle)
{
    for (qsizetype i = 0; i < needle.masked.size(); ++i)
        if (char(at[i] ^ needle.mask.constData()[i]) != needle.masked.constData()[i])
            return false;
    return true;
}

struct ScanResult
{
    qint64 bytesScanned = 0;
    QStringList found; // "raw bytes at 0x... in [heap]"
};

// Every readable mapping that is anonymous or the heap/stack: where freed or forgotten copies would lie.
ScanResult scanOwnMemory(const std::vector<Needle>& needles)
{
    ScanResult result;
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return result;
    const QList<QByteArray> lines = maps.readAll().split('\n');
    const int mem = ::open("/proc/self/mem", O_RDONLY);
    if (mem < 0)
        return result;
    qsizetype longest = 0;
    for (const Needle& needle : needles)
        longest = std::max(longest, needle.masked.size());
    constexpr qsizetype Chunk = 1 << 20;
    std::vector<char> buffer(size_t(Chunk + longest));
    const quintptr bufferStart = quintptr(buffer.data());
    for (const QByteArray& line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 5 || !fields.at(1).startsWith('r'))
            continue;
        const QByteArray name = fields.size() > 5 ? fields.at(5) : QByteArray();
        if (!(name.isEmpty() || name == "[heap]" || name == "[stack]" || name.startsWith("[anon")))
            continue;
        const QList<QByteArray> range = fields.at(0).split('-');
        const quintptr start = range.at(0).toULongLong(nullptr, 16);
        const quintptr end = range.at(1).toULongLong(nullptr, 16);
        for (quintptr at = start; at < end; at += Chunk) {
            // The scan buffer holds copies of memory already scanned; skip it so it is not counted twice.
            if (at + Chunk + longest > bufferStart && at < bufferStart + buffer.size())
                continue;
            const size_t want = size_t(std::min<quintptr>(end - at, Chunk + longest));
            const ssize_t got = ::pread(mem, buffer.data(), want, off_t(at));
            if (got <= 0)
                continue;
            result.bytesScanned += std::min<qint64>(got, Chunk);
            for (const Needle& needle : needles) {
                const char first = char(needle.masked.constData()[0] ^ needle.mask.constData()[0]);
                const char* p = buffer.data();
                const char* last = buffer.data() + got - needle.masked.size();
                while (p <= last && (p = static_cast<const char*>(memchr(p, first, size_t(last - p + 1))))) {
                    if (matchesAt(p, needle))
                        result.found.append(QStringLiteral("%1 at 0x%2 in %3")
                                                .arg(QLatin1String(needle.form))
                                                .arg(at + quintptr(p - buffer.data()), 0, 16)
                                                .arg(name.isEmpty() ? QStringLiteral("an anonymous mapping")
                                                                    : QString::fromLatin1(name)));
                    ++p;
                }
            }
        }
    }
    ::close(mem);
    std::fill(buffer.begin(), buffer.end(), '\0');
    return result;
}

// Some reads and writes, the way the app uses a database, and a worker connection on its own thread.
void useDatabase(Database& database)
{
    QSqlQuery write(database.connection());
    QVERIFY(
        write.exec(QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES ('residue', 'x')")));
    QSqlQuery read(database.connection());
    QVERIFY(read.exec(QStringLiteral("SELECT count(*) FROM workstation_setting")) && read.next());
    bool workerRead = false;
    QThread* worker = QThread::create([&database, &workerRead] {
        const QString name = QStringLiteral("residue-worker");
        {
            DatabaseError error;
            QSqlDatabase db = database.openWorkerConnection(name, &error);
            QSqlQuery q(db);
            workerRead = db.isOpen() &&
                         q.exec(QStringLiteral("SELECT value FROM workstation_setting WHERE name = 'residue'")) &&
                         q.next() && q.value(0).toString() == QStringLiteral("x");
        }
        Database::closeWorkerConnection(name);
    });
    worker->start();
    QVERIFY(worker->wait(30000));
    delete worker;
    QVERIFY(workerRead);
}

} // namespace

class TestKeyResidue : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_service = QStringLiteral("Foyer test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    static void expectNoResidue(const std::vector<Needle>& needles)
    {
        const ScanResult scan = scanOwnMemory(needles);
        QVERIFY2(scan.bytesScanned > 1 << 20, "could not read this process's memory through /proc/self/mem");
        QVERIFY2(scan.found.isEmpty(), qPrintable(QStringLiteral("a copy of the secret outlived its use: ") +
                                                  scan.found.join(QStringLiteral("; "))));
    }

private slots:
    // The scan must see a key that is still in ordinary memory, or a pass would prove nothing.
    void theScanFindsAKeyThatIsStillThere()
    {
        SecureBuffer key = randomBytes(32);
        const std::vector<Needle> needles = needlesFor(key.view());
        QByteArray plain(key.constData(), key.size()); // an ordinary heap copy, on purpose
        QByteArray hex = plain.toHex();
        const ScanResult scan = scanOwnMemory(needles);
        QVERIFY(scan.found.join(u' ').contains(QStringLiteral("raw bytes")));
        QVERIFY(scan.found.join(u' ').contains(QStringLiteral("lower-case hex")));
        SecureBuffer::wipe(plain);
        SecureBuffer::wipe(hex);
        key.clear();
        expectNoResidue(needles);
    }

    void databaseKeepsNoCopyAfterClose()
    {
        std::vector<Needle> needles;
        std::vector<Needle> rotatedNeedles;
        {
            SecureBuffer key = randomBytes(32);
            SecureBuffer rotated = randomBytes(32);
            needles = needlesFor(key.view());
            rotatedNeedles = needlesFor(rotated.view());
            const QString path = m_dir.filePath(QStringLiteral("residue.db"));
            {
                DatabaseError error;
                auto database = Database::open(path, QByteArray::fromRawData(key.constData(), key.size()),
                                               Database::Mode::CreateNew, &error);
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
            }
            {
                DatabaseError error;
                auto database = Database::open(path, QByteArray::fromRawData(key.constData(), key.size()),
                                               Database::Mode::OpenExisting, &error);
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
                QVERIFY(database->rekey(QByteArray::fromRawData(rotated.constData(), rotated.size()), &error));
                useDatabase(*database);
            }
        } // both keys wiped here
        for (Needle& needle : rotatedNeedles)
            needles.push_back(std::move(needle));
        expectNoResidue(needles);
    }

    // The whole start-up path against a real Secret Service: first run, a key rotation, an interrupted rotation
    // recovered from the pending entry, a normal open.
    void openerAndKeychainKeepNoCopyAfterClose()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run inside a D-Bus session with gnome-keyring (scripts/lib/common.sh with_private_keyring)");
        const QString path = m_dir.filePath(QStringLiteral("opener.db"));
        QString id;
        std::vector<Needle> needles;
        {
            KeyStore store(m_service);
            startup::LocalDatabaseOpener opener{store};
            startup::StartupError error;
            {
                auto database = opener.open(path, true, &error);
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
                QVERIFY2(opener.rekey(*database, &error), qPrintable(error.message));
                useDatabase(*database);
            }
            storage::DatabaseFile::inspect(path, &id);
            {
                // A rotation that stopped after the rekey, before the main entry was written.
                const auto current = store.readKey(id);
                QVERIFY(current.ok());
                for (Needle& needle : needlesFor(viewOf(current.key)))
                    needles.push_back(std::move(needle));
                SecureBuffer rotated = randomBytes(32);
                for (Needle& needle : needlesFor(rotated.view()))
                    needles.push_back(std::move(needle));
                const QByteArray rotatedView = QByteArray::fromRawData(rotated.constData(), rotated.size());
                QVERIFY(store.writeKey(KeyStore::pendingEntryName(id), rotatedView).ok());
                DatabaseError dbError;
                auto database = Database::open(path, QByteArray::fromRawData(viewOf(current.key).data(), 32),
                                               Database::Mode::OpenExisting, &dbError);
                QVERIFY(database);
                QVERIFY(database->rekey(rotatedView, &dbError));
            }
            {
                auto database = opener.open(path, false, &error); // recovers the rotated key from the pending entry
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
            }
            {
                auto database = opener.open(path, false, &error);
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
            }
            store.deleteKey(id);
        }
        // QtKeychain's libsecret backend base64-encodes binary secrets in QByteArrays of its own that it never
        // wipes (libsecret.cpp: toBase64 on write, the looked-up text on read); Foyer cannot reach those, so the
        // base64 form is not asserted here. The raw bytes and hex, which Foyer's own code handles, are.
        std::vector<Needle> ours;
        for (Needle& needle : needles)
            if (qstrcmp(needle.form, "base64") != 0)
                ours.push_back(std::move(needle));
        expectNoResidue(ours);
    }

    void ticketSignerKeepsNoCopyOfItsSecret()
    {
        std::vector<Needle> needles;
        {
            QString hex = security::TicketSigner::generateSecretKeyHex();
            QCOMPARE(hex.size(), 128);
            SecureBuffer secret(64);
            for (qsizetype i = 0; i < 64; ++i)
                secret.data()[i] = char(hex.mid(2 * i, 2).toInt(nullptr, 16));
            needles = needlesFor(secret.view());
            {
                const security::TicketSigner signer(hex);
                SecureBuffer::wipe(hex); // the settings text is the caller's to wipe
                QVERIFY(signer.isValid());
                QVERIFY(security::TicketSigner::verify(signer.sign(QStringLiteral("T-1")), signer.publicKey()));
            }
        }
        expectNoResidue(needles);
    }
};

QTEST_GUILESS_MAIN(TestKeyResidue)
#include "TestKeyResidue.moc"
