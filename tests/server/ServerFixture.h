#pragma once

#include "ApiClient.h"
#include "PostgresCluster.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <memory>

// Shared set-up of the server tests: a PostgreSQL cluster, one database, foyer-server on it, and helpers to build
// pushes the way docs/sync-protocol.md has them.
namespace serverfixture {

inline const QByteArray password = QByteArrayLiteral("correct horse battery");

inline QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QString clock(qint64 millis, int counter, const QString& node)
{
    return QStringLiteral("%1-%2-%3")
        .arg(millis, 15, 10, QLatin1Char('0'))
        .arg(counter, 6, 10, QLatin1Char('0'))
        .arg(node);
}

inline QJsonObject change(const QString& table, const QString& id, const QString& op, const QJsonObject& fields)
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), id}}},
            {QStringLiteral("op"), op},
            {QStringLiteral("fields"), fields}};
}

inline QJsonObject operation(const QString& id, const QString& hlc, const QString& staffId, const QJsonArray& changes)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("hlc"), hlc},
            {QStringLiteral("staff_id"), staffId},
            {QStringLiteral("summary"), QStringLiteral("test operation")},
            {QStringLiteral("changes"), changes}};
}

inline QJsonObject pushBody(const QString& workstationId, const QJsonArray& ops)
{
    return {{QStringLiteral("format"), 1},
            {QStringLiteral("workstation_id"), workstationId},
            {QStringLiteral("operations"), ops}};
}

struct SignedIn
{
    QString token;
    QString staffId;
};

inline SignedIn signIn(ApiClient& api, const QString& username, const QString& workstation = QString())
{
    const ApiClient::Reply r =
        api.post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), username},
                                                 {QStringLiteral("password"), QString::fromUtf8(password)},
                                                 {QStringLiteral("workstation_id"), workstation}});
    return {r.json.value(QStringLiteral("token")).toString(),
            r.json.value(QStringLiteral("staff")).toObject().value(QStringLiteral("id")).toString()};
}

} // namespace serverfixture

namespace serverfixture {

// A PostgreSQL cluster with database "foyer", migrated, and the server's config (not started yet).
struct Stack
{
    PostgresCluster pg;
    std::unique_ptr<ServerProcess> server;

    QString start()
    {
        QString error = pg.start();
        if (!error.isEmpty())
            return error;
        error = pg.createDatabase(QStringLiteral("foyer"));
        if (!error.isEmpty())
            return error;
        server = std::make_unique<ServerProcess>(pg.host(), pg.port(), QStringLiteral("foyer"), pg.user());
        QByteArray out;
        if (server->runCommand({QStringLiteral("migrate")}, {}, &out) != 0)
            return QString::fromLocal8Bit(out);
        return QString();
    }

    // Empty on success; else what create-admin said.
    QString createStaff(const QString& venue, const QString& username, const QString& role)
    {
        QByteArray out;
        const int code = server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"), venue,
                                             QStringLiteral("--username"), username, QStringLiteral("--role"), role},
                                            password + '\n', &out);
        return code == 0 ? QString() : QString::fromLocal8Bit(out);
    }

    // A direct connection to the database for checks, named name.
    QString openCheck(const QString& name)
    {
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        check.setHostName(pg.host());
        check.setPort(pg.port());
        check.setUserName(pg.user());
        check.setDatabaseName(QStringLiteral("foyer"));
        return check.open() ? QString() : check.lastError().text();
    }
};

inline qint64 countOf(const QString& connection, const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace serverfixture

namespace serverfixture {

// Every change of a pull from zero, page by page (limit rows a page); empty with *ok false when a page fails.
inline QList<QJsonObject> pullAll(ApiClient& api, const QString& token, int limit, bool* ok)
{
    QList<QJsonObject> rows;
    qint64 after = 0;
    *ok = false;
    for (int page = 0; page < 100000; ++page) {
        const ApiClient::Reply r = api.get(QStringLiteral("/v1/pull?after=%1&limit=%2").arg(after).arg(limit), token);
        if (r.status != 200)
            return {};
        for (const QJsonValue& v : r.json.value(QStringLiteral("changes")).toArray())
            rows.append(v.toObject());
        after = r.json.value(QStringLiteral("next")).toInteger();
        if (!r.json.value(QStringLiteral("more")).toBool()) {
            *ok = true;
            return rows;
        }
    }
    return {};
}

inline QString registerWorkstation(ApiClient& api, const QString& token, const QString& databaseId)
{
    return api.post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), databaseId}}, token)
        .json.value(QStringLiteral("workstation_id"))
        .toString();
}

// One operation inserting a patron with this number.
inline QJsonObject patronInsert(const QString& hlc, const QString& staffId, qint64 number)
{
    const QString id = uuid();
    return operation(uuid(), hlc, staffId,
                     QJsonArray{change(QStringLiteral("patron"), id, QStringLiteral("insert"),
                                       {{QStringLiteral("id"), id},
                                        {QStringLiteral("patron_number"), number},
                                        {QStringLiteral("last_name"), QStringLiteral("Patron %1").arg(number)}})});
}

} // namespace serverfixture
