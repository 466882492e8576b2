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
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
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
    const char* secret = "the key";
    SecureBuffer masked;
    SecureBuffer mask;
};

// Writes one form of the secret, byte by byte, straight into a masked needle.
template <typename ByteAt> Needle maskedNeedle(const char* form, qsizetype size, ByteAt byteAt)
{
    Needle needle{form, "the key", SecureBuffer(size), randomBytes(size)};
    for (qsizetype i = 0; i < size; ++i)
        needle.masked.data()[i] = char(byteAt(i) ^ needle.mask.constData()[i]);
    return needle;
}

// The raw bytes, lower- and upper-case hex, and base64 of secret, each masked.
std::vector<Needle> needlesFor(QByteArrayView secret, const char* name = "the key")
{
    static const char lower[] = "0123456789abcdef";
    static const char upper[] = "0123456789ABCDEF";
    static const char base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto byte = [&secret](qsizetype i) { return static_cast<unsigned char>(secret.at(i)); };
    std::vector<Needle> needles;
    needles.reserve(4);
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
    for (Needle& needle : needles)
        needle.secret = name;
    return needles;
}

bool matchesAt(const char* at, const Needle& needle)
{
    for (qsizetype i = 0; i < needle.masked.size(); ++i)
        if (char(at[i] ^ needle.mask.constData()[i]) != needle.masked.constData()[i])
            return false;
    return true;
}

// Reads this process's memory without touching the heap while it does: a freed chunk holding a forgotten key is
// exactly what must be found, and the scan's own mallocs would reuse (overwrite) such chunks. So its buffers are
// mapped once up front (and skipped by the scan), /proc/self/maps is parsed in place, and hits go to a fixed array.
class MemoryScanner
{
public:
    static constexpr size_t MapsCapacity = 4 << 20;
    static constexpr size_t Chunk = 1 << 20;
    static constexpr size_t Slack = 256; // longer than any needle, so one straddling two chunks is still seen
    static constexpr int MaxHits = 32;
    // Residency is asked a span at a time: a sanitizer build reserves terabytes of shadow memory (readable, never
    // touched), and reading it all page by page would take hours. A page that was never touched holds no data, so only
    // resident pages are read.
    static constexpr size_t Span = size_t(1) << 30;

    struct Hit
    {
        int needle;
        quintptr address;
        bool inHeap;
    };

    MemoryScanner()
    {
        m_maps =
            static_cast<char*>(mmap(nullptr, MapsCapacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        m_chunk = static_cast<char*>(
            mmap(nullptr, Chunk + Slack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        m_residency = static_cast<unsigned char*>(
            mmap(nullptr, residencySize(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    }
    ~MemoryScanner()
    {
        munmap(m_maps, MapsCapacity);
        munmap(m_chunk, Chunk + Slack);
        munmap(m_residency, residencySize());
    }
    MemoryScanner(const MemoryScanner&) = delete;
    MemoryScanner& operator=(const MemoryScanner&) = delete;

    // Every readable anonymous mapping, the heap and the stack: where freed or forgotten copies would lie.
    void scan(const std::vector<Needle>& needles)
    {
        hitCount = 0;
        bytesScanned = 0;
        const int mapsFile = ::open("/proc/self/maps", O_RDONLY);
        const int mem = ::open("/proc/self/mem", O_RDONLY);
        size_t mapsSize = 0;
        for (ssize_t got = 1; mapsFile >= 0 && got > 0 && mapsSize < MapsCapacity - 1; mapsSize += size_t(got))
            got = ::read(mapsFile, m_maps + mapsSize, MapsCapacity - 1 - mapsSize);
        m_maps[mapsSize] = '\0';
        for (char* line = m_maps; mem >= 0 && *line;) {
            char* next = strchr(line, '\n');
            if (next)
                *next = '\0';
            scanMapping(line, mem, needles);
            line = next ? next + 1 : line + strlen(line);
        }
        if (mapsFile >= 0)
            ::close(mapsFile);
        if (mem >= 0)
            ::close(mem);
        memset(m_chunk, 0, Chunk + Slack);
    }

    int hitCount = 0;
    Hit hits[MaxHits] = {};
    qint64 bytesScanned = 0;

private:
    bool ownBuffer(quintptr from, quintptr to) const
    {
        const auto overlaps = [&](const char* base, size_t size) {
            return from < quintptr(base) + size && quintptr(base) < to;
        };
        return overlaps(m_maps, MapsCapacity) || overlaps(m_chunk, Chunk + Slack) ||
               overlaps(reinterpret_cast<const char*>(m_residency), residencySize());
    }

    // One line of /proc/self/maps: "start-end perms offset dev inode [name]".
    void scanMapping(char* line, int mem, const std::vector<Needle>& needles)
    {
        char* cursor = nullptr;
        const quintptr start = strtoull(line, &cursor, 16);
        const quintptr end = strtoull(cursor + 1, &cursor, 16);
        const bool readable = cursor[1] == 'r';
        for (int field = 0; field < 4 && *cursor; ++field) { // past perms, offset, dev, inode
            while (*cursor == ' ')
                ++cursor;
            while (*cursor && *cursor != ' ')
                ++cursor;
        }
        while (*cursor == ' ')
            ++cursor;
        const char* name = cursor;
        const bool heap = strcmp(name, "[heap]") == 0;
        if (!readable || !(*name == '\0' || heap || strcmp(name, "[stack]") == 0 || strncmp(name, "[anon", 5) == 0))
            return;
        if (ownBuffer(start, end))
            return;
        const size_t page = pageSize();
        for (quintptr spanStart = start; spanStart < end; spanStart += Span) {
            const quintptr spanEnd = std::min<quintptr>(end, spanStart + Span);
            const size_t pages = size_t((spanEnd - spanStart + page - 1) / page);
            // If residency cannot be asked, read every page of the span.
            if (mincore(reinterpret_cast<void*>(spanStart), size_t(spanEnd - spanStart), m_residency) != 0)
                memset(m_residency, 1, pages);
            for (quintptr at = spanStart; at < spanEnd; at += Chunk) {
                const size_t firstPage = size_t((at - spanStart) / page);
                const size_t lastPage =
                    std::min(pages, size_t((std::min<quintptr>(spanEnd, at + Chunk) - spanStart + page - 1) / page));
                bool resident = false;
                for (size_t p = firstPage; p < lastPage && !resident; ++p)
                    resident = (m_residency[p] & 1) != 0;
                if (!resident)
                    continue;
                const size_t want = size_t(std::min<quintptr>(end - at, Chunk + Slack));
                const ssize_t got = ::pread(mem, m_chunk, want, off_t(at));
                if (got <= 0)
                    continue;
                bytesScanned += std::min<qint64>(got, qint64(Chunk));
                for (size_t n = 0; n < needles.size(); ++n)
                    findNeedle(int(n), needles[n], at, size_t(got), heap);
            }
        }
    }

    static size_t pageSize() { return size_t(sysconf(_SC_PAGESIZE)); }
    static size_t residencySize() { return Span / pageSize(); }

    void findNeedle(int index, const Needle& needle, quintptr at, size_t got, bool heap)
    {
        const size_t size = size_t(needle.masked.size());
        if (got < size)
            return;
        const char first = char(needle.masked.constData()[0] ^ needle.mask.constData()[0]);
        const char* last = m_chunk + got - size;
        for (const char* p = m_chunk; p <= last; ++p) {
            p = static_cast<const char*>(memchr(p, first, size_t(last - p + 1)));
            if (!p)
                break;
            if (matchesAt(p, needle) && size_t(p - m_chunk) < Chunk && hitCount < MaxHits)
                hits[hitCount++] = {index, at + quintptr(p - m_chunk), heap};
        }
    }

    char* m_maps = nullptr;
    char* m_chunk = nullptr;
    unsigned char* m_residency = nullptr;
};

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

    std::unique_ptr<MemoryScanner> m_scanner;

    // Names what the scan found, once it is over (building the text allocates, so it must not run during the scan).
    QString hitsOf(const std::vector<Needle>& needles) const
    {
        QStringList found;
        for (int i = 0; i < m_scanner->hitCount; ++i)
            found.append(QStringLiteral("%1 of %4 at 0x%2 (%3)")
                             .arg(QLatin1String(needles[size_t(m_scanner->hits[i].needle)].form))
                             .arg(m_scanner->hits[i].address, 0, 16)
                             .arg(m_scanner->hits[i].inHeap ? QStringLiteral("heap") : QStringLiteral("anonymous"))
                             .arg(QLatin1String(needles[size_t(m_scanner->hits[i].needle)].secret)));
        return found.join(QStringLiteral("; "));
    }

    void expectNoResidue(const std::vector<Needle>& needles)
    {
        m_scanner->scan(needles);
        QVERIFY2(m_scanner->bytesScanned > 1 << 20, "could not read this process's memory through /proc/self/mem");
        QVERIFY2(m_scanner->hitCount == 0,
                 qPrintable(QStringLiteral("a copy of the secret outlived its use: ") + hitsOf(needles)));
    }

private slots:
    void initTestCase()
    {
        m_scanner = std::make_unique<MemoryScanner>();
        QVERIFY(m_scanner->hits != nullptr);
    }

    // The scan must see a key that is still in ordinary memory, or a pass would prove nothing.
    void theScanFindsAKeyThatIsStillThere()
    {
        SecureBuffer key = randomBytes(32);
        const std::vector<Needle> needles = needlesFor(key.view());
        QByteArray plain(key.constData(), key.size()); // an ordinary heap copy, on purpose
        QByteArray hex = plain.toHex();
        m_scanner->scan(needles);
        const QString found = hitsOf(needles);
        QVERIFY2(found.contains(QStringLiteral("raw bytes")), qPrintable(found));
        QVERIFY2(found.contains(QStringLiteral("lower-case hex")), qPrintable(found));
        SecureBuffer::wipe(plain);
        SecureBuffer::wipe(hex);
        key.clear();
        expectNoResidue(needles);
    }

    void databaseKeepsNoCopyAfterClose()
    {
        std::vector<Needle> needles;
        needles.reserve(8); // no allocation after the keys were used: it could overwrite a freed copy
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
        needles.reserve(8); // no allocation after the keys were used: it could overwrite a freed copy
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
                for (Needle& needle : needlesFor(viewOf(current.key), "the current key"))
                    needles.push_back(std::move(needle));
                SecureBuffer rotated = randomBytes(32);
                for (Needle& needle : needlesFor(rotated.view(), "the rotated key"))
                    needles.push_back(std::move(needle));
                const QByteArray rotatedView = QByteArray::fromRawData(rotated.constData(), rotated.size());
                QVERIFY(store.writeKey(KeyStore::pendingEntryName(id), rotatedView).ok());
                DatabaseError dbError;
                auto database = Database::open(path, QByteArray::fromRawData(viewOf(current.key).data(), 32),
                                               Database::Mode::OpenExisting, &dbError);
                QVERIFY(database);
                QVERIFY(database->rekey(rotatedView, &dbError));
            }
            // Erased in place: building a new list now could overwrite a freed copy the scan should find.
            // QtKeychain's libsecret backend base64-encodes binary secrets in QByteArrays of its own that it never
            // wipes (libsecret.cpp: toBase64 on write, the looked-up text on read). None was found in our runs, but
            // whether one survives depends on heap reuse Foyer cannot control, so the base64 form is not asserted on
            // this path; the raw bytes and hex, which Foyer's own code handles, are.
            needles.erase(std::remove_if(needles.begin(), needles.end(),
                                         [](const Needle& needle) { return qstrcmp(needle.form, "base64") == 0; }),
                          needles.end());
            {
                auto database = opener.open(path, false, &error); // recovers the rotated key from the pending entry
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
            }
            // Scanned at once as well as at the end: later allocations could reuse (and hide) a freed copy.
            expectNoResidue(needles);
            if (QTest::currentTestFailed())
                return;
            {
                auto database = opener.open(path, false, &error);
                QVERIFY2(database, qPrintable(error.message));
                useDatabase(*database);
            }
            store.deleteKey(id);
        }
        expectNoResidue(needles);
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
