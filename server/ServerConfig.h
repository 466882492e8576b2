#pragma once

#include <QHostAddress>
#include <QString>
#include <optional>

namespace foyer::server {

// The server's INI file:
//   [server]   listen (address), port, certificate, key (PEM paths, relative to the file), session_lifetime_minutes
//   [database] host (name, address or socket directory), port, name, user, password (optional)
//   [smtp]     enabled (serve sends queued email on a timer), host, port, security (starttls, tls or none), ca_file
//              (PEM, relative to the file; empty: the system's CAs), username, password (only here, never logged),
//              from_address, from_name, helo_name, timeout_seconds, interval_seconds, retry_seconds, max_attempts
//   [portal]   base_url (http or https; the single-use links the server mails start with it; empty: those emails stay
//              queued), link_lifetime_hours (how long a link works, default 168)
class ServerConfig
{
public:
    // How the server reaches the venue's mail relay (server/mail/).
    struct Smtp
    {
        enum class Security
        {
            StartTls,
            Tls,
            None
        };
        bool enabled = false;
        QString host;
        quint16 port = 587;
        Security security = Security::StartTls;
        QString caFile;
        QString username;
        QString password;
        QString fromAddress;
        QString fromName;
        QString heloName = QStringLiteral("localhost");
        int timeoutSeconds = 30;
        int intervalSeconds = 10;
        int retrySeconds = 60;
        int maxAttempts = 5;
    };

    // Where the single-use links in set-your-password and donation-management emails lead.
    struct Portal
    {
        QString baseUrl; // without a trailing '/'; empty: not configured
        int linkLifetimeHours = 168;
    };

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

    Smtp smtp;
    Portal portal;
};

} // namespace foyer::server
