#include "ContactActivityReport.h"

#include "Clock.h"
#include "ContactKind.h"

#include <QLocale>
#include <QMap>

namespace foyer::reports {

QString ContactActivityReport::kindLabel(const QString& kind)
{
    return core::ContactKind::label(kind);
}

ReportDocument ContactActivityReport::build(const QList<storage::ReportRepository::ContactRow>& logs, const QDate& from,
                                            const QDate& to)
{
    const QLocale locale;
    ReportDocument report;
    report.title = tr("Contact activity");
    report.parameters = {
        tr("From %1 to %2")
            .arg(locale.toString(from, QLocale::ShortFormat), locale.toString(to, QLocale::ShortFormat))};
    const QStringList kinds = core::ContactKind::codes();
    QMap<QString, QMap<QString, int>> byStaff; // staff -> kind -> count
    QMap<QString, int> byOutcome;
    ReportDocument::Section detail;
    detail.heading = tr("Every contact");
    detail.columns = {tr("When"), tr("Staff"), tr("Kind"), tr("Direction"), tr("Patron"), tr("Subject"), tr("Outcome")};
    detail.rightAligned = {false, false, false, false, false, false, false};
    for (const auto& log : logs) {
        const QString staff = log.staffName.isEmpty() ? tr("(imported)") : log.staffName;
        ++byStaff[staff][log.kind];
        ++byOutcome[log.outcome.isEmpty() ? tr("(none)") : log.outcome];
        detail.rows.append({locale.toString(core::Clock::atVenue(log.at), QStringLiteral("d MMM yyyy HH:mm")), staff,
                            kindLabel(log.kind),
                            log.direction == QLatin1String("inbound") ? tr("Incoming") : tr("Outgoing"), log.patronName,
                            log.subject, log.outcome});
    }

    ReportDocument::Section perStaff;
    perStaff.heading = tr("By staff member and kind");
    perStaff.columns = {tr("Staff")};
    for (const QString& kind : kinds)
        perStaff.columns.append(kindLabel(kind));
    perStaff.columns.append(tr("Total"));
    perStaff.rightAligned = {false, true, true, true, true, true, true};
    QList<int> columnTotals(kinds.size() + 1, 0);
    for (auto it = byStaff.cbegin(); it != byStaff.cend(); ++it) {
        QStringList row = {it.key()};
        int total = 0;
        for (int k = 0; k < kinds.size(); ++k) {
            const int n = it.value().value(kinds.at(k));
            row.append(QString::number(n));
            columnTotals[k] += n;
            total += n;
        }
        row.append(QString::number(total));
        columnTotals[kinds.size()] += total;
        perStaff.rows.append(row);
    }
    perStaff.totals = {tr("Total")};
    for (int n : columnTotals)
        perStaff.totals.append(QString::number(n));

    ReportDocument::Section outcomes;
    outcomes.heading = tr("Outcomes");
    outcomes.columns = {tr("Outcome"), tr("Contacts")};
    outcomes.rightAligned = {false, true};
    for (auto it = byOutcome.cbegin(); it != byOutcome.cend(); ++it)
        outcomes.rows.append({it.key(), QString::number(it.value())});

    report.sections = {perStaff, outcomes, detail};
    return report;
}

} // namespace foyer::reports
