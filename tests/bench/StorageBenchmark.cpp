#include "StorageBenchmark.h"

#include "BenchFigures.h"
#include "Database.h"
#include "Migrator.h"
#include "PatronRepository.h"
#include "SqlCipherDriver.h"
#include "SyntheticPatronGenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>
#include <algorithm>

namespace foyer::bench {

namespace {

struct InsertResult
{
    double cipherRowsPerSecond = 0;
    double plainRowsPerSecond = 0;
    double cipherSeconds = 0;
    double plainSeconds = 0;
};

// Inserts the same batches into both databases, alternating batch by batch, so that whatever else the machine does
// falls on both alike. Only the database work is timed, not making up the patrons.
InsertResult insertInterleaved(storage::PatronRepository& cipher, storage::PatronRepository& plain,
                               const StorageBenchmark::Options& options)
{
    seed::SyntheticPatronGenerator generator(42);
    QElapsedTimer timer;
    qint64 cipherNanos = 0, plainNanos = 0;
    QList<core::Patron> batch;
    batch.reserve(options.batch);
    for (qint64 done = 0, round = 0; done < options.rows; ++round) {
        batch.clear();
        for (int i = 0; i < options.batch && done < options.rows; ++i, ++done) {
            core::Patron patron = generator.next();
            if (!options.uuidV7)
                patron.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            batch.append(patron);
        }
        QString error;
        const bool cipherFirst = round % 2 == 0;
        for (int turn = 0; turn < 2; ++turn) {
            const bool isCipher = (turn == 0) == cipherFirst;
            timer.start();
            if (!(isCipher ? cipher : plain).insertBatch(batch, &error)) {
                out() << "insert failed: " << error << Qt::endl;
                return {};
            }
            (isCipher ? cipherNanos : plainNanos) += timer.nsecsElapsed();
        }
    }
    InsertResult result;
    result.cipherSeconds = double(cipherNanos) / 1e9;
    result.plainSeconds = double(plainNanos) / 1e9;
    result.cipherRowsPerSecond = double(options.rows) / result.cipherSeconds;
    result.plainRowsPerSecond = double(options.rows) / result.plainSeconds;
    return result;
}

void tunePlain(QSqlDatabase& db, const StorageBenchmark::Options& options)
{
    // The same settings QSQLCIPHER applies at open, so the comparison isolates encryption and the driver.
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA page_size = %1").arg(options.cipherPageSize));
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
    q.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(options.cacheKib));
}

} // namespace

StorageBenchmark::Options StorageBenchmark::parse(const QStringList& arguments, QString* error)
{
    Options options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& name = arguments.at(i);
        const QString value = arguments.value(i + 1);
        bool ok = true;
        if (name == QLatin1String("--rows"))
            options.rows = value.toLongLong(&ok);
        else if (name == QLatin1String("--lookups"))
            options.lookups = value.toInt(&ok);
        else if (name == QLatin1String("--batch"))
            options.batch = value.toInt(&ok);
        else if (name == QLatin1String("--cache-kib"))
            options.cacheKib = value.toInt(&ok);
        else if (name == QLatin1String("--page-size"))
            options.cipherPageSize = value.toInt(&ok);
        else if (name == QLatin1String("--ids"))
            options.uuidV7 = value == QLatin1String("uuid7"),
            ok = value == QLatin1String("uuid7") || value == QLatin1String("uuid4");
        else if (name == QLatin1String("--dir"))
            options.directory = value;
        else {
            *error = QStringLiteral("unknown option %1").arg(name);
            return options;
        }
        if (!ok || value.isEmpty()) {
            *error = QStringLiteral("bad value for %1").arg(name);
            return options;
        }
        ++i;
    }
    return options;
}

int StorageBenchmark::run(const Options& options)
{
    QTemporaryDir temporary(options.directory.isEmpty() ? QDir::tempPath() + QStringLiteral("/foyer-bench-XXXXXX")
                                                        : options.directory + QStringLiteral("/foyer-bench-XXXXXX"));
    if (!temporary.isValid()) {
        out() << "cannot create a working folder" << Qt::endl;
        return 1;
    }
    out() << "foyer-bench storage: rows=" << options.rows << " lookups=" << options.lookups
          << " batch=" << options.batch << " cache_kib=" << options.cacheKib << " page_size=" << options.cipherPageSize
          << " ids=" << (options.uuidV7 ? "uuid7" : "uuid4") << Qt::endl;

    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    storage::DatabaseError error;
    auto cipher = storage::Database::open(temporary.filePath(QStringLiteral("cipher.db")), key,
                                          storage::Database::Mode::CreateNew, &error,
                                          QStringLiteral("QSQLCIPHER_CACHE_SIZE=-%1;QSQLCIPHER_PAGE_SIZE=%2")
                                              .arg(options.cacheKib)
                                              .arg(options.cipherPageSize));
    if (!cipher) {
        out() << "cannot open QSQLCIPHER: " << error.message << Qt::endl;
        return 1;
    }
    QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-plain"));
    plain.setDatabaseName(temporary.filePath(QStringLiteral("plain.db")));
    if (!plain.open()) {
        out() << "cannot open QSQLITE: " << plain.lastError().text() << Qt::endl;
        return 1;
    }
    tunePlain(plain, options);
    if (!storage::Migrator(plain).migrate(&error)) {
        out() << "cannot migrate QSQLITE: " << error.message << Qt::endl;
        return 1;
    }

    storage::PatronRepository cipherPatrons(cipher->connection());
    storage::PatronRepository plainPatrons(plain);
    const InsertResult inserted = insertInterleaved(cipherPatrons, plainPatrons, options);
    if (inserted.cipherRowsPerSecond <= 0 || inserted.plainRowsPerSecond <= 0)
        return 1;
    out() << QStringLiteral("QSQLITE    insert: %1 rows in %2 s = %3 rows/s")
                 .arg(options.rows)
                 .arg(inserted.plainSeconds, 0, 'f', 2)
                 .arg(inserted.plainRowsPerSecond, 0, 'f', 0)
          << Qt::endl;
    out() << QStringLiteral("QSQLCIPHER insert: %1 rows in %2 s = %3 rows/s")
                 .arg(options.rows)
                 .arg(inserted.cipherSeconds, 0, 'f', 2)
                 .arg(inserted.cipherRowsPerSecond, 0, 'f', 0)
          << Qt::endl;
    if (cipherPatrons.count(nullptr) != options.rows || plainPatrons.count(nullptr) != options.rows) {
        out() << "row counts differ from " << options.rows << Qt::endl;
        return 1;
    }

    // Prefixes of 1 to 4 letters of real last names, the same sequence for both; lookups interleaved so that
    // machine noise hits both alike.
    const QStringList lastNames = seed::SyntheticPatronGenerator(42).lastNames();
    QRandomGenerator random(7);
    QList<qint64> cipherNanos, plainNanos;
    qint64 cipherRows = 0, plainRows = 0;
    QElapsedTimer timer;
    for (int i = 0; i < options.lookups; ++i) {
        const QString name = lastNames.at(random.bounded(int(lastNames.size())));
        const QString prefix = name.left(1 + random.bounded(4));
        timer.start();
        cipherRows += cipherPatrons.findByLastNamePrefix(prefix, 50, nullptr).size();
        cipherNanos.append(timer.nsecsElapsed());
        timer.start();
        plainRows += plainPatrons.findByLastNamePrefix(prefix, 50, nullptr).size();
        plainNanos.append(timer.nsecsElapsed());
    }
    if (cipherRows != plainRows) {
        out() << "lookups returned different row counts: " << cipherRows << " vs " << plainRows << Qt::endl;
        return 1;
    }
    cipher->checkpoint();
    QSqlQuery(plain).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    out() << QStringLiteral("file sizes: QSQLCIPHER %1 MiB, QSQLITE %2 MiB")
                 .arg(double(QFileInfo(cipher->path()).size()) / 1048576.0, 0, 'f', 1)
                 .arg(double(QFileInfo(plain.databaseName()).size()) / 1048576.0, 0, 'f', 1)
          << Qt::endl;
    const double cipherP50 = percentileMs(cipherNanos, 0.50), cipherP95 = percentileMs(cipherNanos, 0.95);
    const double plainP50 = percentileMs(plainNanos, 0.50), plainP95 = percentileMs(plainNanos, 0.95);
    out() << QStringLiteral("QSQLITE    lookup: p50 %1 ms, p95 %2 ms (%3 rows per lookup)")
                 .arg(plainP50, 0, 'f', 3)
                 .arg(plainP95, 0, 'f', 3)
                 .arg(double(plainRows) / options.lookups, 0, 'f', 1)
          << Qt::endl;
    out()
        << QStringLiteral("QSQLCIPHER lookup: p50 %1 ms, p95 %2 ms").arg(cipherP50, 0, 'f', 3).arg(cipherP95, 0, 'f', 3)
        << Qt::endl;
    out() << QStringLiteral("ratio_insert=%1 ratio_lookup_p95=%2 cipher_rows_s=%3 plain_rows_s=%4 cipher_p50_ms=%5 "
                            "cipher_p95_ms=%6 plain_p50_ms=%7 plain_p95_ms=%8")
                 .arg(inserted.plainRowsPerSecond / inserted.cipherRowsPerSecond, 0, 'f', 2)
                 .arg(cipherP95 / plainP95, 0, 'f', 2)
                 .arg(inserted.cipherRowsPerSecond, 0, 'f', 0)
                 .arg(inserted.plainRowsPerSecond, 0, 'f', 0)
                 .arg(cipherP50, 0, 'f', 3)
                 .arg(cipherP95, 0, 'f', 3)
                 .arg(plainP50, 0, 'f', 3)
                 .arg(plainP95, 0, 'f', 3)
          << Qt::endl;
    return 0;
}

} // namespace foyer::bench
