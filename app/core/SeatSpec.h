#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace foyer::core {

// Seats as staff type them at the window: "B12", "B12-15", "B12-B15", with a section in front when the hall has
// several ("Stalls H10-13"), several separated by commas ("Stalls B12-15, C3": C3 is in the stalls too). Rows are
// letters, seats are numbers; a range stays within one row.
class SeatSpec
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::SeatSpec)
public:
    struct Seat
    {
        QString section; // as typed (empty: not given); the hall's seat map decides what it matches
        QString row;
        int number = 0;
        bool operator==(const Seat& other) const = default;
    };

    // The seats in the order typed; on a mistake, nothing and a message naming the part that is wrong.
    static QList<Seat> parse(const QString& text, QString* error);
    static constexpr int maxSeatsPerEntry = 100;
};

} // namespace foyer::core
