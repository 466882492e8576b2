#pragma once

#include <QList>
#include <QTextStream>
#include <algorithm>

// Shared by the benchmarks: where figures go, and percentiles of timings.
namespace foyer::bench {

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// The p-th percentile (0..1) of nanosecond timings, in milliseconds.
inline double percentileMs(QList<qint64> nanos, double p)
{
    std::sort(nanos.begin(), nanos.end());
    const qsizetype index = std::min<qsizetype>(nanos.size() - 1, qsizetype(p * double(nanos.size())));
    return double(nanos.at(index)) / 1e6;
}

} // namespace foyer::bench
