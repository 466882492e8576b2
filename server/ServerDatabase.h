#pragma once

#include "ServerConfig.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace foyer::server {

// This process's one PostgreSQL connection (QPSQL), and the schema migrations in db/server/, embedded as resources.
// Everything the server knows lives in PostgreSQL, so several processes can share one database.
class ServerDatabase
{
public:
    explicit ServerDatabase(const ServerConfig& config);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase&) = delete;
    ServerDatabase& operator=(const ServerDatabase&) = delete;

    bool open(QString* error);
    // Reconnects when the connection was lost; false when PostgreSQL cannot be reached.
    bool ensureOpen();

    // The newest migration this build knows.
    static int knownSchemaVersion();
    // Applies every pending migration, each in its own transaction; refuses a schema newer than this build knows.
    bool migrate(QString* error);
    // The applied schema version; throws DatabaseFailure.
    int schemaVersion();

    // Runs one statement with positional (?) values; throws DatabaseFailure on any error.
    // The query is this connection's prepared statement for sql: read it before running the same sql again.
    QSqlQuery& run(const QString& sql, const QVariantList& values = {});
    // The same, but an error is returned instead (a constraint violation the caller handles): null on error.
    QSqlQuery* tryRun(const QString& sql, const QVariantList& values, QSqlError* error);

    // One statement whose values are large text (a batch as JSON), sent to PostgreSQL as out-of-line parameters
    // ($1, $2 ...) through libpq on this connection: QPSQL would spell each value into the SQL text as a quoted
    // literal, which both sides then copy, escape and scan. Rows come back as text (null: a null QByteArray).
    // Returns false with the error (its nativeErrorCode the SQLSTATE) when PostgreSQL refuses the statement.
    bool runText(const QString& sql, const QList<QByteArray>& values, QList<QList<QByteArray>>* rows, QSqlError* error);

    // A statement PostgreSQL cannot prepare (SET, SAVEPOINT ...); throws DatabaseFailure.
    void runDirect(const QString& sql);

    void begin();
    void commit();
    void rollback();

private:
    QSqlQuery& prepared(const QString& sql);

    ServerConfig m_config;
    QString m_name;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace foyer::server
