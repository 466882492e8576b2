#include "SeatMap.h"

#include "Csv.h"

#include <QDateTime>
#include <QHash>
#include <cmath>

namespace foyer::core {

SeatMap::Parsed SeatMap::parse(const QString& csvText)
{
    Parsed out;
    QString error;
    const QList<Csv::Row> rows = Csv::parse(csvText, &error);
    if (!error.isEmpty()) {
        out.errors.append(error);
        return out;
    }
    if (rows.isEmpty()) {
        out.errors.append(tr("The seat map is empty."));
        return out;
    }
    QHash<QString, int> column;
    for (int i = 0; i < rows.constFirst().fields.size(); ++i)
        column.insert(rows.constFirst().fields.at(i).trimmed().toLower(), i);
    for (const char* name : {"section", "row", "seat", "x", "y"})
        if (!column.contains(QString::fromLatin1(name))) {
            out.errors.append(tr("The header row lacks the column \"%1\".").arg(QString::fromLatin1(name)));
            return out;
        }
    QHash<QString, int> labels;
    // Seats bucketed by whole position, so the overlap check looks at neighbours only (a 2,000-seat hall is quick).
    QHash<qint64, QList<int>> grid;
    const auto cell = [](double x, double y) { return (qint64(std::floor(x)) << 32) ^ qint64(std::floor(y)); };
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const Csv::Row& row = rows.at(r);
        const auto field = [&](const char* name) {
            return row.fields.value(column.value(QString::fromLatin1(name), -1)).trimmed();
        };
        Seat seat;
        seat.section = field("section");
        seat.row = field("row");
        seat.number = field("seat");
        bool xOk = false, yOk = false;
        seat.x = field("x").toDouble(&xOk);
        seat.y = field("y").toDouble(&yOk);
        const QString member = field("member_only").toLower();
        seat.memberOnly =
            member == QLatin1String("1") || member == QLatin1String("yes") || member == QLatin1String("true");
        const QString where = tr("line %1").arg(row.line);
        if (seat.section.isEmpty() || seat.row.isEmpty() || seat.number.isEmpty()) {
            out.errors.append(tr("%1: a seat needs a section, a row and a seat number.").arg(where));
            continue;
        }
        if (!xOk || !yOk) {
            out.errors.append(tr("%1: seat %2 has no position (x and y are numbers).").arg(where, seat.label()));
            continue;
        }
        const QString key = seat.label().toLower();
        if (labels.contains(key)) {
            out.errors.append(
                tr("%1: seat %2 is listed twice (also on line %3).").arg(where, seat.label()).arg(labels.value(key)));
            continue;
        }
        bool overlaps = false;
        for (int dx = -1; dx <= 1 && !overlaps; ++dx)
            for (int dy = -1; dy <= 1 && !overlaps; ++dy)
                for (int other : grid.value(cell(seat.x + dx, seat.y + dy))) {
                    const Seat& o = out.seats.at(other);
                    if (std::hypot(o.x - seat.x, o.y - seat.y) < minimumSpacing) {
                        out.errors.append(tr("%1: seat %2 overlaps seat %3.").arg(where, seat.label(), o.label()));
                        overlaps = true;
                        break;
                    }
                }
        if (overlaps)
            continue;
        labels.insert(key, row.line);
        grid[cell(seat.x, seat.y)].append(int(out.seats.size()));
        out.seats.append(seat);
    }
    return out;
}

QString VenueRules::presaleProblem(const QDateTime& startsAt, const QDateTime& endsAt, const QDateTime& publicSaleAt)
{
    if (!startsAt.isValid() || !endsAt.isValid())
        return tr("A presale needs a start and an end.");
    if (endsAt <= startsAt)
        return tr("The presale ends before it starts.");
    if (publicSaleAt.isValid() && endsAt > publicSaleAt)
        return tr("The presale ends after the public sale starts.");
    return {};
}

} // namespace foyer::core
