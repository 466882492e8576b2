#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

// The subject and text of an email_request from its template and details (the fields the workstation wrote):
//   "" or "contact_log"       a message staff wrote: details subject, body
//   "member_details_changed"  a notice to the membership manager: details membership_number, subject (optional)
//   "member_set_password", "recurring_donation_management_link" and unknown templates need what the server cannot
//   make yet (a single-use link): NotYet, and the request stays queued.
class MailTemplate
{
public:
    enum class Status
    {
        Ready,
        NotYet,
        Invalid // the details cannot make an email: the request fails
    };
    struct Content
    {
        QString subject;
        QString body;
    };

    static Status render(const QString& name, const QJsonObject& details, const QString& staffName, Content* out,
                         QString* why);
};

} // namespace foyer::server
