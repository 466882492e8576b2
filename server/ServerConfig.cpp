#include "ServerConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace foyer::server {

namespace {

bool positive(const QSettings& ini, const QString& key, int* value, QString* error)
{
    bool ok = false;
    const int v = ini.value(key, *value).toInt(&ok);
    if (!ok || v < 0) {
        *error = QStringLiteral("%1 must be a number, 0 or more.").arg(key);
        return false;
    }
    *value = v;
    return true;
}

bool loadSmtp(const QSettings& ini, const QDir& base, ServerConfig::Smtp* smtp, QString* error)
{
    using Security = ServerConfig::Smtp::Security;
    smtp->enabled = ini.value(QStringLiteral("smtp/enabled"), false).toBool();
    smtp->host = ini.value(QStringLiteral("smtp/host")).toString().trimmed();
    const QString security = ini.value(QStringLiteral("smtp/security"), QStringLiteral("starttls")).toString();
    if (security == QLatin1String("starttls"))
        smtp->security = Security::StartTls;
    else if (security == QLatin1String("tls"))
        smtp->security = Security::Tls;
    else if (security == QLatin1String("none"))
        smtp->security = Security::None;
    else {
        *error = QStringLiteral("smtp/security must be starttls, tls or none.");
        return false;
    }
    bool ok = false;
    const int port = ini.value(QStringLiteral("smtp/port"), smtp->security == Security::Tls ? 465 : 587).toInt(&ok);
    if (!ok || port <= 0 || port > 65535) {
        *error = QStringLiteral("smtp/port is not a port number.");
        return false;
    }
    smtp->port = static_cast<quint16>(port);
    const QString ca = ini.value(QStringLiteral("smtp/ca_file")).toString();
    smtp->caFile = ca.isEmpty() ? ca : base.absoluteFilePath(ca);
    smtp->username = ini.value(QStringLiteral("smtp/username")).toString();
    smtp->password = ini.value(QStringLiteral("smtp/password")).toString();
    smtp->fromAddress = ini.value(QStringLiteral("smtp/from_address")).toString().trimmed();
    smtp->fromName = ini.value(QStringLiteral("smtp/from_name")).toString().trimmed();
    smtp->heloName = ini.value(QStringLiteral("smtp/helo_name"), smtp->heloName).toString().trimmed();
    if (!positive(ini, QStringLiteral("smtp/timeout_seconds"), &smtp->timeoutSeconds, error) ||
        !positive(ini, QStringLiteral("smtp/interval_seconds"), &smtp->intervalSeconds, error) ||
        !positive(ini, QStringLiteral("smtp/retry_seconds"), &smtp->retrySeconds, error) ||
        !positive(ini, QStringLiteral("smtp/max_attempts"), &smtp->maxAttempts, error))
        return false;
    if (smtp->timeoutSeconds == 0 || smtp->maxAttempts == 0) {
        *error = QStringLiteral("smtp/timeout_seconds and smtp/max_attempts must be more than 0.");
        return false;
    }
    if (smtp->enabled && (smtp->host.isEmpty() || smtp->fromAddress.isEmpty())) {
        *error = QStringLiteral("smtp/host and smtp/from_address must be set when smtp/enabled is true.");
        return false;
    }
    return true;
}

bool loadPortal(const QSettings& ini, ServerConfig::Portal* portal, QString* error)
{
    QString base = ini.value(QStringLiteral("portal/base_url")).toString().trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!base.isEmpty()) {
        const QUrl url(base, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) || url.hasQuery() ||
            url.hasFragment()) {
            *error = QStringLiteral("portal/base_url must be an http or https address without a query.");
            return false;
        }
    }
    portal->baseUrl = base;
    if (!positive(ini, QStringLiteral("portal/link_lifetime_hours"), &portal->linkLifetimeHours, error))
        return false;
    if (portal->linkLifetimeHours == 0) {
        *error = QStringLiteral("portal/link_lifetime_hours must be more than 0.");
        return false;
    }
    return true;
}

} // namespace

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
    if (!loadSmtp(ini, base, &c.smtp, error) || !loadPortal(ini, &c.portal, error))
        return std::nullopt;
    return c;
}

} // namespace foyer::server
