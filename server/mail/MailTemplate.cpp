#include "MailTemplate.h"

namespace foyer::server {

MailTemplate::Status MailTemplate::render(const QString& name, const QJsonObject& details, const QString& staffName,
                                          Content* out, QString* why)
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
    *why = QStringLiteral("The server cannot send %1 emails yet.").arg(name);
    return Status::NotYet;
}

} // namespace foyer::server
