#pragma once

#include "Repositories.h"

namespace foyer::gui {

// What an open profile reads and changes through, and who is changing it.
struct ProfileServices
{
    storage::Repositories* repos = nullptr;
    QString actorId;    // the signed-in staff member
    QString actorEmail; // their address: From and Reply-To of emails to patrons
};

} // namespace foyer::gui
