#include "ReportBuilder.h"

#include "Clock.h"
#include "ContactActivityReport.h"
#include "DaySheetReport.h"
#include "DonationsReport.h"
#include "MembershipCreditsReport.h"
#include "PatronSheetReport.h"
#include "RenewalsDueReport.h"
#include "ThreadRepositories.h"

namespace foyer::reports {

bool ReportBuilder::build(storage::Repositories& repos, const ReportRequest& request, ReportDocument* report,
                          QString* error)
{
    const QDate from = request.from;
    const QDate to = std::max(request.from, request.to);
    // A read that fails stops the report with its cause: a report with rows missing would look complete.
    QString readError;
    switch (request.kind) {
    case ReportRequest::Kind::DaySheet: {
        DaySheetReport::Input input;
        input.day = from;
        input.workstation = request.workstation;
        input.payments = repos.reports.payments(from, request.workstation, &readError);
        if (readError.isEmpty())
            input.orders = repos.reports.ordersConfirmed(from, request.workstation, &readError);
        if (readError.isEmpty())
            input.events = repos.reports.orderEvents(from, request.workstation, &readError);
        if (readError.isEmpty())
            input.counts = repos.cashDrawers.counts(from, request.workstation, &readError);
        if (readError.isEmpty())
            *report = DaySheetReport::build(input);
        break;
    }
    case ReportRequest::Kind::MembershipCredits: {
        const auto uses = repos.reports.creditUse(from, to, &readError);
        if (readError.isEmpty())
            *report = MembershipCreditsReport::build(uses, from, to);
        break;
    }
    case ReportRequest::Kind::Donations: {
        const auto donations = repos.reports.donations(from, to, &readError);
        const auto recurring = readError.isEmpty() ? repos.reports.recurringDonations(&readError)
                                                   : QList<storage::ReportRepository::RecurringRow>();
        if (readError.isEmpty())
            *report = DonationsReport::build(donations, recurring, from, to, request.listEveryDonation);
        break;
    }
    case ReportRequest::Kind::ContactActivity: {
        const auto logs = repos.reports.contactActivity(from, to, &readError);
        if (readError.isEmpty())
            *report = ContactActivityReport::build(logs, from, to);
        break;
    }
    case ReportRequest::Kind::PatronSheet: {
        const std::optional<QString> id = repos.patrons.idForPatronNumber(request.patronNumber, &readError);
        const std::optional<core::PatronProfile> profile =
            id && readError.isEmpty() ? repos.patrons.loadProfile(*id, &readError) : std::nullopt;
        if (!readError.isEmpty())
            break; // reported below as a read failure, not as "no such patron"
        if (!profile) {
            if (error)
                *error = tr("There is no patron with number %1.").arg(request.patronNumber);
            return false;
        }
        // Every part of the sheet is read, or none of it is printed: a part that failed would read as "none".
        PatronSheetReport::Input input;
        input.profile = *profile;
        input.memberships = repos.engagement.memberships(*id, &readError);
        if (readError.isEmpty())
            input.orders = repos.activity.orders(*id, &readError);
        QList<core::DonationRecord> donations;
        QList<core::RecurringDonation> recurring;
        if (readError.isEmpty())
            donations = repos.activity.donations(*id, &readError);
        if (readError.isEmpty())
            recurring = repos.activity.recurringDonations(*id, &readError);
        if (readError.isEmpty())
            input.contactLogs = repos.activity.contactLogs(*id, &readError);
        if (readError.isEmpty())
            input.notes = repos.activity.notes(*id, &readError);
        if (!readError.isEmpty())
            break;
        input.overview = core::PatronOverview::compute(input.orders, donations, recurring);
        input.today = core::Clock::today();
        *report = PatronSheetReport::build(input);
        break;
    }
    case ReportRequest::Kind::RenewalsDue: {
        const auto renewals = repos.reports.renewalsDue(from, to, &readError);
        if (readError.isEmpty())
            *report = RenewalsDueReport::build(renewals, from, to, core::Clock::today());
        break;
    }
    }
    if (readError.isEmpty())
        report->venueName =
            repos.settings.value(QString::fromLatin1(storage::SettingsRepository::VenueName), QString(), &readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = tr("The report could not be read from the database: %1").arg(readError);
        return false;
    }
    return true;
}

bool ReportBuilder::buildOnOwnConnection(const storage::Database& database, const ReportRequest& request,
                                         ReportDocument* report, QString* error)
{
    storage::DatabaseError failure;
    const storage::ThreadRepositories own(database, &failure);
    if (!own.repositories()) {
        if (error)
            *error = failure.message;
        return false;
    }
    return build(*own.repositories(), request, report, error);
}

} // namespace foyer::reports
