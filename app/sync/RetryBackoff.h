#pragma once

#include <chrono>

namespace foyer::sync {

// How long to wait before the next try after a run of failures: doubling from one second, never more than five
// minutes, with up to a fifth taken off at random so that twenty windows that lost the network together do not all
// come back in the same second. The one place that decides it (as Nextcloud's client keeps its backoff in one place).
class RetryBackoff
{
public:
    static constexpr std::chrono::milliseconds First{1000};
    static constexpr std::chrono::milliseconds Longest{5 * 60 * 1000};

    // failures: how many tries in a row failed (1 for the first). jitter01: a number in [0, 1), random in use.
    static std::chrono::milliseconds delayAfter(int failures, double jitter01);
};

} // namespace foyer::sync
