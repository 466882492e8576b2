#include "LinkService.h"

#include "LinkTokens.h"
#include "ServerChange.h"
#include "ServerDatabase.h"
#include "StaffAccounts.h"

#include <QDateTime>
#include <optional>

namespace foyer::server {

namespace {

ApiReply malformed(const QString& why)
{
    return ApiReply::error(400, QStringLiteral("malformed"), why);
}

// The reply for a token that cannot be used; none for a valid one.
std::optional<ApiReply> refusal(LinkTokens::State state)
{
    switch (state) {
    case LinkTokens::State::Valid:
        return std::nullopt;
    case LinkTokens::State::Unknown:
        return ApiReply::error(404, QStringLiteral("unknown_link"),
                               QStringLiteral("This link is not valid. Use the link in the latest email."));
    case LinkTokens::State::Used:
        return ApiReply::error(410, QStringLiteral("link_used"), QStringLiteral("This link has already been used."));
    case LinkTokens::State::Expired:
        return ApiReply::error(410, QStringLiteral("link_expired"),
                               QStringLiteral("This link has expired. Ask the box office for a new one."));
    }
    return std::nullopt;
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

bool cancellable(const QJsonObject& gift)
{
    const QString status = gift.value(QStringLiteral("status")).toString();
    return status == QLatin1String("active") || status == QLatin1String("paused");
}

} // namespace

ApiReply LinkService::setPassword(const QJsonObject& body)
{
    const QJsonValue tokenValue = body.value(QStringLiteral("token"));
    const QJsonValue passwordValue = body.value(QStringLiteral("password"));
    if (!tokenValue.isString() || !passwordValue.isString() || tokenValue.toString().size() > 200 ||
        passwordValue.toString().size() > 1000)
        return malformed(QStringLiteral("set-password needs token and password as text"));
    const QString token = tokenValue.toString();
    const QString password = passwordValue.toString();
    if (password.size() < minPasswordLength)
        return ApiReply::error(400, QStringLiteral("weak_password"),
                               QStringLiteral("Use at least %1 characters for the password.").arg(minPasswordLength));
    LinkTokens tokens(m_db);
    // Checked before the slow hash, and again under the lock.
    if (const auto refused = refusal(tokens.find(token, LinkTokens::setPassword, false).state))
        return *refused;
    const QString hash = StaffAccounts::hashPassword(password.toUtf8());

    m_db.begin();
    try {
        const LinkTokens::Found found = tokens.find(token, LinkTokens::setPassword, true);
        if (const auto refused = refusal(found.state)) {
            m_db.rollback();
            return *refused;
        }
        ServerChange::lockVenue(m_db, found.venueId);
        QJsonObject membership;
        if (!ServerChange::read(m_db, found.venueId, QStringLiteral("membership"), found.entityId, &membership) ||
            !membership.value(QStringLiteral("deleted_at")).toString().isEmpty()) {
            m_db.rollback();
            return ApiReply::error(410, QStringLiteral("link_gone"),
                                   QStringLiteral("This membership no longer exists."));
        }
        ServerChange::update(m_db, found.venueId, QStringLiteral("membership"), found.entityId,
                             {{QStringLiteral("password_hash"), hash}, {QStringLiteral("updated_at"), nowText()}});
        tokens.use(found, LinkTokens::setPassword);
        m_db.commit();
        qInfo("links: the password of membership %s was set through its link",
              qPrintable(membership.value(QStringLiteral("membership_number")).toString()));
        return ApiReply::ok(
            {{QStringLiteral("membership_number"), membership.value(QStringLiteral("membership_number"))}});
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

QJsonObject LinkService::summaryOf(const QString& venueId, const QJsonObject& gift)
{
    QJsonValue fund = QJsonValue::Null;
    const QString fundId = gift.value(QStringLiteral("fund_id")).toString();
    QJsonObject fundRow;
    if (!fundId.isEmpty() && ServerChange::read(m_db, venueId, QStringLiteral("fund"), fundId, &fundRow))
        fund = fundRow.value(QStringLiteral("name"));
    QJsonObject out{{QStringLiteral("id"), gift.value(QStringLiteral("id"))},
                    {QStringLiteral("amount_minor"), gift.value(QStringLiteral("amount_minor"))},
                    {QStringLiteral("frequency"), gift.value(QStringLiteral("frequency"))},
                    {QStringLiteral("term_months"), gift.value(QStringLiteral("term_months"))},
                    {QStringLiteral("starts_on"), gift.value(QStringLiteral("starts_on"))},
                    {QStringLiteral("status"), gift.value(QStringLiteral("status"))},
                    {QStringLiteral("fund"), fund},
                    {QStringLiteral("can_cancel"), cancellable(gift)}};
    if (gift.contains(QStringLiteral("cancel_reason")))
        out.insert(QStringLiteral("cancel_reason"), gift.value(QStringLiteral("cancel_reason")));
    for (auto it = out.begin(); it != out.end(); ++it)
        if (it.value().isUndefined())
            it.value() = QJsonValue::Null;
    return out;
}

ApiReply LinkService::recurringSummary(const QString& token)
{
    LinkTokens tokens(m_db);
    const LinkTokens::Found found = tokens.find(token, LinkTokens::recurringDonation, false);
    if (const auto refused = refusal(found.state))
        return *refused;
    QJsonObject gift;
    if (!ServerChange::read(m_db, found.venueId, QStringLiteral("recurring_donation"), found.entityId, &gift) ||
        !gift.value(QStringLiteral("deleted_at")).toString().isEmpty())
        return ApiReply::error(410, QStringLiteral("link_gone"), QStringLiteral("This donation no longer exists."));
    return ApiReply::ok({{QStringLiteral("recurring_donation"), summaryOf(found.venueId, gift)}});
}

ApiReply LinkService::recurringAction(const QJsonObject& body)
{
    const QJsonValue tokenValue = body.value(QStringLiteral("token"));
    const QJsonValue reasonValue = body.value(QStringLiteral("reason"));
    if (!tokenValue.isString() || tokenValue.toString().size() > 200 ||
        body.value(QStringLiteral("action")) != QJsonValue(QStringLiteral("cancel")) ||
        !(reasonValue.isUndefined() || reasonValue.isNull() || reasonValue.isString()) ||
        reasonValue.toString().size() > 500)
        return malformed(QStringLiteral("recurring needs token as text, action \"cancel\" and reason as text"));
    const QString given = reasonValue.toString().simplified();
    const QString reason = QStringLiteral("Cancelled by the donor through the management link") +
                           (given.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + given);
    LinkTokens tokens(m_db);
    m_db.begin();
    try {
        const LinkTokens::Found found = tokens.find(tokenValue.toString(), LinkTokens::recurringDonation, true);
        if (const auto refused = refusal(found.state)) {
            m_db.rollback();
            return *refused;
        }
        ServerChange::lockVenue(m_db, found.venueId);
        const QString table = QStringLiteral("recurring_donation");
        QJsonObject gift;
        if (!ServerChange::read(m_db, found.venueId, table, found.entityId, &gift) ||
            !gift.value(QStringLiteral("deleted_at")).toString().isEmpty()) {
            m_db.rollback();
            return ApiReply::error(410, QStringLiteral("link_gone"), QStringLiteral("This donation no longer exists."));
        }
        if (!cancellable(gift)) {
            m_db.rollback();
            return ApiReply::error(409, QStringLiteral("not_active"),
                                   QStringLiteral("This donation is %1: there is nothing to cancel.")
                                       .arg(gift.value(QStringLiteral("status")).toString()));
        }
        ServerChange::update(m_db, found.venueId, table, found.entityId,
                             {{QStringLiteral("status"), QStringLiteral("cancelled")},
                              {QStringLiteral("cancel_reason"), reason},
                              {QStringLiteral("updated_at"), nowText()}});
        tokens.use(found, LinkTokens::recurringDonation);
        ServerChange::read(m_db, found.venueId, table, found.entityId, &gift);
        const QJsonObject summary = summaryOf(found.venueId, gift);
        m_db.commit();
        qInfo("links: recurring donation %s was cancelled through its link", qPrintable(found.entityId));
        return ApiReply::ok({{QStringLiteral("recurring_donation"), summary}});
    } catch (...) {
        m_db.rollback();
        throw;
    }
}

} // namespace foyer::server
