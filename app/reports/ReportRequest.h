#pragma once

#include <QDate>
#include <QString>

namespace foyer::reports {

// What a manager asked for in the Reports window: which report and its parameters.
struct ReportRequest
{
    enum class Kind
    {
        DaySheet,
        MembershipCredits,
        Donations,
        ContactActivity,
        PatronSheet,
        RenewalsDue
    };
    Kind kind = Kind::Donations;
    QDate from;
    QDate to;                       // the day sheet's day is `from`
    QString workstation;            // day sheet: empty for all
    qint64 patronNumber = 0;        // patron sheet
    bool listEveryDonation = false; // donations: the full list in the PDF too (the CSV always has it)
};

} // namespace foyer::reports
