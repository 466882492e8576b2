// foyer-server: serve, migrate, create-admin or send-mail (docs/sync-protocol.md).
#include "HttpApi.h"
#include "MailLoop.h"
#include "ServerConfig.h"
#include "ServerDatabase.h"
#include "StaffAccounts.h"
#include "TicketCertificate.h"
#include "TicketCode.h"
#include "TicketKeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QThread>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace foyer::server;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "foyer-server: %s\n", qPrintable(message));
    return 1;
}

// One line from standard input, not echoed when it is a terminal.
QByteArray readPassword()
{
    const bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "Password: ");
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QByteArray line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.append(static_cast<char>(c));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

int serve(const ServerConfig& config, ServerDatabase& db)
{
    QString error;
    if (!db.migrate(&error))
        return fail(error);
    QFile certFile(config.certificatePath);
    QFile keyFile(config.keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the TLS certificate or key."));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    QSslKey privateKey = key;
    if (privateKey.isNull()) {
        keyFile.seek(0);
        privateKey = QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    }
    if (chain.isEmpty() || privateKey.isNull())
        return fail(QStringLiteral("The TLS certificate or key is not valid PEM."));
    HttpApi api(config, db);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(chain.first());
    if (chain.size() > 1)
        tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(privateKey);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    api.sslSetup(tls);
    const quint16 port = api.listen(config.listenAddress, config.port);
    if (port == 0)
        return fail(QStringLiteral("Cannot listen on %1:%2.").arg(config.listenAddress.toString()).arg(config.port));
    qInfo("foyer-server listening on https://%s:%u", qPrintable(config.listenAddress.toString()), port);
    // Queued email goes out from a thread of its own: a slow mail relay never holds up a request.
    MailLoop mail(config);
    QThread* mailThread = nullptr;
    if (config.smtp.enabled) {
        mailThread = QThread::create([&mail] { mail.run(false); });
        mailThread->start();
    }
    const int code = QCoreApplication::exec();
    if (mailThread) {
        mail.stop();
        mailThread->wait();
        delete mailThread;
    }
    return code;
}

// verify-ticket: "valid: <ticket id>" and who signed it (0) or "invalid: <reason>" (1), checked against the venue's
// public key (the one venue named by --venue, else each venue of the database) with core::TicketCode, the check door
// scanners run. A FOYER2 ticket's workstation must be registered with the venue and not revoked.
int verifyTicket(ServerDatabase& db, const QString& venue, const QString& qrText)
{
    QSqlQuery& q = venue.isEmpty()
                       ? db.run(QStringLiteral("SELECT id, ticket_public_key FROM venue ORDER BY name"))
                       : db.run(QStringLiteral("SELECT id, ticket_public_key FROM venue WHERE name = ?"), {venue});
    QList<QPair<QString, QByteArray>> venues;
    while (q.next())
        venues.append({q.value(0).toString(), q.value(1).toByteArray()});
    q.finish();
    if (venues.isEmpty()) {
        std::printf("invalid: %s\n", venue.isEmpty() ? "the server has no venue" : "no such venue");
        return 1;
    }
    QString reason;
    for (const auto& [venueId, key] : venues) {
        const foyer::core::TicketCode::Verification v = foyer::core::TicketCode::verify(
            qrText, key, QDateTime::currentDateTimeUtc(), TicketKeys(db).revokedWorkstations(venueId));
        // A certificate names its venue's key: that venue's reason is the one to give.
        const bool thisVenue =
            v.certificate && v.certificate->venueKeyId == foyer::core::TicketCertificate::keyIdOf(key);
        if (!v.valid()) {
            if (reason.isEmpty() || thisVenue)
                reason = v.problem;
            if (thisVenue)
                break;
            continue;
        }
        if (v.format == 1) {
            std::printf("valid: %s\nsigned by the venue's key\n", qPrintable(v.ticketId));
            return 0;
        }
        QSqlQuery& w = db.run(QStringLiteral("SELECT prefix, name, revoked_at IS NOT NULL FROM workstation WHERE "
                                             "id = ? AND venue_id = ?"),
                              {v.certificate->workstationId, venueId});
        if (!w.next()) {
            reason =
                QStringLiteral("workstation %1 is not registered with this venue").arg(v.certificate->workstationId);
            break;
        }
        const QString prefix = w.value(0).toString();
        const QString name = w.value(1).toString();
        const bool revoked = w.value(2).toBool();
        w.finish();
        if (revoked) {
            reason = QStringLiteral("workstation %1 is revoked: its tickets are not accepted").arg(prefix);
            break;
        }
        std::printf("valid: %s\nsigned by workstation %s (%s, %s), certificate until %s\n", qPrintable(v.ticketId),
                    qPrintable(prefix), qPrintable(name), qPrintable(v.certificate->workstationId),
                    qPrintable(v.certificate->expiresAt.toString(Qt::ISODate)));
        return 0;
    }
    std::printf("invalid: %s\n", qPrintable(reason));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("foyer-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOYER_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Foyer venue server."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("serve, migrate, create-admin, send-mail or verify-ticket QR-TEXT"));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("The INI file."),
                                          QStringLiteral("file"));
    const QCommandLineOption venueOption(QStringLiteral("venue"), QStringLiteral("create-admin: the venue's name."),
                                         QStringLiteral("name"));
    const QCommandLineOption userOption(QStringLiteral("username"), QStringLiteral("create-admin: the username."),
                                        QStringLiteral("username"));
    const QCommandLineOption nameOption(QStringLiteral("display-name"),
                                        QStringLiteral("create-admin: the name staff see."), QStringLiteral("name"));
    const QCommandLineOption roleOption(QStringLiteral("role"),
                                        QStringLiteral("create-admin: the role (admin unless given)."),
                                        QStringLiteral("role"), QStringLiteral("admin"));
    const QCommandLineOption onceOption(QStringLiteral("once"),
                                        QStringLiteral("send-mail: send what is queued, then exit."));
    parser.addOptions({configOption, venueOption, userOption, nameOption, roleOption, onceOption});
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() == 2 && args.first() == QLatin1String("verify-ticket") && parser.isSet(configOption)) {
        QString error;
        const std::optional<ServerConfig> config = ServerConfig::load(parser.value(configOption), &error);
        if (!config)
            return fail(error);
        ServerDatabase db(*config);
        if (!db.open(&error))
            return fail(error);
        try {
            return verifyTicket(db, parser.value(venueOption).trimmed(), args.at(1));
        } catch (const std::exception& failure) {
            return fail(QString::fromUtf8(failure.what()));
        }
    }
    if (args.size() != 1 || !parser.isSet(configOption))
        return fail(QStringLiteral("usage: foyer-server serve|migrate|create-admin|send-mail --config FILE"));
    const QString command = args.first();

    QString error;
    const std::optional<ServerConfig> config = ServerConfig::load(parser.value(configOption), &error);
    if (!config)
        return fail(error);
    if (command == QLatin1String("send-mail")) {
        if (config->smtp.host.isEmpty() || config->smtp.fromAddress.isEmpty())
            return fail(QStringLiteral("send-mail needs smtp/host and smtp/from_address in the configuration."));
        return MailLoop(*config).run(parser.isSet(onceOption));
    }
    ServerDatabase db(*config);
    if (!db.open(&error))
        return fail(error);

    if (command == QLatin1String("serve"))
        return serve(*config, db);
    if (command == QLatin1String("migrate")) {
        if (!db.migrate(&error))
            return fail(error);
        std::printf("schema version %d\n", ServerDatabase::knownSchemaVersion());
        return 0;
    }
    if (command == QLatin1String("create-admin")) {
        const QString venue = parser.value(venueOption).trimmed();
        const QString username = parser.value(userOption).trimmed();
        const QString role = parser.value(roleOption);
        static const QStringList roles = {QStringLiteral("box_office"), QStringLiteral("development"),
                                          QStringLiteral("manager"), QStringLiteral("admin")};
        if (venue.isEmpty() || username.isEmpty() || !roles.contains(role))
            return fail(QStringLiteral("create-admin needs --venue NAME --username U [--display-name N] [--role R]"));
        if (!db.migrate(&error))
            return fail(error);
        QByteArray password = readPassword();
        if (password.size() < 10)
            return fail(QStringLiteral("The password must have at least 10 characters."));
        try {
            StaffAccounts accounts(db);
            db.begin();
            const QString venueId = accounts.ensureVenue(venue);
            if (!accounts.createStaff(venueId, username, parser.value(nameOption), role, password, &error)) {
                db.rollback();
                password.fill('\0');
                return fail(error);
            }
            db.commit();
        } catch (const std::exception& failure) {
            db.rollback();
            return fail(QString::fromUtf8(failure.what()));
        }
        password.fill('\0');
        std::printf("created %s in venue %s\n", qPrintable(username), qPrintable(venue));
        return 0;
    }
    return fail(QStringLiteral("unknown command %1").arg(command));
}
