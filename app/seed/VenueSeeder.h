#pragma once

#include "VenueRepository.h"

namespace foyer::seed {

// The demo venue, set up through the same repository (and checks) an administrator uses: a main stage of about
// 2,000 seats (stalls, circle with member-only front rows, balcony) and a 200-seat studio, a season of shows with
// weekly performances from a month ago to four months ahead, price types, a fund, and benefit levels covering shows.
class VenueSeeder
{
public:
    struct Venue
    {
        QStringList showIds;       // every show
        QStringList friendShowIds; // the shows the "Friend" level covers
    };

    // Idempotent: a database that already has the main stage is left as it is (and its shows returned).
    static Venue ensure(storage::VenueRepository& venue, QString* error);
    // The main stage's seat map as CSV (section,row,seat,x,y,member_only): what a venue would import.
    static QString mainStageCsv();
    static QString studioCsv();
};

} // namespace foyer::seed
