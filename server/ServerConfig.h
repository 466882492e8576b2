#pragma once

#include <QHostAddress>
#include <QString>
#include <optional>

namespace foyer::server {

// The server's INI file:
//   [server]   listen (address), port, certificate, key (PEM paths, relative to the file), session_lifetime_minutes
//   [database] host (name, address or socket directory), port, name, user, password (optional)
class ServerConfig
{
public:
    static std::optional<ServerConfig> load(const QString& path, QString* error);

    QHostAddress listenAddress{QHostAddress::LocalHost};
    quint16 port = 8443;
    QString certificatePath;
    QString keyPath;
    int sessionLifetimeMinutes = 720;

    QString databaseHost = QStringLiteral("127.0.0.1");
    int databasePort = 5432;
    QString databaseName = QStringLiteral("foyer");
    QString databaseUser = QStringLiteral("postgres");
    QString databasePassword;
};

} // namespace foyer::server
