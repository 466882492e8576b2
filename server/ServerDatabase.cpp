#include "ServerDatabase.h"

#include "DatabaseFailure.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QUuid>
#include <libpq-fe.h>
#include <vector>

// The migrations are resources of a static library: they must be registered by hand.
static void registerMigrations()
{
    Q_INIT_RESOURCE(migrations);
}

namespace foyer::server {

namespace {

struct Migration
{
    int version = 0;
    QString path;
};

QList<Migration> migrations()
{
    registerMigrations();
    QList<Migration> out;
    static const QRegularExpression name(QStringLiteral("^([0-9]{4})_[a-z0-9_]+\\.sql$"));
    const QStringList files = QDir(QStringLiteral(":/migrations")).entryList(QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const auto match = name.match(file);
        if (match.hasMatch())
            out.append({match.captured(1).toInt(), QStringLiteral(":/migrations/") + file});
    }
    return out;
}

} // namespace

ServerDatabase::ServerDatabase(const ServerConfig& config)
    : m_config(config)
    , m_name(QStringLiteral("foyer-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ServerDatabase::~ServerDatabase()
{
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

bool ServerDatabase::open(QString* error)
{
    m_statements.clear();
    QSqlDatabase db = QSqlDatabase::contains(m_name) ? QSqlDatabase::database(m_name, false)
                                                     : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    if (!db.isValid()) {
        *error = QStringLiteral("The PostgreSQL driver (QPSQL) is not installed.");
        return false;
    }
    db.close();
    db.setHostName(m_config.databaseHost);
    db.setPort(m_config.databasePort);
    db.setDatabaseName(m_config.databaseName);
    db.setUserName(m_config.databaseUser);
    db.setPassword(m_config.databasePassword);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=foyer-server"));
    if (!db.open()) {
        *error = QStringLiteral("Cannot connect to PostgreSQL database %1 at %2:%3: %4")
                     .arg(m_config.databaseName, m_config.databaseHost)
                     .arg(m_config.databasePort)
                     .arg(db.lastError().databaseText().trimmed());
        return false;
    }
    QSqlQuery setup(db);
    // UTC, and no NOTICE chatter (CREATE TABLE IF NOT EXISTS ...) on standard error.
    if (!setup.exec(QStringLiteral("SET TIME ZONE 'UTC'")) ||
        !setup.exec(QStringLiteral("SET client_min_messages = warning"))) {
        *error = setup.lastError().text();
        return false;
    }
    return true;
}

bool ServerDatabase::ensureOpen()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (db.isValid() && db.isOpen()) {
        QSqlQuery ping(db);
        if (ping.exec(QStringLiteral("SELECT 1")))
            return true;
    }
    QString error;
    return open(&error);
}

int ServerDatabase::knownSchemaVersion()
{
    const QList<Migration> all = migrations();
    return all.isEmpty() ? 0 : all.last().version;
}

int ServerDatabase::schemaVersion()
{
    QSqlQuery& q = run(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version"));
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("no schema version"));
    return q.value(0).toInt();
}

bool ServerDatabase::migrate(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    QSqlQuery q(db);
    // One process migrates at a time; the others wait and then find nothing left to do.
    if (!q.exec(QStringLiteral("SELECT pg_advisory_lock(7461, 1)"))) {
        *error = q.lastError().text();
        return false;
    }
    const auto unlock = [&] { QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(7461, 1)")); };
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                               "applied_at timestamptz NOT NULL DEFAULT now())")) ||
        !q.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version")) || !q.next()) {
        *error = q.lastError().text();
        unlock();
        return false;
    }
    const int current = q.value(0).toInt();
    q.finish();
    const int known = knownSchemaVersion();
    if (known == 0) {
        *error = QStringLiteral("This foyer-server was built without its migrations.");
        unlock();
        return false;
    }
    if (current > known) {
        *error = QStringLiteral("The database has schema version %1, newer than this foyer-server knows (%2): "
                                "upgrade foyer-server.")
                     .arg(current)
                     .arg(known);
        unlock();
        return false;
    }
    for (const Migration& m : migrations()) {
        if (m.version <= current)
            continue;
        QFile file(m.path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Cannot read migration %1.").arg(m.path);
            unlock();
            return false;
        }
        const QString script = QString::fromUtf8(file.readAll());
        if (!db.transaction()) {
            *error = db.lastError().text();
            unlock();
            return false;
        }
        QSqlQuery step(db);
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
        mark.addBindValue(m.version);
        if (!step.exec(script) || !mark.exec()) {
            *error = QStringLiteral("Migration %1 failed: %2")
                         .arg(m.version)
                         .arg((step.lastError().isValid() ? step.lastError() : mark.lastError()).text());
            db.rollback();
            unlock();
            return false;
        }
        step.finish();
        mark.finish();
        if (!db.commit()) {
            *error = db.lastError().text();
            db.rollback();
            unlock();
            return false;
        }
    }
    unlock();
    return true;
}

QSqlQuery& ServerDatabase::prepared(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.prepare(sql))
            throw DatabaseFailure(q.lastError().text());
        it = m_statements.insert(sql, std::move(q));
    }
    return it.value();
}

QSqlQuery& ServerDatabase::run(const QString& sql, const QVariantList& values)
{
    QSqlError error;
    QSqlQuery* q = tryRun(sql, values, &error);
    if (!q)
        throw DatabaseFailure(error.text());
    return *q;
}

QSqlQuery* ServerDatabase::tryRun(const QString& sql, const QVariantList& values, QSqlError* error)
{
    QSqlQuery& q = prepared(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(static_cast<int>(i), values.at(i));
    if (!q.exec()) {
        *error = q.lastError();
        // The statement is gone with a lost connection: prepare it again next time.
        if (error->type() == QSqlError::ConnectionError)
            m_statements.remove(sql);
        return nullptr;
    }
    return &q;
}

bool ServerDatabase::runText(const QString& sql, const QList<QByteArray>& values, QList<QList<QByteArray>>* rows,
                             QSqlError* error)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    const QVariant handle = db.driver()->handle();
    // QPSQL's handle is a PGconn*, which Qt's type registry spells as the struct it names.
    const bool isConnection =
        handle.isValid() && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0);
    PGconn* connection = isConnection ? *static_cast<PGconn* const*>(handle.constData()) : nullptr;
    if (!connection) {
        *error = QSqlError(QStringLiteral("No PostgreSQL connection"), QString(), QSqlError::ConnectionError);
        return false;
    }
    std::vector<const char*> pointers;
    std::vector<int> lengths;
    pointers.reserve(values.size());
    lengths.reserve(values.size());
    for (const QByteArray& value : values) {
        pointers.push_back(value.isNull() ? nullptr : value.constData());
        lengths.push_back(int(value.size()));
    }
    const QByteArray text = sql.toUtf8();
    PGresult* result = PQexecParams(connection, text.constData(), int(values.size()), nullptr, pointers.data(),
                                    lengths.data(), nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        const QString state = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        const bool lost = PQstatus(connection) != CONNECTION_OK;
        PQclear(result);
        *error = QSqlError(QStringLiteral("Cannot run a statement"), message,
                           lost ? QSqlError::ConnectionError : QSqlError::StatementError, state);
        return false;
    }
    if (rows) {
        rows->clear();
        const int count = PQntuples(result);
        const int columns = PQnfields(result);
        rows->reserve(count);
        for (int r = 0; r < count; ++r) {
            QList<QByteArray> row;
            row.reserve(columns);
            for (int c = 0; c < columns; ++c)
                row.append(PQgetisnull(result, r, c) ? QByteArray()
                                                     : QByteArray(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
            rows->append(row);
        }
    }
    PQclear(result);
    return true;
}

void ServerDatabase::runDirect(const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    if (!q.exec(sql))
        throw DatabaseFailure(q.lastError().text());
}

void ServerDatabase::begin()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.transaction())
        throw DatabaseFailure(db.lastError().text());
}

void ServerDatabase::commit()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.commit())
        throw DatabaseFailure(db.lastError().text());
}

void ServerDatabase::rollback()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    db.rollback();
}

} // namespace foyer::server
