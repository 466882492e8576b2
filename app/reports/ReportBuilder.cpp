#include "ReportBuilder.h"

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
    switch (request.kind) {
    case ReportRequest::Kind::DaySheet: {
        DaySheetReport::Input input;
        input.day = from;
        input.workstation = request.workstation;
        input.payments = repos.reports.payments(from, request.workstation);
        input.orders = repos.reports.ordersConfirmed(from, request.workstation);
        input.events = repos.reports.orderEvents(from, request.workstation);
        input.counts = repos.cashDrawers.counts(from, request.workstation);
        *report = DaySheetReport::build(input);
        break;
    }
    case ReportRequest::Kind::MembershipCredits:
        *report = MembershipCreditsReport::build(repos.reports.creditUse(from, to), from, to);
        break;
    case ReportRequest::Kind::Donations:
        *report = DonationsReport::build(repos.reports.donations(from, to), repos.reports.recurringDonations(), from,
                                         to, request.listEveryDonation);
        break;
    case ReportRequest::Kind::ContactActivity:
        *report = ContactActivityReport::build(repos.reports.contactActivity(from, to), from, to);
        break;
    case ReportRequest::Kind::PatronSheet: {
        const std::optional<QString> id = repos.patrons.idForPatronNumber(request.patronNumber);
        const std::optional<core::PatronProfile> profile = id ? repos.patrons.loadProfile(*id) : std::nullopt;
        if (!profile) {
            if (error)
                *error = tr("There is no patron with number %1.").arg(request.patronNumber);
            return false;
        }
        PatronSheetReport::Input input;
        input.profile = *profile;
        input.memberships = repos.engagement.memberships(*id);
        input.orders = repos.activity.orders(*id);
        input.overview = core::PatronOverview::compute(input.orders, repos.activity.donations(*id),
                                                       repos.activity.recurringDonations(*id));
        input.contactLogs = repos.activity.contactLogs(*id);
        input.notes = repos.activity.notes(*id);
        input.today = QDate::currentDate();
        *report = PatronSheetReport::build(input);
        break;
    }
    case ReportRequest::Kind::RenewalsDue:
        *report = RenewalsDueReport::build(repos.reports.renewalsDue(from, to), from, to, QDate::currentDate());
        break;
    }
    report->venueName = repos.settings.value(QString::fromLatin1(storage::SettingsRepository::VenueName));
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
