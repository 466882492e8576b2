#include "MailTemplate.h"

#include "LinkTokens.h"
#include "MoneyFormat.h"

#include <QLocale>

namespace foyer::server {

namespace {

QString greeting(const QJsonObject& facts)
{
    const QString first = facts.value(QStringLiteral("first_name")).toString().trimmed();
    return first.isEmpty() ? QStringLiteral("Hello,") : QStringLiteral("Dear %1,").arg(first);
}

QString expiry(const QDateTime& when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("d MMMM yyyy, HH:mm")) + QStringLiteral(" UTC");
}

QString everyWhat(const QString& frequency)
{
    if (frequency == QLatin1String("quarterly"))
        return QStringLiteral("quarterly");
    if (frequency == QLatin1String("yearly"))
        return QStringLiteral("yearly");
    return QStringLiteral("monthly");
}

} // namespace

QString MailTemplate::linkPurpose(const QString& name)
{
    if (name == QLatin1String("member_set_password"))
        return LinkTokens::setPassword;
    if (name == QLatin1String("recurring_donation_management_link"))
        return LinkTokens::recurringDonation;
    return QString();
}

QString MailTemplate::linkEntityField(const QString& name)
{
    if (name == QLatin1String("member_set_password"))
        return QStringLiteral("membership_id");
    if (name == QLatin1String("recurring_donation_management_link"))
        return QStringLiteral("recurring_donation_id");
    return QString();
}

MailTemplate::Status MailTemplate::render(const QString& name, const QJsonObject& details, const QString& staffName,
                                          const Link& link, Content* out, QString* why)
{
    const QString subject = details.value(QStringLiteral("subject")).toString().trimmed();
    if (name.isEmpty() || name == QLatin1String("contact_log")) {
        const QString body = details.value(QStringLiteral("body")).toString();
        if (subject.isEmpty() || body.trimmed().isEmpty()) {
            *why = QStringLiteral("The email has no subject or no message.");
            return Status::Invalid;
        }
        *out = {subject, body};
        return Status::Ready;
    }
    if (name == QLatin1String("member_details_changed")) {
        const QString number = details.value(QStringLiteral("membership_number")).toString().trimmed();
        if (number.isEmpty()) {
            *why = QStringLiteral("The notice names no membership.");
            return Status::Invalid;
        }
        out->subject = subject.isEmpty() ? QStringLiteral("Member details changed: %1").arg(number) : subject;
        out->body = QStringLiteral("The details of membership %1 were changed at the box office%2.\n\n"
                                   "This notice was sent by Foyer.\n")
                        .arg(number, staffName.isEmpty() ? QString() : QStringLiteral(" by %1").arg(staffName));
        return Status::Ready;
    }
    if (!linkPurpose(name).isEmpty() && link.url.isEmpty()) {
        *why = QStringLiteral("The %1 email has no link.").arg(name);
        return Status::Invalid;
    }
    if (name == QLatin1String("member_set_password")) {
        const QString number = link.facts.value(QStringLiteral("membership_number")).toString().trimmed();
        out->subject = QStringLiteral("Set the password for your membership %1").arg(number).trimmed();
        out->body = QStringLiteral("%1\n\n"
                                   "Your membership %2 is ready. To choose the password you will use when you book "
                                   "with your membership, open this link:\n\n"
                                   "%3\n\n"
                                   "The link works once, until %4. If it has expired, ask the box office for a new "
                                   "one. If you did not expect this email, you can ignore it.\n")
                        .arg(greeting(link.facts), number, link.url, expiry(link.expiresAt));
        return Status::Ready;
    }
    if (name == QLatin1String("recurring_donation_management_link")) {
        const QString every = everyWhat(link.facts.value(QStringLiteral("frequency")).toString());
        const QString fund = link.facts.value(QStringLiteral("fund")).toString().trimmed();
        const QString amount = core::MoneyFormat::amount(link.facts.value(QStringLiteral("amount_minor")).toInteger());
        out->subject = subject.isEmpty() ? QStringLiteral("Manage your %1 donation").arg(every) : subject;
        out->body =
            QStringLiteral("%1\n\n"
                           "Thank you for your %2 donation of %3%4. To see it or cancel it, open this "
                           "link:\n\n"
                           "%5\n\n"
                           "The link works until %6, and once it has cancelled the donation it no longer "
                           "works. If you did not ask for it, you can ignore this email.\n")
                .arg(greeting(link.facts), every, amount,
                     fund.isEmpty() ? QString() : QStringLiteral(" to %1").arg(fund), link.url, expiry(link.expiresAt));
        return Status::Ready;
    }
    *why = QStringLiteral("The server cannot send %1 emails yet.").arg(name);
    return Status::NotYet;
}

} // namespace foyer::server
