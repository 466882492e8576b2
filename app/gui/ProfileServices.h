#pragma once

#include "Repositories.h"
#include "StaffMember.h"

namespace foyer::gui {

// What an open profile reads and changes through, and who is changing it.
struct ProfileServices
{
    storage::Repositories* repos = nullptr;
    QString actorId;         // the signed-in staff member
    QString actorEmail;      // their address: From and Reply-To of emails to patrons
    core::StaffMember staff; // who they are (refunds need a manager)
};

} // namespace foyer::gui
