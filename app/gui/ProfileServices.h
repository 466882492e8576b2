#pragma once

#include "PatronActivityRepository.h"
#include "PatronDetailsRepository.h"
#include "PatronSearchRepository.h"

namespace foyer::gui {

// What an open profile reads and changes through, and who is changing it.
struct ProfileServices
{
    storage::PatronActivityRepository* activity = nullptr;
    storage::PatronDetailsRepository* details = nullptr;
    storage::PatronSearchRepository* search = nullptr; // for picking a related patron
    QString actorId;                                   // the signed-in staff member
    QString actorEmail;                                // their address: From and Reply-To of emails to patrons
};

} // namespace foyer::gui
