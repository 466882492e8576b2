#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace foyer::server {

// The subject and text of an email_request from its template and details (the fields the workstation wrote):
//   "" or "contact_log"       a message staff wrote: details subject, body
//   "member_details_changed"  a notice to the membership manager: details membership_number, subject (optional)
//   "member_set_password"     a member import's set-your-password link: details membership_id
//   "recurring_donation_management_link"  a monthly gift's management link: details recurring_donation_id
// The two link templates need a Link: the single-use URL the server made and what it read about the membership or
// the gift (facts). Unknown templates are NotYet: the request stays queued.
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
    struct Link
    {
        QString url;
        QDateTime expiresAt;
        // member_set_password: membership_number, first_name; recurring_donation_management_link: amount_minor,
        // frequency, fund (may be empty), first_name.
        QJsonObject facts;
    };

    // The LinkTokens purpose of a template that carries a single-use link; empty for one that does not.
    static QString linkPurpose(const QString& name);
    // The details' field naming the link's entity (a membership's or a recurring donation's id).
    static QString linkEntityField(const QString& name);
    // Whether a second copy of such an email does no harm: its link shares single use with the first one's.
    static bool secondCopyIsHarmless(const QString& name) { return !linkPurpose(name).isEmpty(); }

    static Status render(const QString& name, const QJsonObject& details, const QString& staffName, const Link& link,
                         Content* out, QString* why);
};

} // namespace foyer::server
