#pragma once

#include "HttpResult.h"

#include <QString>

namespace foyer::sync {

// What one push-then-pull round did.
struct SyncRound
{
    bool ok = false;
    HttpResult::Kind failure = HttpResult::Kind::Answered; // when !ok and the network was the cause
    bool serverAnswered = false;
    QString problem;
    int pushed = 0;
    int refused = 0;
    qint64 pulled = 0;
};

} // namespace foyer::sync
