#pragma once

#include <QString>

namespace foyer::server {

// The server's hybrid logical clock value (core::HybridLogicalClock's text form, node "server"): the wall clock in
// UTC milliseconds, or just past the latest clock it has seen if that is ahead of the wall clock.
class ServerClock
{
public:
    static QString now(const QString& latestSeen = QString());
    // Whether text is a well-formed clock value: 15 digits, '-', 6 digits, '-', a node.
    static bool isWellFormed(const QString& text);
};

} // namespace foyer::server
