#include "RetryBackoff.h"

#include <algorithm>

namespace foyer::sync {

std::chrono::milliseconds RetryBackoff::delayAfter(int failures, double jitter01)
{
    if (failures <= 0)
        return std::chrono::milliseconds{0};
    // 2^(failures-1) seconds, computed without overflow: past 2^9 s it is capped anyway.
    const int doublings = std::min(failures - 1, 20);
    const long long base = std::min<long long>(First.count() << doublings, Longest.count());
    const double clampedJitter = std::clamp(jitter01, 0.0, 0.999999);
    const auto withJitter = static_cast<long long>(static_cast<double>(base) * (1.0 - 0.2 * clampedJitter));
    return std::chrono::milliseconds{std::max<long long>(withJitter, First.count() * 4 / 5)};
}

} // namespace foyer::sync
