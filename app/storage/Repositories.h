#pragma once

#include "CashDrawerRepository.h"
#include "MemberImportRepository.h"
#include "OrderLifeRepository.h"
#include "OrderRepository.h"
#include "PatronActivityRepository.h"
#include "PatronDetailsRepository.h"
#include "PatronEditRepository.h"
#include "PatronEngagementRepository.h"
#include "PatronRepository.h"
#include "PatronSearchRepository.h"
#include "ReportRepository.h"
#include "SettingsRepository.h"
#include "StaffRepository.h"
#include "SyncOutbox.h"
#include "TaskRepository.h"
#include "VenueRepository.h"

namespace foyer::storage {

// Every repository the window works through, on one connection, made once at startup and passed down as a whole so
// a new repository does not change every constructor between main() and the widget that needs it.
struct Repositories
{
    explicit Repositories(const QSqlDatabase& db)
        : patrons(db)
        , search(db)
        , activity(db)
        , details(db)
        , edit(db)
        , engagement(db)
        , tasks(db)
        , staff(db)
        , settings(db)
        , venue(db)
        , orders(db)
        , orderLife(db)
        , memberImport(db)
        , reports(db)
        , cashDrawers(db)
        , syncOutbox(db)
    {
    }

    PatronRepository patrons;
    PatronSearchRepository search;
    PatronActivityRepository activity;
    PatronDetailsRepository details;
    PatronEditRepository edit;
    PatronEngagementRepository engagement;
    TaskRepository tasks;
    StaffRepository staff;
    SettingsRepository settings;
    VenueRepository venue;
    OrderRepository orders;
    OrderLifeRepository orderLife;
    MemberImportRepository memberImport;
    ReportRepository reports;
    CashDrawerRepository cashDrawers;
    SyncOutbox syncOutbox;
};

} // namespace foyer::storage
