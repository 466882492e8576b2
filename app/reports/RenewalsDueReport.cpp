#include "RenewalsDueReport.h"

#include "Membership.h"

#include <QLocale>
#include <QMap>

namespace foyer::reports {

ReportDocument RenewalsDueReport::build(const QList<storage::ReportRepository::RenewalRow>& renewals, const QDate& from,
                                        const QDate& to, const QDate& today)
{
    const QLocale locale;
    ReportDocument report;
    report.title = tr("Membership renewals due");
    report.parameters = {
        tr("Ending from %1 to %2")
            .arg(locale.toString(from, QLocale::ShortFormat), locale.toString(to, QLocale::ShortFormat)),
        tr("Status as of %1").arg(locale.toString(today, QLocale::ShortFormat))};

    ReportDocument::Section list;
    list.heading = tr("Memberships to renew");
    list.columns = {tr("Status"),  tr("Membership"), tr("Member"), tr("Level"),
                    tr("Prefers"), tr("Email"),      tr("Phone"),  tr("Address")};
    list.rightAligned = {false, false, false, false, false, false, false, false};
    list.emptyText = tr("No memberships end in this range.");
    QMap<QString, int> byState;
    QMap<QDate, int> byMonth;
    for (const auto& r : renewals) {
        core::Membership membership;
        membership.membershipNumber = r.membershipNumber;
        membership.levelName = r.levelName;
        membership.recurring = true;
        membership.validUntil = r.validUntil;
        membership.validFrom = r.validUntil.addYears(-1);
        const core::Membership::State state = membership.state(today);
        ++byState[state == core::Membership::State::Due       ? tr("Due")
                  : state == core::Membership::State::PastDue ? tr("Past due")
                  : state == core::Membership::State::Expired ? tr("Lapsed")
                                                              : tr("Not yet due")];
        ++byMonth[QDate(r.validUntil.year(), r.validUntil.month(), 1)];
        list.rows.append({membership.statusText(today), r.membershipNumber,
                          QStringLiteral("%1 (#%2)").arg(r.patronName).arg(r.patronNumber), r.levelName,
                          r.preferredContact, r.email, r.phone, r.address});
    }
    list.totals = {tr("Total"), tr("%n membership(s)", nullptr, int(renewals.size()))};

    ReportDocument::Section months;
    months.heading = tr("By month");
    months.columns = {tr("Month"), tr("Memberships")};
    months.rightAligned = {false, true};
    months.barsAreMoney = false;
    for (auto it = byMonth.cbegin(); it != byMonth.cend(); ++it) {
        const QString month = locale.toString(it.key(), QStringLiteral("MMMM yyyy"));
        months.rows.append({month, QString::number(it.value())});
        months.bars.append({month, it.value()});
    }
    ReportDocument::Section states;
    states.heading = tr("By status");
    states.columns = {tr("Status"), tr("Memberships")};
    states.rightAligned = {false, true};
    for (auto it = byState.cbegin(); it != byState.cend(); ++it)
        states.rows.append({it.key(), QString::number(it.value())});

    report.sections = {states, months, list};
    report.landscape = true; // eight columns of contact details
    return report;
}

} // namespace foyer::reports
