#include "ServerConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace foyer::server {

std::optional<ServerConfig> ServerConfig::load(const QString& path, QString* error)
{
    const QFileInfo file(path);
    if (!file.isFile() || !file.isReadable()) {
        *error = QStringLiteral("Cannot read the configuration file %1.").arg(path);
        return std::nullopt;
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        *error = QStringLiteral("The configuration file %1 is not a valid INI file.").arg(path);
        return std::nullopt;
    }
    const QDir base = file.absoluteDir();
    ServerConfig c;
    const QString listen = ini.value(QStringLiteral("server/listen"), QStringLiteral("127.0.0.1")).toString();
    if (!c.listenAddress.setAddress(listen)) {
        *error = QStringLiteral("server/listen is not an address: %1").arg(listen);
        return std::nullopt;
    }
    bool ok = false;
    const int port = ini.value(QStringLiteral("server/port"), 8443).toInt(&ok);
    if (!ok || port < 0 || port > 65535) {
        *error = QStringLiteral("server/port is not a port number.");
        return std::nullopt;
    }
    c.port = static_cast<quint16>(port);
    const auto resolved = [&](const QString& key) {
        const QString value = ini.value(key).toString();
        return value.isEmpty() ? value : base.absoluteFilePath(value);
    };
    c.certificatePath = resolved(QStringLiteral("server/certificate"));
    c.keyPath = resolved(QStringLiteral("server/key"));
    if (c.certificatePath.isEmpty() || c.keyPath.isEmpty()) {
        *error = QStringLiteral("server/certificate and server/key must name the TLS certificate and key.");
        return std::nullopt;
    }
    c.sessionLifetimeMinutes = ini.value(QStringLiteral("server/session_lifetime_minutes"), 720).toInt(&ok);
    if (!ok || c.sessionLifetimeMinutes <= 0) {
        *error = QStringLiteral("server/session_lifetime_minutes must be a positive number.");
        return std::nullopt;
    }
    c.databaseHost = ini.value(QStringLiteral("database/host"), c.databaseHost).toString();
    c.databasePort = ini.value(QStringLiteral("database/port"), c.databasePort).toInt(&ok);
    if (!ok || c.databasePort <= 0 || c.databasePort > 65535) {
        *error = QStringLiteral("database/port is not a port number.");
        return std::nullopt;
    }
    c.databaseName = ini.value(QStringLiteral("database/name"), c.databaseName).toString();
    c.databaseUser = ini.value(QStringLiteral("database/user"), c.databaseUser).toString();
    c.databasePassword = ini.value(QStringLiteral("database/password")).toString();
    return c;
}

} // namespace foyer::server
