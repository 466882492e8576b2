#include "MembershipCreditsReport.h"

#include "Clock.h"
#include "CreditUseReview.h"

#include <QLocale>
#include <QMap>

namespace foyer::reports {

ReportDocument MembershipCreditsReport::build(const QList<storage::ReportRepository::CreditUseRow>& uses,
                                              const QDate& from, const QDate& to)
{
    const QLocale locale;
    ReportDocument report;
    report.title = tr("Membership seat credits by show");
    report.parameters = {
        tr("Performances from %1 to %2")
            .arg(locale.toString(from, QLocale::ShortFormat), locale.toString(to, QLocale::ShortFormat))};

    ReportDocument::Section summary;
    summary.heading = tr("By performance");
    summary.columns = {tr("Performance"), tr("Show"), tr("Members"), tr("Credits used"), tr("Flagged")};
    summary.rightAligned = {false, false, true, true, true};
    ReportDocument::Section flagged;
    flagged.heading = tr("Flagged for review");
    flagged.columns = {tr("Performance"), tr("Membership"), tr("Member"), tr("Orders"), tr("Why")};
    flagged.rightAligned = {false, false, false, false, false};
    flagged.emptyText = tr("Nothing to review.");
    QMap<QString, int> usedByShow;

    QList<ReportDocument::Section> performances;
    QString current; // the performance's time and show
    QString currentWhen;
    QString currentShow;
    int members = 0, used = 0, flags = 0, totalUsed = 0;
    auto closePerformance = [&] {
        if (current.isEmpty())
            return;
        summary.rows.append(
            {currentWhen, currentShow, QString::number(members), QString::number(used), QString::number(flags)});
        performances.last().totals = {tr("Total"), QString(), QString(), QString::number(used),
                                      QString(),   QString(), QString()};
    };
    for (const auto& u : uses) {
        const QString when =
            locale.toString(core::Clock::atVenue(u.performanceAt), QStringLiteral("ddd d MMM yyyy HH:mm"));
        const QString key = when + QChar(0x1f) + u.showTitle;
        if (key != current) {
            closePerformance();
            ReportDocument::Section section;
            section.heading = when + QStringLiteral(" \u2014 ") + u.showTitle;
            section.columns = {tr("Membership"),    tr("Member"), tr("Level"), tr("Used here"),
                               tr("Left for show"), tr("Orders"), tr("Review")};
            section.rightAligned = {false, false, false, true, true, false, false};
            performances.append(section);
            current = key;
            currentWhen = when;
            currentShow = u.showTitle;
            members = used = flags = 0;
        }
        const QStringList why =
            core::CreditUseReview::reasons(u.creditsForShow, u.usedForShow, u.validFrom, u.validUntil,
                                           core::Clock::venueDate(u.performanceAt), u.openChangeRequest);
        performances.last().rows.append({u.membershipNumber, u.patronName, u.levelName, QString::number(u.usedHere),
                                         QString::number(u.creditsForShow - u.usedForShow), u.orders,
                                         why.join(QStringLiteral("; "))});
        ++members;
        used += u.usedHere;
        totalUsed += u.usedHere;
        usedByShow[u.showTitle] += u.usedHere;
        if (!why.isEmpty()) {
            ++flags;
            flagged.rows.append({when, u.membershipNumber, u.patronName, u.orders, why.join(QStringLiteral("; "))});
        }
    }
    closePerformance();
    summary.totals = {tr("Total"), QString(), QString(), QString::number(totalUsed),
                      QString::number(flagged.rows.size())};
    summary.emptyText = tr("No membership seats in these performances.");
    for (auto it = usedByShow.cbegin(); it != usedByShow.cend(); ++it)
        summary.bars.append({it.key(), it.value()});
    summary.barsAreMoney = false;

    report.sections = {summary, flagged};
    report.sections += performances;
    return report;
}

} // namespace foyer::reports
