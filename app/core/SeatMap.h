#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace foyer::core {

// A hall's seats as imported from CSV (columns section,row,seat,x,y and optionally member_only), checked before
// anything is written: every seat needs a label and a position, no label twice, no two seats on top of each other.
class SeatMap
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::SeatMap)
public:
    struct Seat
    {
        QString id;
        QString section;
        QString row;
        QString number;
        double x = 0; // seat widths from the stage's left edge
        double y = 0; // rows from the stage
        bool memberOnly = false;
        QString label() const { return section + u' ' + row + number; }
    };
    struct Parsed
    {
        QList<Seat> seats;
        QStringList errors; // "line 7: ..." for each problem
    };

    // Two seats closer than this (in seat widths) overlap.
    static constexpr double minimumSpacing = 0.9;

    static Parsed parse(const QString& csvText);
};

// Setup rules the admin screens and the import share.
class VenueRules
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::VenueRules)
public:
    // Why a presale window cannot be saved (empty when it can): it must end no later than the public sale starts.
    static QString presaleProblem(const QDateTime& startsAt, const QDateTime& endsAt, const QDateTime& publicSaleAt);
};

} // namespace foyer::core
