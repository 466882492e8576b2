#include "StaffAdministrationClient.h"

#include "SyncHttpClient.h"

#include <QJsonArray>

namespace foyer::sync {

StaffAdministrationClient::StaffAdministrationClient(SyncEndpoint endpoint, QByteArray token)
    : m_endpoint(std::move(endpoint))
    , m_token(std::move(token))
{
}

StaffAdministrationClient::Account StaffAdministrationClient::accountFrom(const QJsonObject& entry)
{
    Account account;
    account.id = entry.value(QStringLiteral("id")).toString();
    account.username = entry.value(QStringLiteral("username")).toString();
    account.displayName = entry.value(QStringLiteral("display_name")).toString();
    account.email = entry.value(QStringLiteral("email")).toString();
    account.role = entry.value(QStringLiteral("role")).toString();
    account.active =
        entry.value(QStringLiteral("active")).toBool(true) && !entry.value(QStringLiteral("disabled")).toBool(false);
    return account;
}

StaffAdministrationClient::Result StaffAdministrationClient::send(const QString& path, const QJsonObject* body)
{
    Result result;
    if (m_token.isEmpty()) {
        result.message = tr("Sign in while the server can be reached to manage staff accounts.");
        return result;
    }
    SyncHttpClient http(m_endpoint);
    const HttpResult reply = body ? http.post(path, *body, m_token) : http.get(path, {}, m_token);
    if (!reply.ok()) {
        result.message =
            reply.status == 403 ? tr("Only an administrator can manage staff accounts.") : reply.describe();
        return result;
    }
    result.ok = true;
    if (reply.body.contains(QStringLiteral("staff")))
        for (const QJsonValue& entry : reply.body.value(QStringLiteral("staff")).toArray())
            result.accounts.append(accountFrom(entry.toObject()));
    else
        result.accounts.append(accountFrom(reply.body));
    return result;
}

StaffAdministrationClient::Result StaffAdministrationClient::list()
{
    return send(QStringLiteral("/v1/staff"), nullptr);
}

StaffAdministrationClient::Result StaffAdministrationClient::create(const Account& account,
                                                                    const core::SecureBuffer& password)
{
    QJsonObject body{
        {QStringLiteral("username"), account.username},
        {QStringLiteral("display_name"), account.displayName},
        {QStringLiteral("email"), account.email},
        {QStringLiteral("role"), account.role},
        {QStringLiteral("password"), QString::fromUtf8(password.view().data(), qsizetype(password.size()))}};
    Result result = send(QStringLiteral("/v1/staff"), &body);
    body = QJsonObject(); // the one copy of the password outside locked memory, dropped at once
    return result;
}

StaffAdministrationClient::Result StaffAdministrationClient::update(const QString& id, const QJsonObject& changes)
{
    return send(QStringLiteral("/v1/staff/") + id, &changes);
}

StaffAdministrationClient::Result StaffAdministrationClient::resetPassword(const QString& id,
                                                                           const core::SecureBuffer& password)
{
    QJsonObject body{
        {QStringLiteral("password"), QString::fromUtf8(password.view().data(), qsizetype(password.size()))}};
    Result result = send(QStringLiteral("/v1/staff/") + id, &body);
    body = QJsonObject();
    return result;
}

} // namespace foyer::sync
