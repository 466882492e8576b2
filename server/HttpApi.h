#pragma once

#include "ApiReply.h"
#include "ServerConfig.h"
#include "ServerDatabase.h"
#include "SessionStore.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>

namespace foyer::server {

// The /v1/ routes of docs/sync-protocol.md over HTTPS. Keeps nothing between requests but the database connection:
// every session, workstation and row lives in PostgreSQL.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // Room for one large operation (a member import writes thousands of rows in one transaction); clients send
    // batches of a few MiB.
    static constexpr qsizetype maxBodyBytes = 32 * 1024 * 1024;

    HttpApi(const ServerConfig& config, ServerDatabase& db, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    ApiReply route(const QHttpServerRequest& request);
    ApiReply health();
    ApiReply signIn(const QJsonObject& body);
    std::optional<SessionStore::Session> session(const QHttpServerRequest& request);
    void send(const QHttpServerRequest& request, QTcpSocket* socket, const ApiReply& reply);

    ServerConfig m_config;
    ServerDatabase& m_db;
    SessionStore m_sessions;
};

} // namespace foyer::server
