#include "HttpApi.h"

#include "DatabaseFailure.h"
#include "LinkService.h"
#include "PullService.h"
#include "PushService.h"
#include "StaffAccounts.h"
#include "StaffAdministration.h"
#include "TicketKeys.h"
#include "WorkstationRegistry.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace foyer::server {

namespace {

ApiReply malformed(const QString& why)
{
    return ApiReply::error(400, QStringLiteral("malformed"), why);
}

ApiReply unauthorized()
{
    return ApiReply::error(401, QStringLiteral("unauthorized"),
                           QStringLiteral("Sign in again: the session is missing, unknown or expired."));
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    default:
        return QStringLiteral("OTHER");
    }
}

bool isString(const QJsonObject& o, const char* field, qsizetype maxLength)
{
    const QJsonValue v = o.value(QLatin1String(field));
    return v.isString() && v.toString().size() <= maxLength;
}

} // namespace

HttpApi::HttpApi(const ServerConfig& config, ServerDatabase& db, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_config(config)
    , m_db(db)
    , m_sessions(db, config.sessionLifetimeMinutes)
{
}

void HttpApi::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    send(request, socket, ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such endpoint.")));
}

bool HttpApi::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QElapsedTimer timer;
    timer.start();
    ApiReply reply;
    if (request.body().size() > maxBodyBytes) {
        reply = ApiReply::error(413, QStringLiteral("too_large"), QStringLiteral("A request may be at most 32 MiB."));
    } else if (!m_db.ensureOpen()) {
        reply = ApiReply::error(503, QStringLiteral("unavailable"), QStringLiteral("The database is unavailable."));
    } else {
        try {
            reply = route(request);
        } catch (const DatabaseFailure& failure) {
            m_db.rollback();
            qWarning("database failure: %s", failure.what());
            reply = ApiReply::error(503, QStringLiteral("unavailable"), QStringLiteral("The database is unavailable."));
        }
    }
    // The path only: never a query string, header or body (tokens and passwords travel there).
    qInfo("%s %s %d %lld ms", qPrintable(methodName(request.method())), qPrintable(request.url().path()), reply.status,
          static_cast<long long>(timer.elapsed()));
    send(request, socket, reply);
    return true;
}

void HttpApi::send(const QHttpServerRequest& request, QTcpSocket* socket, const ApiReply& reply)
{
    // The responder writes the head and the body apart: with Nagle's algorithm the body then waited for the client's
    // delayed acknowledgement of the head, about 40 ms on every reply.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QHttpServerResponder responder = makeResponder(request, socket);
    const auto status = static_cast<QHttpServerResponder::StatusCode>(reply.status);
    if (reply.status == 204) {
        responder.write(status);
        return;
    }
    responder.write(QJsonDocument(reply.body).toJson(QJsonDocument::Compact),
                    {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}}, status);
}

std::optional<SessionStore::Session> HttpApi::session(const QHttpServerRequest& request)
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    if (!header.startsWith("Bearer "))
        return std::nullopt;
    return m_sessions.find(QString::fromLatin1(header.mid(7).trimmed()));
}

ApiReply HttpApi::health()
{
    return ApiReply::ok({{QStringLiteral("status"), QStringLiteral("ok")},
                         {QStringLiteral("schema"), m_db.schemaVersion()},
                         {QStringLiteral("server_time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
}

ApiReply HttpApi::signIn(const QJsonObject& body)
{
    if (!isString(body, "username", 200) || !isString(body, "password", 1000) ||
        (body.contains(QStringLiteral("workstation_id")) && !isString(body, "workstation_id", 200)))
        return malformed(QStringLiteral("sign-in needs username and password as text"));
    const QString username = body.value(QStringLiteral("username")).toString();
    const QString hint = body.value(QStringLiteral("workstation_id")).toString();
    QString venueId;
    QString workstationId;
    if (!hint.isEmpty()) {
        QSqlQuery& q = m_db.run(QStringLiteral("SELECT id, venue_id FROM workstation WHERE id = ? OR database_id = ? "
                                               "LIMIT 1"),
                                {hint, hint});
        if (q.next()) {
            workstationId = q.value(0).toString();
            venueId = q.value(1).toString();
        }
    }
    StaffAccounts accounts(m_db);
    const StaffAccounts::SignIn result =
        accounts.signIn(venueId, username, body.value(QStringLiteral("password")).toString().toUtf8());
    if (result.outcome == StaffAccounts::Outcome::Locked)
        return ApiReply::error(423, QStringLiteral("locked"),
                               QStringLiteral("Too many wrong passwords: the account is locked for %1 minutes.")
                                   .arg(StaffAccounts::lockMinutes));
    if (result.outcome != StaffAccounts::Outcome::SignedIn)
        return ApiReply::error(401, QStringLiteral("wrong_credentials"), QStringLiteral("Wrong username or password."));
    const SessionStore::Issued issued = m_sessions.create(result.staff.id, result.staff.venueId, workstationId);
    return ApiReply::ok(
        {{QStringLiteral("token"), issued.token},
         {QStringLiteral("expires_at"), issued.expiresAt.toString(Qt::ISODateWithMs)},
         {QStringLiteral("staff"), QJsonObject{{QStringLiteral("id"), result.staff.id},
                                               {QStringLiteral("username"), result.staff.username},
                                               {QStringLiteral("display_name"), result.staff.displayName},
                                               {QStringLiteral("email"), result.staff.email},
                                               {QStringLiteral("role"), result.staff.role},
                                               {QStringLiteral("password_version"), result.staff.passwordVersion}}}});
}

ApiReply HttpApi::route(const QHttpServerRequest& request)
{
    const QString path = request.url().path();
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (!path.startsWith(QLatin1String("/v1/")) || !(get || post))
        return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such endpoint."));

    QJsonObject body;
    if (post && !request.body().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return malformed(QStringLiteral("The body must be a JSON object."));
        body = doc.object();
    }

    if (get && path == QLatin1String("/v1/health"))
        return health();
    if (post && path == QLatin1String("/v1/sign-in"))
        return signIn(body);
    // The links the server mails: the token is the proof, no session (and the log line has the path only).
    if (post && path == QLatin1String("/v1/links/set-password"))
        return LinkService(m_db).setPassword(body);
    if (path == QLatin1String("/v1/links/recurring")) {
        if (get)
            return LinkService(m_db).recurringSummary(
                request.query().queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded));
        return LinkService(m_db).recurringAction(body);
    }

    static const QRegularExpression blockPath(
        QStringLiteral("^/v1/workstations/([A-Za-z0-9_-]{1,100})/patron-numbers$"));
    const auto block = blockPath.match(path);
    static const QRegularExpression staffPath(QStringLiteral("^/v1/staff/([A-Za-z0-9_-]{1,100})$"));
    const auto staffMember = staffPath.match(path);
    const bool staffDirectory = get && path == QLatin1String("/v1/staff/directory");
    const bool staffImport = post && path == QLatin1String("/v1/staff/import");
    const bool staffAdmin = (post && (path == QLatin1String("/v1/staff") || staffMember.hasMatch())) ||
                            (get && path == QLatin1String("/v1/staff"));
    static const QRegularExpression revokePath(QStringLiteral("^/v1/workstations/([A-Za-z0-9_-]{1,100})/revoke$"));
    const auto revoke = revokePath.match(path);
    const bool certificate = post && path == QLatin1String("/v1/workstations/ticket-certificate");
    const bool known =
        (post && (path == QLatin1String("/v1/sign-out") || path == QLatin1String("/v1/password") ||
                  path == QLatin1String("/v1/workstations") || path == QLatin1String("/v1/push") ||
                  path == QLatin1String("/v1/tickets/sign") || block.hasMatch() || revoke.hasMatch() || certificate)) ||
        (get && (path == QLatin1String("/v1/pull") || path == QLatin1String("/v1/ticket-key"))) || staffDirectory ||
        staffAdmin;
    if (!known)
        return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such endpoint."));

    const std::optional<SessionStore::Session> s = session(request);
    if (!s)
        return unauthorized();
    const bool manager = s->role == QLatin1String("manager") || s->role == QLatin1String("admin");

    if (path == QLatin1String("/v1/sign-out")) {
        m_sessions.end(s->tokenHash);
        return ApiReply::noContent();
    }
    if (path == QLatin1String("/v1/password")) {
        if (!isString(body, "old_password", 1000) || !isString(body, "new_password", 1000))
            return malformed(QStringLiteral("old_password and new_password must be text"));
        const QByteArray fresh = body.value(QStringLiteral("new_password")).toString().toUtf8();
        if (body.value(QStringLiteral("new_password")).toString().size() < 10)
            return malformed(QStringLiteral("Use at least 10 characters for the new password."));
        StaffAccounts accounts(m_db);
        if (!accounts.changePassword(s->staffId, body.value(QStringLiteral("old_password")).toString().toUtf8(), fresh))
            return ApiReply::error(403, QStringLiteral("wrong_password"),
                                   QStringLiteral("The current password is wrong."));
        return ApiReply::noContent();
    }
    if (path == QLatin1String("/v1/workstations")) {
        const QByteArray ticketKey = TicketKeys::publicKeyFrom(body.value(QStringLiteral("ticket_public_key")));
        if (!isString(body, "database_id", 200) || body.value(QStringLiteral("database_id")).toString().isEmpty() ||
            (body.contains(QStringLiteral("name")) && !isString(body, "name", 200)) ||
            (body.contains(QStringLiteral("ticket_public_key")) && ticketKey.isEmpty()))
            return malformed(QStringLiteral("database_id must be text, name text, ticket_public_key a base64 "
                                            "Ed25519 public key"));
        if (!manager)
            return ApiReply::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("Only a manager or admin registers a workstation."));
        WorkstationRegistry registry(m_db);
        QString workstationId;
        const ApiReply reply =
            registry.registerWorkstation(s->venueId, body.value(QStringLiteral("database_id")).toString(),
                                         body.value(QStringLiteral("name")).toString(), ticketKey, &workstationId);
        // A session not yet bound to a workstation becomes the registered workstation's.
        if (reply.status == 200 && s->workstationId.isEmpty())
            m_sessions.bindWorkstation(s->tokenHash, workstationId);
        return reply;
    }
    if (block.hasMatch()) {
        const QString workstationId = block.captured(1);
        if (!manager && !s->workstationId.isEmpty() && s->workstationId != workstationId)
            return ApiReply::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("This session belongs to another workstation."));
        return WorkstationRegistry(m_db).nextPatronNumbers(s->venueId, workstationId);
    }
    if (certificate)
        return TicketKeys(m_db).certificateFor(s->venueId, s->workstationId, body);
    if (revoke.hasMatch()) {
        if (s->role != QLatin1String("admin"))
            return ApiReply::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("Only an admin revokes a workstation."));
        return TicketKeys(m_db).revoke(s->venueId, revoke.captured(1));
    }
    if (staffDirectory)
        return ApiReply::ok({{QStringLiteral("staff"), StaffAdministration(m_db).directory(s->venueId)}});
    if (staffAdmin) {
        if (s->role != QLatin1String("admin"))
            return ApiReply::error(403, QStringLiteral("forbidden"), QStringLiteral("Only an admin manages staff."));
        StaffAdministration staff(m_db);
        if (get)
            return staff.list(s->venueId);
        if (staffImport)
            return staff.importStaff(s->venueId, body);
        if (staffMember.hasMatch())
            return staff.update(s->venueId, staffMember.captured(1), body);
        return staff.create(s->venueId, body);
    }
    if (path == QLatin1String("/v1/tickets/sign"))
        return TicketKeys(m_db).sign(s->venueId, body);
    if (path == QLatin1String("/v1/push"))
        return PushService(m_db).push(*s, body);
    if (path == QLatin1String("/v1/pull"))
        return PullService(m_db).pull(s->venueId, request.query());
    return WorkstationRegistry(m_db).ticketKey(s->venueId);
}

} // namespace foyer::server
