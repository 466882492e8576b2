#include "SyncBenchmark.h"

#include "BenchFigures.h"
#include "Database.h"
#include "KeyStore.h"
#include "PatronFixtures.h"
#include "PatronRepository.h"
#include "PatronSearchRepository.h"
#include "PostgresCluster.h"
#include "SearchText.h"
#include "ServerProcess.h"
#include "SessionTokenVault.h"
#include "SyncContext.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "SyncOutbox.h"
#include "UuidV7.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>
#include <atomic>
#include <latch>
#include <memory>
#include <numeric>
#include <sys/resource.h>
#include <unistd.h>

namespace foyer::bench {

namespace {

const QString serviceName = QStringLiteral("FoyerSyncBench");
const QByteArray adminPassword = QByteArrayLiteral("bench admin password 1");
const QString checkConnection = QStringLiteral("foyer-sync-bench-check");

qint64 statusKib(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString rowName(const QString& table, const QJsonObject& key)
{
    return table + u'|' + compact(key);
}

QString clockText(qint64 millis, int counter, const QString& node)
{
    return QStringLiteral("%1-%2-%3")
        .arg(millis, 15, 10, QLatin1Char('0'))
        .arg(counter, 6, 10, QLatin1Char('0'))
        .arg(node);
}

// CPU seconds (user + system) of a process, its reaped children included; -1 when it is gone.
double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong() + fields.value(13).toLongLong() +
                  fields.value(14).toLongLong()) /
           ticks;
}

qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
}

// Where the CPU goes on this machine while a part runs: the foyer-server process, the cluster's postmaster and its
// backends, and this benchmark process (the simulated workstations).
struct CpuSplit
{
    double server = 0;
    double postgres = 0;
    double bench = 0;
};

class CpuMeter
{
public:
    explicit CpuMeter(int pgPort)
    {
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        const QByteArray portArg = "\0-p\0" + QByteArray::number(pgPort) + '\0';
        for (const QString& entry : entries) {
            bool isPid = false;
            const qint64 pid = entry.toLongLong(&isPid);
            if (!isPid)
                continue;
            QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (!cmd.open(QIODevice::ReadOnly))
                continue;
            const QByteArray line = cmd.readAll();
            if (line.contains("foyer-server") && parentOf(pid) == getpid())
                m_servers.append(pid);
            else if (line.contains(QByteArray::fromRawData(portArg.constData(), portArg.size())) &&
                     line.startsWith(QByteArrayLiteral("/")) && line.contains("postgres"))
                m_postmaster = pid;
        }
    }

    CpuSplit now() const
    {
        CpuSplit split;
        for (const qint64 pid : m_servers)
            split.server += std::max(0.0, cpuSeconds(pid));
        if (m_postmaster > 0) {
            split.postgres = cpuSeconds(m_postmaster);
            for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
                bool isPid = false;
                const qint64 pid = entry.toLongLong(&isPid);
                if (isPid && parentOf(pid) == m_postmaster)
                    split.postgres += std::max(0.0, cpuSeconds(pid));
            }
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        split.bench = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                      double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
        return split;
    }

    static QString describe(const CpuSplit& before, const CpuSplit& after, double wallSeconds)
    {
        const double server = after.server - before.server;
        const double postgres = after.postgres - before.postgres;
        const double bench = after.bench - before.bench;
        return QStringLiteral("CPU over %1 s wall (2 cores = %2 core-s): foyer-server %3 s, PostgreSQL %4 s, "
                              "workstations (this process) %5 s")
            .arg(wallSeconds, 0, 'f', 1)
            .arg(2 * wallSeconds, 0, 'f', 1)
            .arg(server, 0, 'f', 1)
            .arg(postgres, 0, 'f', 1)
            .arg(bench, 0, 'f', 1);
    }

private:
    QList<qint64> m_servers;
    qint64 m_postmaster = -1;
};

// The milliseconds the server logged for each request "METHOD PATH STATUS N ms" since offset of its log.
QList<qint64> serverMillis(const QByteArray& log, qsizetype offset, const QString& methodAndPath)
{
    QList<qint64> out;
    const QRegularExpression line(QRegularExpression::escape(methodAndPath) + QStringLiteral(" \\d+ (\\d+) ms"));
    auto it = line.globalMatch(QString::fromUtf8(log.mid(offset)));
    while (it.hasNext())
        out.append(it.next().captured(1).toLongLong());
    return out;
}

// A registered workstation: its encrypted database (open only while it is needed), endpoint and session token.
struct Station
{
    QString name;
    QString databaseId;
    QString path;
    QByteArray key;
    std::unique_ptr<storage::Database> database;
    sync::SyncEndpoint endpoint;
    QByteArray token;
    QString workstationId;
    QString venueId;
    QString staffId;
};

bool makeStation(Station* station, const QString& directory, const QString& name, const ServerProcess& server,
                 const QString& username, QString* problem)
{
    station->name = name;
    station->databaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    station->path = directory + u'/' + name + QStringLiteral(".db");
    station->key = QByteArray(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(station->key.data()), 8);
    storage::DatabaseError error;
    station->database =
        storage::Database::open(station->path, station->key, storage::Database::Mode::CreateNew, &error);
    if (!station->database) {
        *problem = error.message;
        return false;
    }
    sync::SyncEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.baseUrl());
    endpoint.caCertificatePem = server.caCertificates().first().toPem();
    endpoint.timeoutMs = 120000;
    const security::KeyStore keyStore(serviceName);
    sync::WorkstationRegistration registration(station->database->connection(), station->databaseId, keyStore);
    if (!registration.registerWith(endpoint, username, core::SecureBuffer::copyOf(adminPassword), name, problem))
        return false;
    station->staffId = registration.staffId();
    const std::optional<sync::SyncEndpoint> stored =
        sync::WorkstationRegistration::storedEndpoint(station->database->connection(), problem);
    if (!stored)
        return false;
    station->endpoint = *stored;
    station->endpoint.timeoutMs = 120000;
    const security::KeyStore::Result token = sync::SessionTokenVault(station->databaseId, keyStore).read();
    if (!token.ok()) {
        *problem = token.message;
        return false;
    }
    station->token = sync::SessionTokenVault::tokenText(token.key);
    const auto identity = storage::WorkstationIdentity(station->database->connection()).load(problem);
    if (!identity)
        return false;
    station->workstationId = identity->workstationId;
    station->venueId = identity->venueId;
    return true;
}

void forgetStation(const Station& station)
{
    if (!station.databaseId.isEmpty())
        sync::SessionTokenVault(station.databaseId, security::KeyStore(serviceName)).forget();
}

// Operations in the protocol format made from one the capture wrote: every id of the template (the operation's, the
// rows' keys and the values that point at them) replaced by a fresh UUIDv7, the patron number and names made unique,
// the clock this generator's own hybrid logical clock, the staff member and workstation the pushing ones.
class OperationFactory
{
public:
    OperationFactory(QJsonObject capturedOperation, QString staffId, QString node)
        : m_template(std::move(capturedOperation))
        , m_staffId(std::move(staffId))
        , m_node(std::move(node))
    {
        m_ids.insert(m_template.value(QStringLiteral("id")).toString());
        for (const QJsonValue& c : m_template.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject key = c.toObject().value(QStringLiteral("key")).toObject();
            for (auto it = key.constBegin(); it != key.constEnd(); ++it)
                if (it.value().isString())
                    m_ids.insert(it.value().toString());
        }
        m_templateStaff = m_template.value(QStringLiteral("staff_id")).toString();
        const QString hlc = m_template.value(QStringLiteral("hlc")).toString();
        m_templateNode = hlc.mid(23);
    }

    // rows: "table|key" of every row the operation writes.
    QJsonObject make(qint64 patronNumber, QStringList* rows)
    {
        QHash<QString, QString> fresh;
        for (const QString& id : std::as_const(m_ids))
            fresh.insert(id, core::UuidV7::generateText());
        if (!m_templateStaff.isEmpty())
            fresh.insert(m_templateStaff, m_staffId);
        if (!m_templateNode.isEmpty())
            fresh.insert(m_templateNode, m_node);
        const QString label = QStringLiteral("Bench%1").arg(patronNumber);
        const auto value = [&](const QString& column, const QJsonValue& v) -> QJsonValue {
            if (column == QLatin1String("patron_number"))
                return patronNumber;
            if (!v.isString())
                return v;
            const QString text = v.toString();
            if (const auto it = fresh.constFind(text); it != fresh.constEnd())
                return *it;
            if (text.contains(QLatin1String("emplate")))
                return QString(text)
                    .replace(QLatin1String("Template"), label)
                    .replace(QLatin1String("template"), label.toLower());
            return v;
        };
        const auto mapObject = [&](const QJsonObject& o) {
            QJsonObject out;
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                out.insert(it.key(), value(it.key(), it.value()));
            return out;
        };
        QJsonArray changes;
        for (const QJsonValue& c : m_template.value(QStringLiteral("changes")).toArray()) {
            QJsonObject change = c.toObject();
            const QJsonObject key = mapObject(change.value(QStringLiteral("key")).toObject());
            change.insert(QStringLiteral("key"), key);
            change.insert(QStringLiteral("fields"), mapObject(change.value(QStringLiteral("fields")).toObject()));
            if (rows)
                rows->append(rowName(change.value(QStringLiteral("table")).toString(), key));
            changes.append(change);
        }
        const qint64 millis = QDateTime::currentMSecsSinceEpoch();
        if (millis > m_lastMillis) {
            m_lastMillis = millis;
            m_counter = 0;
        } else {
            ++m_counter;
        }
        QJsonObject op = m_template;
        op.insert(QStringLiteral("id"), fresh.value(m_template.value(QStringLiteral("id")).toString()));
        op.insert(QStringLiteral("hlc"), clockText(m_lastMillis, m_counter, m_node));
        op.insert(QStringLiteral("staff_id"), m_staffId);
        op.insert(QStringLiteral("summary"), QStringLiteral("Patron %1 created").arg(patronNumber));
        op.insert(QStringLiteral("changes"), changes);
        return op;
    }

private:
    QJsonObject m_template;
    QSet<QString> m_ids;
    QString m_templateStaff;
    QString m_templateNode;
    QString m_staffId;
    QString m_node;
    qint64 m_lastMillis = 0;
    int m_counter = 0;
};

// One patron created on a registered workstation the way staff create one (PatronRepository, capture triggers),
// read back from the outbox as the push sends it.
std::optional<QJsonObject> capturedPatronOperation(Station& station, QString* problem)
{
    storage::SyncContext::setStaffId(station.staffId);
    storage::PatronRepository patrons(station.database->connection());
    testing::addPatron(patrons, QStringLiteral("Template"), QStringLiteral("Patron"),
                       QStringLiteral("template@example.org"), QString());
    const std::optional<QJsonArray> pending = storage::SyncOutbox(station.database->connection()).pending(10, problem);
    if (!pending)
        return std::nullopt;
    if (pending->size() != 1) {
        *problem = QStringLiteral("expected one captured operation, found %1").arg(pending->size());
        return std::nullopt;
    }
    return pending->first().toObject();
}

std::atomic<qint64> nextPatronNumber{500000000};

// Waits for a condition while the main thread's event loop runs (the server's log pipe is read there).
template <typename Done> void spinUntil(Done done)
{
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
}

struct Stack
{
    PostgresCluster pg;
    std::unique_ptr<ServerProcess> server;
    std::vector<std::unique_ptr<ServerProcess>> more; // further foyer-server processes on the same database
    std::unique_ptr<CpuMeter> cpu;

    QString start(int servers)
    {
        QString error = pg.start();
        if (error.isEmpty())
            error = pg.createDatabase(QStringLiteral("foyer"));
        if (!error.isEmpty())
            return error;
        server = std::make_unique<ServerProcess>(pg.host(), pg.port(), QStringLiteral("foyer"), pg.user());
        QByteArray output;
        if (server->runCommand({QStringLiteral("migrate")}, {}, &output) != 0)
            return QString::fromLocal8Bit(output);
        error = server->start();
        if (!error.isEmpty())
            return error;
        for (int i = 1; i < servers; ++i) {
            more.push_back(std::make_unique<ServerProcess>(pg.host(), pg.port(), QStringLiteral("foyer"), pg.user()));
            error = more.back()->start();
            if (!error.isEmpty())
                return error;
        }
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), checkConnection);
        check.setHostName(pg.host());
        check.setPort(pg.port());
        check.setUserName(pg.user());
        check.setDatabaseName(QStringLiteral("foyer"));
        if (!check.open())
            return check.lastError().text();
        cpu = std::make_unique<CpuMeter>(pg.port());
        return QString();
    }

    QString createAdmin(const QString& venue, const QString& username)
    {
        QByteArray output;
        if (server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"), venue,
                                QStringLiteral("--username"), username},
                               adminPassword + '\n', &output) != 0)
            return QString::fromLocal8Bit(output);
        return QString();
    }

    // Server i of them all (0 is the first).
    ServerProcess& serverAt(size_t i) { return i == 0 ? *server : *more.at(i - 1); }
    size_t servers() const { return 1 + more.size(); }
};

// ---- Part 1 -----------------------------------------------------------------------------------------------------

struct PushFigures
{
    double opsPerSecond = -1;
};

PushFigures pushThroughput(Stack& stack, const SyncBenchmark::Options& options, const QString& directory,
                           QString* problem)
{
    PushFigures figures;
    *problem = stack.createAdmin(QStringLiteral("Bench Push Venue"), QStringLiteral("pushadmin"));
    if (!problem->isEmpty())
        return figures;
    Station station;
    if (!makeStation(&station, directory, QStringLiteral("push-window"), *stack.server, QStringLiteral("pushadmin"),
                     problem))
        return figures;
    const std::optional<QJsonObject> captured = capturedPatronOperation(station, problem);
    if (!captured)
        return figures;
    QStringList tables;
    for (const QJsonValue& c : captured->value(QStringLiteral("changes")).toArray())
        tables << c.toObject().value(QStringLiteral("table")).toString();
    const qsizetype opBytes = QJsonDocument(*captured).toJson(QJsonDocument::Compact).size();
    out() << "part 1, push: " << options.pushOps << " operations like the captured \"patron created\" one ("
          << tables.size() << " rows: " << tables.join(u',') << "; " << opBytes << " bytes of JSON), batches of "
          << sync::SyncEngine::PushBatch << Qt::endl;
    station.database.reset();

    OperationFactory factory(*captured, station.staffId, station.workstationId);
    sync::SyncHttpClient http(station.endpoint);
    const qsizetype logOffset = stack.server->log().size();
    const CpuSplit before = stack.cpu->now();
    QElapsedTimer wall;
    wall.start();
    qint64 postNanos = 0;
    qint64 applied = 0;
    for (qint64 sent = 0; sent < options.pushOps;) {
        QJsonArray batch;
        const qint64 size = std::min<qint64>(sync::SyncEngine::PushBatch, options.pushOps - sent);
        for (qint64 i = 0; i < size; ++i)
            batch.append(factory.make(nextPatronNumber++, nullptr));
        QElapsedTimer timer;
        timer.start();
        const sync::HttpResult reply = http.post(QStringLiteral("/v1/push"),
                                                 QJsonObject{{QStringLiteral("format"), 1},
                                                             {QStringLiteral("workstation_id"), station.workstationId},
                                                             {QStringLiteral("operations"), batch}},
                                                 station.token);
        postNanos += timer.nsecsElapsed();
        if (!reply.ok()) {
            *problem = QStringLiteral("push failed after %1 operations: %2").arg(sent).arg(reply.describe());
            return figures;
        }
        for (const QJsonValue& r : reply.body.value(QStringLiteral("results")).toArray())
            if (r.toObject().value(QStringLiteral("status")).toString() == QLatin1String("applied"))
                ++applied;
            else if (applied == sent)
                out() << "  not applied: " << compact(r.toObject()) << Qt::endl;
        sent += size;
        if (sent % 20000 == 0)
            out() << "  pushed " << sent << " in " << wall.elapsed() / 1000.0 << " s" << Qt::endl;
    }
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const CpuSplit after = stack.cpu->now();
    QCoreApplication::processEvents();
    const QList<qint64> serverMs = serverMillis(stack.server->log(), logOffset, QStringLiteral("POST /v1/push"));
    qint64 serverTotal = 0;
    for (const qint64 ms : serverMs)
        serverTotal += ms;
    figures.opsPerSecond = double(options.pushOps) / (double(postNanos) / 1e9);
    out() << QStringLiteral("push: %1 operations (%2 applied) in %3 s of requests (%4 s wall with building them): "
                            "%5 ops/s")
                 .arg(options.pushOps)
                 .arg(applied)
                 .arg(double(postNanos) / 1e9, 0, 'f', 1)
                 .arg(wallSeconds, 0, 'f', 1)
                 .arg(figures.opsPerSecond, 0, 'f', 0)
          << Qt::endl;
    out() << QStringLiteral("  server handled %1 pushes in %2 s (its own timing: parse, PostgreSQL, reply), %3 ms "
                            "per batch of %4, %5 ms per operation")
                 .arg(serverMs.size())
                 .arg(double(serverTotal) / 1000.0, 0, 'f', 1)
                 .arg(serverMs.isEmpty() ? 0.0 : double(serverTotal) / double(serverMs.size()), 0, 'f', 0)
                 .arg(sync::SyncEngine::PushBatch)
                 .arg(double(serverTotal) / double(std::max<qint64>(1, options.pushOps)), 0, 'f', 3)
          << Qt::endl;
    out() << "  " << CpuMeter::describe(before, after, wallSeconds) << Qt::endl;
    if (applied != options.pushOps)
        *problem = QStringLiteral("only %1 of %2 operations were applied").arg(applied).arg(options.pushOps);
    forgetStation(station);
    return figures;
}

// ---- Part 2 -----------------------------------------------------------------------------------------------------

struct LoadStream
{
    QList<qint64> pushNanos;
    QSet<QString> appliedOps;
    qint64 appliedClaimedTwice = 0;
    QStringList appliedRows;
    QHash<QString, int> pulled; // every row this workstation pulled, with how many times
    qint64 pullRequests = 0;
    qint64 failures = 0;
    QString firstProblem;
};

// Pulls every page after *cursor, counting each row; false with the reason when a page fails.
bool pullAll(sync::SyncHttpClient& http, const QByteArray& token, qint64* cursor, int limit,
             QHash<QString, int>* pulled, qint64* requests, QString* problem)
{
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("after"), QString::number(*cursor));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        const sync::HttpResult reply = http.get(QStringLiteral("/v1/pull"), query, token);
        ++*requests;
        if (!reply.ok()) {
            *problem = reply.describe();
            return false;
        }
        for (const QJsonValue& v : reply.body.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = v.toObject();
            ++(*pulled)[rowName(change.value(QStringLiteral("table")).toString(),
                                change.value(QStringLiteral("key")).toObject())];
        }
        *cursor = reply.body.value(QStringLiteral("next")).toInteger();
        if (!reply.body.value(QStringLiteral("more")).toBool())
            return true;
    }
}

struct LoadFigures
{
    double pushP95Ms = -1;
    qint64 lost = -1;
    qint64 duplicated = -1;
};

LoadFigures concurrentWorkstations(Stack& stack, const SyncBenchmark::Options& options, const QString& directory,
                                   QString* problem)
{
    LoadFigures figures;
    *problem = stack.createAdmin(QStringLiteral("Bench Load Venue"), QStringLiteral("loadadmin"));
    if (!problem->isEmpty())
        return figures;
    std::vector<std::unique_ptr<Station>> stations;
    QJsonObject captured;
    for (int i = 0; i < options.workstations; ++i) {
        auto station = std::make_unique<Station>();
        if (!makeStation(station.get(), directory, QStringLiteral("load-window-%1").arg(i + 1),
                         stack.serverAt(size_t(i) % stack.servers()), QStringLiteral("loadadmin"), problem))
            return figures;
        if (i == 0) {
            const std::optional<QJsonObject> op = capturedPatronOperation(*station, problem);
            if (!op)
                return figures;
            captured = *op;
        }
        station->database.reset();
        stations.push_back(std::move(station));
    }
    out() << "part 2, " << options.workstations << " workstations on " << stack.servers()
          << " foyer-server process(es) for " << options.seconds << " s: each on its "
          << "own thread with its own SyncHttpClient, a round every " << options.roundMs << " ms: push "
          << options.loadBatch << " new patrons (+ their email rows), then pull every change since its cursor"
          << Qt::endl;

    std::vector<LoadStream> streams(stations.size());
    std::latch pushingDone(qsizetype(stations.size()));
    std::vector<QThread*> threads;
    std::vector<qsizetype> logOffsets;
    for (size_t s = 0; s < stack.servers(); ++s)
        logOffsets.push_back(stack.serverAt(s).log().size());
    const CpuSplit before = stack.cpu->now();
    QElapsedTimer wall;
    wall.start();
    const qint64 deadlineMs = qint64(options.seconds) * 1000;
    for (size_t i = 0; i < stations.size(); ++i) {
        threads.push_back(QThread::create([&, i] {
            const Station& station = *stations[i];
            LoadStream& stream = streams[i];
            sync::SyncHttpClient http(station.endpoint);
            OperationFactory factory(captured, station.staffId, station.workstationId);
            qint64 cursor = 0;
            QElapsedTimer round;
            while (wall.elapsed() < deadlineMs) {
                round.start();
                QJsonArray batch;
                QHash<QString, QStringList> rowsOf;
                for (int k = 0; k < options.loadBatch; ++k) {
                    QStringList rows;
                    const QJsonObject op = factory.make(nextPatronNumber++, &rows);
                    rowsOf.insert(op.value(QStringLiteral("id")).toString(), rows);
                    batch.append(op);
                }
                QElapsedTimer timer;
                timer.start();
                const sync::HttpResult reply =
                    http.post(QStringLiteral("/v1/push"),
                              QJsonObject{{QStringLiteral("format"), 1},
                                          {QStringLiteral("workstation_id"), station.workstationId},
                                          {QStringLiteral("operations"), batch}},
                              station.token);
                stream.pushNanos.append(timer.nsecsElapsed());
                if (!reply.ok()) {
                    ++stream.failures;
                    if (stream.firstProblem.isEmpty())
                        stream.firstProblem = reply.describe();
                } else {
                    for (const QJsonValue& r : reply.body.value(QStringLiteral("results")).toArray()) {
                        const QJsonObject result = r.toObject();
                        if (result.value(QStringLiteral("status")).toString() != QLatin1String("applied"))
                            continue;
                        const QString id = result.value(QStringLiteral("id")).toString();
                        if (stream.appliedOps.contains(id))
                            ++stream.appliedClaimedTwice;
                        stream.appliedOps.insert(id);
                        stream.appliedRows.append(rowsOf.value(id));
                    }
                }
                QString pullProblem;
                if (!pullAll(http, station.token, &cursor, sync::SyncEngine::PullPage, &stream.pulled,
                             &stream.pullRequests, &pullProblem)) {
                    ++stream.failures;
                    if (stream.firstProblem.isEmpty())
                        stream.firstProblem = pullProblem;
                }
                const qint64 left = options.roundMs - round.elapsed();
                if (left > 0)
                    QThread::msleep(std::min<qint64>(left, std::max<qint64>(0, deadlineMs - wall.elapsed())));
            }
            // Once every workstation has stopped pushing, each catches up: its stream must then hold every row.
            pushingDone.arrive_and_wait();
            QString pullProblem;
            if (!pullAll(http, station.token, &cursor, sync::SyncEngine::PullPage, &stream.pulled, &stream.pullRequests,
                         &pullProblem)) {
                ++stream.failures;
                if (stream.firstProblem.isEmpty())
                    stream.firstProblem = pullProblem;
            }
        }));
        threads.back()->start();
    }
    spinUntil([&] { return std::all_of(threads.begin(), threads.end(), [](QThread* t) { return t->isFinished(); }); });
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const CpuSplit after = stack.cpu->now();
    for (QThread* t : threads)
        delete t;

    QList<qint64> latencies;
    QSet<QString> appliedOps;
    QSet<QString> expectedRows;
    qint64 failures = 0, pulls = 0, claimedTwice = 0;
    QString firstProblem;
    for (const LoadStream& s : streams) {
        latencies.append(s.pushNanos);
        for (const QString& id : s.appliedOps) {
            if (appliedOps.contains(id))
                ++claimedTwice;
            appliedOps.insert(id);
        }
        claimedTwice += s.appliedClaimedTwice;
        for (const QString& row : s.appliedRows)
            expectedRows.insert(row);
        failures += s.failures;
        pulls += s.pullRequests;
        if (firstProblem.isEmpty())
            firstProblem = s.firstProblem;
    }
    QCoreApplication::processEvents();
    QList<qint64> serverMs, pullMs;
    for (size_t s = 0; s < stack.servers(); ++s) {
        serverMs.append(serverMillis(stack.serverAt(s).log(), logOffsets[s], QStringLiteral("POST /v1/push")));
        pullMs.append(serverMillis(stack.serverAt(s).log(), logOffsets[s], QStringLiteral("GET /v1/pull")));
    }
    qint64 busyMs = 0;
    for (const qint64 ms : serverMs + pullMs)
        busyMs += ms;
    QList<qint64> serverNanos;
    for (const qint64 ms : serverMs)
        serverNanos.append(ms * 1000000);
    figures.pushP95Ms = latencies.isEmpty() ? -1 : percentileMs(latencies, 0.95);
    out() << QStringLiteral("load: %1 pushes (%2 operations applied, %3 ops/s), %4 pull requests, %5 failed requests")
                 .arg(latencies.size())
                 .arg(appliedOps.size())
                 .arg(double(appliedOps.size()) / wallSeconds, 0, 'f', 0)
                 .arg(pulls)
                 .arg(failures)
          << Qt::endl;
    if (!firstProblem.isEmpty())
        out() << "  first failure: " << firstProblem << Qt::endl;
    if (!latencies.isEmpty())
        out() << QStringLiteral("  push latency at the workstation: p50 %1 ms, p95 %2 ms, p99 %3 ms, max %4 ms")
                     .arg(percentileMs(latencies, 0.5), 0, 'f', 1)
                     .arg(figures.pushP95Ms, 0, 'f', 1)
                     .arg(percentileMs(latencies, 0.99), 0, 'f', 1)
                     .arg(percentileMs(latencies, 1.0), 0, 'f', 1)
              << Qt::endl;
    if (!serverNanos.isEmpty())
        out() << QStringLiteral("  push time inside the server: p50 %1 ms, p95 %2 ms (the rest is waiting for the "
                                "one server thread, TLS and the network stack)")
                     .arg(percentileMs(serverNanos, 0.5), 0, 'f', 1)
                     .arg(percentileMs(serverNanos, 0.95), 0, 'f', 1)
              << Qt::endl;
    out() << QStringLiteral("  %1 foyer-server process(es), one request at a time each: busy %2 s of %3 s "
                            "(%4%), pushes %5 s, pulls %6 s")
                 .arg(stack.servers())
                 .arg(double(busyMs) / 1000.0, 0, 'f', 1)
                 .arg(wallSeconds * double(stack.servers()), 0, 'f', 1)
                 .arg(100.0 * double(busyMs) / 1000.0 / (wallSeconds * double(stack.servers())), 0, 'f', 0)
                 .arg(double(std::accumulate(serverMs.begin(), serverMs.end(), qint64(0))) / 1000.0, 0, 'f', 1)
                 .arg(double(std::accumulate(pullMs.begin(), pullMs.end(), qint64(0))) / 1000.0, 0, 'f', 1)
          << Qt::endl;
    out() << "  " << CpuMeter::describe(before, after, wallSeconds) << Qt::endl;

    // What the server holds: every operation a workstation was told "applied", once, with all its rows.
    const QString venueId = stations.front()->venueId;
    qint64 lostOps = 0, lostServerRows = 0, extraServerRows = 0;
    {
        QSqlQuery q(QSqlDatabase::database(checkConnection));
        q.prepare(QStringLiteral("SELECT id, count(*) FROM applied_operation WHERE venue_id = ? AND status = "
                                 "'applied' GROUP BY id"));
        q.addBindValue(venueId);
        if (!q.exec()) {
            *problem = q.lastError().text();
            return figures;
        }
        QHash<QString, qint64> onServer;
        while (q.next())
            onServer.insert(q.value(0).toString(), q.value(1).toLongLong());
        for (const QString& id : std::as_const(appliedOps)) {
            const qint64 n = onServer.value(id);
            if (n == 0)
                ++lostOps;
            else if (n > 1)
                claimedTwice += n - 1;
        }
        q.prepare(QStringLiteral("SELECT table_name, key::text FROM row_state WHERE venue_id = ? AND NOT deleted"));
        q.addBindValue(venueId);
        if (!q.exec()) {
            *problem = q.lastError().text();
            return figures;
        }
        QSet<QString> rows;
        while (q.next())
            rows.insert(
                rowName(q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object()));
        for (const QString& row : std::as_const(expectedRows))
            if (!rows.contains(row))
                ++lostServerRows;
        extraServerRows = rows.size() - (expectedRows.size() - lostServerRows);
    }
    // Each workstation's own pull stream, and a fresh reader's pull from 0: every row exactly once.
    const auto check = [&](const QHash<QString, int>& pulled, qint64* lost, qint64* duplicated) {
        for (const QString& row : std::as_const(expectedRows)) {
            const int n = pulled.value(row);
            if (n == 0)
                ++*lost;
            else if (n > 1)
                *duplicated += n - 1;
        }
    };
    qint64 streamLost = 0, streamDuplicated = 0;
    for (const LoadStream& s : streams)
        check(s.pulled, &streamLost, &streamDuplicated);
    QHash<QString, int> fresh;
    {
        sync::SyncHttpClient http(stations.front()->endpoint);
        qint64 cursor = 0, requests = 0;
        QString pullProblem;
        if (!pullAll(http, stations.front()->token, &cursor, 5000, &fresh, &requests, &pullProblem)) {
            *problem = QStringLiteral("the fresh reader's pull failed: %1").arg(pullProblem);
            return figures;
        }
    }
    qint64 freshLost = 0, freshDuplicated = 0;
    check(fresh, &freshLost, &freshDuplicated);
    out() << QStringLiteral("  checked %1 applied operations, %2 rows: server lost %3 operations and %4 rows (%5 rows "
                            "not from these operations, %6 operations answered \"applied\" twice); the %7 "
                            "workstations' pull streams lost %8, duplicated %9; a fresh reader from 0 lost %10, "
                            "duplicated %11")
                 .arg(appliedOps.size())
                 .arg(expectedRows.size())
                 .arg(lostOps)
                 .arg(lostServerRows)
                 .arg(extraServerRows)
                 .arg(claimedTwice)
                 .arg(streams.size())
                 .arg(streamLost)
                 .arg(streamDuplicated)
                 .arg(freshLost)
                 .arg(freshDuplicated)
          << Qt::endl;
    figures.lost = lostOps + lostServerRows + streamLost + freshLost;
    figures.duplicated = claimedTwice + streamDuplicated + freshDuplicated;
    for (const auto& station : stations)
        forgetStation(*station);
    return figures;
}

// ---- Part 3 -----------------------------------------------------------------------------------------------------

QString seededId(char kind, qint64 n)
{
    // UUIDv7-shaped, in creation order: patrons 8..., emails 9..., orders a...
    return QStringLiteral("01970000-0000-7000-") + QLatin1Char(kind) + QStringLiteral("000-") +
           QStringLiteral("%1").arg(n, 12, 16, QLatin1Char('0'));
}

const QString seededTime = QStringLiteral("2025-06-01T12:00:00.000Z");
const QString seededClock = QStringLiteral("001748779200000-000000-seed");
const QString markedName = QStringLiteral("Zanzibarova");

// patron, patron_email and "order" rows as the workstation schema (db/local/*.sql) has them, all columns, each with
// the next change sequence number, so a pull from 0 returns patrons, then their emails, then the orders.
QString seedVenue(const QString& venueId, qint64 patrons, int ordersPerPatron, qint64 marked)
{
    QSqlDatabase db = QSqlDatabase::database(checkConnection);
    QSqlQuery q(db);
    const QString names =
        QStringLiteral("(ARRAY['Ada','Ben','Cleo','Dev','Elif','Finn','Gita','Hugo','Iris','Jonas','Kemi','Lars',"
                       "'Mira','Noor','Omar','Pia','Quinn','Rosa','Sami','Tove'])[1 + g % 20]");
    const QString lastNames =
        QStringLiteral("CASE WHEN g = %1 THEN '%2' ELSE (ARRAY['Abbott','Baker','Castillo','Dubois','Eriksen',"
                       "'Fischer','Garcia','Haddad','Ito','Jensen','Kowalski','Larsen','Moreau','Nakamura','Okafor',"
                       "'Petrov','Quispe','Rossi','Silva','Tanaka','Ueda','Varga','Weber','Xu','Yilmaz'])"
                       "[1 + (g / 20) % 25] END")
            .arg(marked)
            .arg(markedName);
    const QString patronSql =
        QStringLiteral(
            "INSERT INTO row_state (venue_id, table_name, row_key, key, data, field_clock, deleted, seq) "
            "SELECT :venue, 'patron', id, jsonb_build_object('id', id), jsonb_build_object('id', id, "
            "'patron_number', 100000000 + g, 'kind', 'person', 'title', NULL, 'first_name', first, 'middle_name', "
            "NULL, 'last_name', last, 'suffix', NULL, 'preferred_name', NULL, 'nickname', NULL, 'pronouns', NULL, "
            "'birthday', NULL, 'organisation', NULL, 'contact_owner_id', NULL, 'household_id', NULL, "
            "'email_subscription', g % 2, 'alumni_year', NULL, 'preferred_contact_method', NULL, 'source', "
            "'box_office', 'original_email', lower(first || '.' || last || g || '@example.org'), 'created_at', "
            ":time, 'updated_at', :time, 'deleted_at', NULL), jsonb_build_object('$row', :clock::text), false, "
            "nextval('change_seq') FROM (SELECT g, '01970000-0000-7000-8000-' || lpad(to_hex(g), 12, '0') AS id, "
            "%1 AS first, %2 AS last FROM generate_series(1, :n) g) p")
            .arg(names, lastNames);
    const QString emailSql =
        QStringLiteral("INSERT INTO row_state (venue_id, table_name, row_key, key, data, field_clock, "
                       "deleted, seq) SELECT :venue, 'patron_email', id, jsonb_build_object('id', id), "
                       "jsonb_build_object('id', id, 'patron_id', patron_id, 'address', lower(first || '.' "
                       "|| last || g || '@example.org'), 'is_primary', 1, 'is_original', 1, 'created_at', "
                       ":time, 'updated_at', :time, 'deleted_at', NULL), jsonb_build_object('$row', "
                       ":clock::text), false, nextval('change_seq') FROM (SELECT g, "
                       "'01970000-0000-7000-9000-' || lpad(to_hex(g), 12, '0') AS id, "
                       "'01970000-0000-7000-8000-' || lpad(to_hex(g), 12, '0') AS patron_id, %1 AS first, "
                       "%2 AS last FROM generate_series(1, :n) g) p")
            .arg(names, lastNames);
    const QString orderSql = QStringLiteral(
        "INSERT INTO row_state (venue_id, table_name, row_key, key, data, field_clock, deleted, seq) "
        "SELECT :venue, 'order', id, jsonb_build_object('id', id), jsonb_build_object('id', id, "
        "'confirmation_number', 'S1-' || o, 'patron_id', '01970000-0000-7000-8000-' || lpad(to_hex((o - 1) / :k + "
        "1), 12, '0'), 'channel', 'box_office', 'category', 'ticket', 'internal_status', 'confirmed', "
        "'confirmed_at', :time, 'staff_id', NULL, 'created_at', :time, 'updated_at', :time, 'deleted_at', NULL), "
        "jsonb_build_object('$row', :clock::text), false, nextval('change_seq') FROM (SELECT o, "
        "'01970000-0000-7000-a000-' || lpad(to_hex(o), 12, '0') AS id FROM generate_series(1, :n * :k) o) p");
    // Literals, not bound values: the same value stands in several places, and each is ours (a UUID, constants).
    static const QRegularExpression plainId(QStringLiteral("^[0-9A-Za-z-]+$"));
    if (!plainId.match(venueId).hasMatch())
        return QStringLiteral("unexpected venue id %1").arg(venueId);
    for (QString sql : {patronSql, emailSql, orderSql}) {
        if (sql == orderSql && ordersPerPatron <= 0)
            continue;
        sql.replace(QLatin1String(":venue"), u'\'' + venueId + u'\'')
            .replace(QLatin1String(":time"), u'\'' + seededTime + u'\'')
            .replace(QLatin1String(":clock"), u'\'' + seededClock + u'\'')
            .replace(QLatin1String(":n"), QString::number(patrons))
            .replace(QLatin1String(":k"), QString::number(ordersPerPatron));
        QElapsedTimer timer;
        timer.start();
        if (!q.exec(sql))
            return q.lastError().text();
        out() << "  seeded " << q.numRowsAffected() << " rows in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
    }
    // As a venue's database is after autovacuum has been by: statistics, visibility map and hint bits set, so the
    // pull's index scans do not pay for the seeding.
    if (!q.exec(QStringLiteral("VACUUM (ANALYZE) row_state")))
        return q.lastError().text();
    return QString();
}

struct InitialFigures
{
    double seconds = -1;
    double rssMb = -1;
    bool found = false;
};

InitialFigures initialSync(Stack& stack, const SyncBenchmark::Options& options, const QString& directory,
                           const QString& selfPath, QString* problem)
{
    InitialFigures figures;
    *problem = stack.createAdmin(QStringLiteral("Bench Big Venue"), QStringLiteral("bigadmin"));
    if (!problem->isEmpty())
        return figures;
    Station station;
    if (!makeStation(&station, directory, QStringLiteral("new-window"), *stack.server, QStringLiteral("bigadmin"),
                     problem))
        return figures;
    station.database.reset();
    const qint64 rows = options.patrons * (2 + options.ordersPerPatron);
    out() << "part 3, first sync: " << options.patrons << " patrons, " << options.patrons << " patron emails, "
          << options.patrons * options.ordersPerPatron << " orders (" << rows << " rows) seeded into row_state"
          << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    const qint64 marked = std::max<qint64>(1, options.patrons / 2);
    *problem = seedVenue(station.venueId, options.patrons, options.ordersPerPatron, marked);
    if (!problem->isEmpty())
        return figures;
    out() << QStringLiteral("  seeded with SQL in %1 s").arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1) << Qt::endl;

    const qsizetype logOffset = stack.server->log().size();
    const CpuSplit before = stack.cpu->now();
    QProcess child;
    child.setProcessChannelMode(QProcess::MergedChannels);
    QByteArray childOutput;
    QObject::connect(&child, &QProcess::readyRead, [&] {
        const QByteArray chunk = child.readAll();
        childOutput += chunk;
        out() << QString::fromUtf8(chunk);
        out().flush();
    });
    QElapsedTimer wall;
    wall.start();
    child.start(selfPath, {QStringLiteral("sync-client"), station.path, station.databaseId, seededId('8', marked),
                           markedName.toLower(), QString::number(options.clientCacheKib)});
    if (!child.waitForStarted()) {
        *problem = QStringLiteral("the sync client did not start");
        return figures;
    }
    child.write(station.key.toHex() + '\n');
    child.closeWriteChannel();
    spinUntil([&] { return child.state() == QProcess::NotRunning; });
    childOutput += child.readAll();
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const CpuSplit after = stack.cpu->now();
    QCoreApplication::processEvents();
    const QRegularExpression result(
        QStringLiteral("CLIENT seconds=([0-9.]+) rss_mb=([0-9.]+) found=([01]) pulled=(\\d+) cpu_s=([0-9.]+)"));
    const auto match = result.match(QString::fromUtf8(childOutput));
    if (!match.hasMatch() || child.exitCode() != 0) {
        *problem = QStringLiteral("the sync client failed (exit %1)").arg(child.exitCode());
        return figures;
    }
    figures.seconds = match.captured(1).toDouble();
    figures.rssMb = match.captured(2).toDouble();
    figures.found = match.captured(3) == QLatin1String("1");
    const qint64 pulled = match.captured(4).toLongLong();
    const double clientCpu = match.captured(5).toDouble();
    const QList<qint64> pageMs = serverMillis(stack.server->log(), logOffset, QStringLiteral("GET /v1/pull"));
    qint64 serverTotal = 0;
    for (const qint64 ms : pageMs)
        serverTotal += ms;
    out() << QStringLiteral("initial sync: %1 rows in %2 s (%3 ms per 1000 rows), client peak RSS %4 MiB, search "
                            "for \"%5\" %6")
                 .arg(pulled)
                 .arg(figures.seconds, 0, 'f', 1)
                 .arg(1000.0 * figures.seconds * 1000.0 / double(std::max<qint64>(1, pulled)), 0, 'f', 1)
                 .arg(figures.rssMb, 0, 'f', 0)
                 .arg(markedName, figures.found ? QStringLiteral("found the seeded patron")
                                                : QStringLiteral("did NOT find the seeded patron"))
          << Qt::endl;
    // The server's time per page grows with the rows behind it ("remaining" is a count over them): fit page time
    // = a + b * rows after the page, to tell the linear cost from the growing one.
    if (pageMs.size() >= 4) {
        const qsizetype n = pageMs.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const qsizetype skip = n / 10; // the first pages warm the caches
        // Pages vary in size (the client asks for larger ones while far behind): the fit uses their average.
        const double rowsPerPage = double(pulled) / double(n);
        for (qsizetype i = skip; i < n; ++i) {
            const double x = double(rows) - double(i + 1) * rowsPerPage;
            sx += x;
            sy += double(pageMs.at(i));
            sxx += x * x;
            sxy += x * double(pageMs.at(i));
        }
        const double m = double(n - skip);
        const double b = (m * sxy - sx * sy) / std::max(1.0, m * sxx - sx * sx);
        const double a = (sy - b * sx) / m;
        QStringList tenths;
        for (int t = 0; t < 10; ++t) {
            qint64 ms = 0;
            for (qsizetype i = n * t / 10; i < n * (t + 1) / 10; ++i)
                ms += pageMs.at(i);
            tenths << QString::number(double(ms) / 1000.0, 'f', 1);
        }
        out() << "  server seconds per tenth of the pages, first to last: " << tenths.join(u' ') << Qt::endl;
        out() << QStringLiteral("  server: %1 pages in %2 s; per page %3 ms + %4 ms per million rows still behind it "
                                "(first page %5 ms, last %6 ms); client CPU %7 s (apply into SQLCipher, JSON, TLS)")
                     .arg(n)
                     .arg(double(serverTotal) / 1000.0, 0, 'f', 1)
                     .arg(a, 0, 'f', 1)
                     .arg(b * 1e6, 0, 'f', 1)
                     .arg(pageMs.first())
                     .arg(pageMs.last())
                     .arg(clientCpu, 0, 'f', 1)
              << Qt::endl;
        const qint64 fullRows = 1000000LL * 5;
        const double fullPages = double(fullRows) / rowsPerPage;
        const double serverFull = (fullPages * a + b * double(fullRows) * fullPages / 2.0) / 1000.0;
        const double clientPerRow = std::max(0.0, figures.seconds - double(serverTotal) / 1000.0) / double(pulled);
        if (rows < fullRows)
            out() << QStringLiteral("  EXTRAPOLATED (not measured) to 1,000,000 patrons + 3,000,000 orders (%1 rows): "
                                    "server %2 s + client %3 s = %4 s; client RSS not extrapolated")
                         .arg(fullRows)
                         .arg(serverFull, 0, 'f', 0)
                         .arg(clientPerRow * double(fullRows), 0, 'f', 0)
                         .arg(serverFull + clientPerRow * double(fullRows), 0, 'f', 0)
                  << Qt::endl;
    }
    out() << "  " << CpuMeter::describe(before, after, wallSeconds) << Qt::endl;
    forgetStation(station);
    return figures;
}

} // namespace

SyncBenchmark::Options SyncBenchmark::parse(const QStringList& arguments, QString* error)
{
    Options options;
    for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
        bool ok = true;
        const QString& name = arguments.at(i);
        const QString& value = arguments.at(i + 1);
        if (name == QLatin1String("--push-ops"))
            options.pushOps = value.toLongLong(&ok);
        else if (name == QLatin1String("--workstations"))
            options.workstations = value.toInt(&ok);
        else if (name == QLatin1String("--seconds"))
            options.seconds = value.toInt(&ok);
        else if (name == QLatin1String("--load-batch"))
            options.loadBatch = value.toInt(&ok);
        else if (name == QLatin1String("--round-ms"))
            options.roundMs = value.toInt(&ok);
        else if (name == QLatin1String("--servers"))
            options.servers = std::max(1, value.toInt(&ok));
        else if (name == QLatin1String("--patrons"))
            options.patrons = value.toLongLong(&ok);
        else if (name == QLatin1String("--orders-per-patron"))
            options.ordersPerPatron = value.toInt(&ok);
        else if (name == QLatin1String("--client-cache-kib"))
            options.clientCacheKib = value.toInt(&ok);
        else if (name == QLatin1String("--parts"))
            options.parts = value.split(u',');
        else if (name == QLatin1String("--dir"))
            options.directory = value;
        else
            ok = false;
        if (!ok) {
            *error = QStringLiteral("bad option %1 %2").arg(name, value);
            return options;
        }
    }
    if (arguments.size() % 2 != 0)
        *error = QStringLiteral("option %1 needs a value").arg(arguments.constLast());
    return options;
}

int SyncBenchmark::run(const Options& options, const QString& selfPath)
{
    QTemporaryDir temporary((options.directory.isEmpty() ? QDir::tempPath() : options.directory) +
                            QStringLiteral("/foyer-sync-bench-XXXXXX"));
    out() << "foyer-bench sync: push_ops=" << options.pushOps << " workstations=" << options.workstations
          << " seconds=" << options.seconds << " patrons=" << options.patrons
          << " orders_per_patron=" << options.ordersPerPatron << " round_ms=" << options.roundMs
          << " servers=" << options.servers << " parts=" << options.parts.join(u',')
          << " (PostgreSQL 15 and foyer-server on this machine, " << QThread::idealThreadCount() << " cores)"
          << Qt::endl;
    auto stack = std::make_unique<Stack>();
    QString problem = stack->start(options.servers);
    if (!problem.isEmpty()) {
        out() << "cannot start PostgreSQL and foyer-server: " << problem << Qt::endl;
        return 1;
    }
    int status = 0;
    PushFigures push;
    LoadFigures load;
    InitialFigures initial;
    if (options.parts.contains(QLatin1String("push"))) {
        push = pushThroughput(*stack, options, temporary.path(), &problem);
        if (!problem.isEmpty()) {
            out() << "part 1 failed: " << problem << Qt::endl;
            status = 1;
        }
    }
    if (options.parts.contains(QLatin1String("load"))) {
        load = concurrentWorkstations(*stack, options, temporary.path(), &problem);
        if (!problem.isEmpty()) {
            out() << "part 2 failed: " << problem << Qt::endl;
            status = 1;
        }
    }
    if (options.parts.contains(QLatin1String("initial"))) {
        initial = initialSync(*stack, options, temporary.path(), selfPath, &problem);
        if (!problem.isEmpty()) {
            out() << "part 3 failed: " << problem << Qt::endl;
            status = 1;
        }
        if (!initial.found)
            status = 1;
    }
    out() << "targets: push_ops_s >= 5000, push_p95_ms <= 200, lost = duplicated = 0, initial_sync_s <= 600 (full "
             "size), client_rss_mb <= 300"
          << Qt::endl;
    QSqlDatabase::database(checkConnection).close();
    QSqlDatabase::removeDatabase(checkConnection);
    stack.reset();
    out() << QStringLiteral("push_ops_s=%1 push_p95_ms=%2 lost=%3 duplicated=%4 initial_sync_s=%5 client_rss_mb=%6")
                 .arg(push.opsPerSecond, 0, 'f', 0)
                 .arg(load.pushP95Ms, 0, 'f', 0)
                 .arg(load.lost)
                 .arg(load.duplicated)
                 .arg(initial.seconds, 0, 'f', 0)
                 .arg(initial.rssMb, 0, 'f', 0)
          << Qt::endl;
    return status;
}

int SyncBenchmark::client(const QStringList& arguments)
{
    const QString path = arguments.value(0);
    const QString databaseId = arguments.value(1);
    const QString patronId = arguments.value(2);
    const QString word = arguments.value(3);
    const int cacheKib = arguments.value(4).toInt();
    QByteArray key = QByteArray::fromHex(QTextStream(stdin).readLine().toLatin1());
    storage::DatabaseError openError;
    // The sync worker's own page cache (SyncEngine::connectOptions) unless the benchmark was asked for another one.
    const QString driverOptions =
        cacheKib > 0 ? QStringLiteral("QSQLCIPHER_CACHE_SIZE=-%1").arg(cacheKib) : sync::SyncEngine::connectOptions();
    out() << "  client: page cache "
          << (cacheKib > 0 ? QString::number(cacheKib) + QStringLiteral(" KiB")
                           : QStringLiteral("the sync worker's (%1 KiB)").arg(sync::SyncEngine::PageCacheKib))
          << Qt::endl;
    auto database =
        storage::Database::open(path, key, storage::Database::Mode::OpenExisting, &openError, driverOptions);
    key.fill('\0');
    if (!database) {
        out() << "sync client: cannot open the database: " << openError.message << Qt::endl;
        return 1;
    }
    QString error;
    const std::optional<sync::SyncEndpoint> endpoint =
        sync::WorkstationRegistration::storedEndpoint(database->connection(), &error);
    const security::KeyStore::Result token =
        sync::SessionTokenVault(databaseId, security::KeyStore(serviceName)).read();
    if (!endpoint || !token.ok()) {
        out() << "sync client: not registered: " << error << token.message << Qt::endl;
        return 1;
    }
    sync::SyncEndpoint patient = *endpoint;
    patient.timeoutMs = 300000;
    sync::SyncHttpClient http(patient);
    sync::SyncRound round;
    qint64 shownTenth = 0;
    QElapsedTimer timer;
    timer.start();
    const bool pulled = sync::SyncEngine(database->connection(), &http)
                            .pull(sync::SessionTokenVault::tokenText(token.key), &round, [&](qint64 done, qint64 all) {
                                const qint64 tenth = all > 0 ? done * 10 / all : 10;
                                if (tenth > shownTenth) {
                                    shownTenth = tenth;
                                    out() << QStringLiteral("  client: %1 of %2 rows in %3 s, RSS now %4 MiB")
                                                 .arg(done)
                                                 .arg(all)
                                                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                                                 .arg(double(statusKib("VmRSS:")) / 1024.0, 0, 'f', 0)
                                          << Qt::endl;
                                }
                            });
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!pulled) {
        out() << "sync client: the pull failed after " << round.pulled << " rows: " << round.problem << Qt::endl;
        return 1;
    }
    // Found the moment the pull returns: the search keys were built with each page.
    QElapsedTimer searchTimer;
    searchTimer.start();
    const QList<storage::PatronSearchHit> hits = storage::PatronSearchRepository(database->connection())
                                                     .search(core::SearchText::queryTokens(word), {}, 10, &error);
    const double searchMs = double(searchTimer.nsecsElapsed()) / 1e6;
    QSet<QString> patronsFound;
    for (const storage::PatronSearchHit& hit : hits)
        patronsFound.insert(hit.patronId);
    const bool found = error.isEmpty() && patronsFound == QSet<QString>{patronId};
    QSqlQuery count(database->connection());
    qint64 patrons = -1, orders = -1;
    if (count.exec(QStringLiteral("SELECT count(*) FROM patron")) && count.next())
        patrons = count.value(0).toLongLong();
    if (count.exec(QStringLiteral("SELECT count(*) FROM \"order\"")) && count.next())
        orders = count.value(0).toLongLong();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    out() << QStringLiteral("  client: %1 patrons and %2 orders in the new database; search \"%3\": %4 hits in %5 ms%6")
                 .arg(patrons)
                 .arg(orders)
                 .arg(word)
                 .arg(hits.size())
                 .arg(searchMs, 0, 'f', 1)
                 .arg(error.isEmpty() ? QString() : QStringLiteral(" (error: %1)").arg(error))
          << Qt::endl;
    out() << QStringLiteral("CLIENT seconds=%1 rss_mb=%2 found=%3 pulled=%4 cpu_s=%5")
                 .arg(seconds, 0, 'f', 2)
                 .arg(double(statusKib("VmHWM:")) / 1024.0, 0, 'f', 1)
                 .arg(found ? 1 : 0)
                 .arg(round.pulled)
                 .arg(cpu, 0, 'f', 2)
          << Qt::endl;
    return 0;
}

} // namespace foyer::bench
