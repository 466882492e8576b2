#pragma once

#include "Repositories.h"

namespace foyer::seed {

// Today at the demo's box office window, through the same repositories the order editor and the drawer count use:
// walk-up sales by the box office account in every pay type, a manager's refund, and the drawer counted at close, so
// the day sheet has something true to show.
class BoxOfficeDaySeeder
{
public:
    // Does nothing when today already has payments (seeding twice leaves one day, not two).
    static bool run(storage::Repositories& repos, QString* error);
};

} // namespace foyer::seed
