#pragma once

#include <QString>

namespace foyer::storage {

// Who is working at this workstation, for the operations its transactions leave (sync_outbox.staff_id). Process-wide
// and thread-safe: set at sign-in, cleared at sign-out; empty before sign-in exists (operations then carry null).
class SyncContext
{
public:
    static void setStaffId(const QString& staffId);
    static QString staffId();
};

} // namespace foyer::storage
