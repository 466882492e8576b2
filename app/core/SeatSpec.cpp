#include "SeatSpec.h"

#include <QRegularExpression>

namespace foyer::core {

QList<SeatSpec::Seat> SeatSpec::parse(const QString& text, QString* error)
{
    static const QRegularExpression part(QStringLiteral(
        "^(?:([A-Za-z][A-Za-z ]*?)\\s+)?([A-Za-z]{1,3})\\s*(\\d{1,4})(?:\\s*-\\s*([A-Za-z]{1,3})?\\s*(\\d{1,4}))?$"));
    QList<Seat> seats;
    const auto refuse = [error](const QString& message) {
        if (error)
            *error = message;
        return QList<Seat>();
    };
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    QString section;
    if (parts.isEmpty())
        return refuse(tr("Type seats like B12, B12-15 or B12-15, C3."));
    for (const QString& raw : parts) {
        const QString piece = raw.trimmed();
        const QRegularExpressionMatch m = part.match(piece);
        if (!m.hasMatch())
            return refuse(
                tr("\"%1\" is not a seat: type a row letter and a seat number, like B12 or B12-15.").arg(piece));
        // A section carries over to the parts after it: "Stalls B12-15, C3".
        if (!m.captured(1).isEmpty())
            section = m.captured(1).simplified();
        const QString row = m.captured(2).toUpper();
        const int first = m.captured(3).toInt();
        int last = first;
        if (!m.captured(5).isEmpty()) {
            if (!m.captured(4).isEmpty() && m.captured(4).toUpper() != row)
                return refuse(tr("\"%1\" spans two rows; a range stays within one row.").arg(piece));
            last = m.captured(5).toInt();
        }
        if (last < first)
            return refuse(tr("\"%1\" runs backwards; write the lower seat number first.").arg(piece));
        if (first < 1)
            return refuse(tr("Seat numbers start at 1 (\"%1\").").arg(piece));
        for (int n = first; n <= last; ++n) {
            const Seat seat{section, row, n};
            if (seats.contains(seat))
                return refuse(tr("Seat %1%2 is typed twice.").arg(row).arg(n));
            seats.append(seat);
            if (seats.size() > maxSeatsPerEntry)
                return refuse(tr("At most %1 seats at a time.").arg(maxSeatsPerEntry));
        }
    }
    if (error)
        error->clear();
    return seats;
}

} // namespace foyer::core
