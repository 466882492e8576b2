#pragma once

#include <QStringList>

namespace foyer::bench {

// foyer-bench profile: builds an encrypted database of synthetic patrons with their orders, then, in a fresh child
// process that holds only what the app holds (the key comes over a pipe), measures search as you type through the
// patron search model, opening a heavy profile in the real main window, and the peak RSS after visiting profiles.
class ProfileBenchmark
{
public:
    struct Options
    {
        qint64 patrons = 1000000;
        int ordersPerPatron = 3;
        int searches = 1000;
        QList<int> cacheKib = {0}; // page caches to measure with, each in a fresh process; 0: Foyer's default
        QString directory;
    };

    static Options parse(const QStringList& arguments, QString* error);
    static int run(const Options& options, const QString& selfPath);
    // The child: reads the key (hex) from stdin, opens the database, measures, prints the figures.
    static int measure(const QString& databasePath, int searches, int cacheKib);
};

} // namespace foyer::bench
