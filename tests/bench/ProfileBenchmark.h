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
    // The builder: a new encrypted database at path of that many synthetic patrons with their orders (patron 1 the
    // heavy one: 2,000 orders, 500 contact logs), progress printed; false (why in problem) when it cannot be made.
    // foyer-bench orders builds on it too.
    static bool build(const QString& path, const QByteArray& key, qint64 patronCount, int ordersPerPatron,
                      QString* problem);
    static int run(const Options& options, const QString& selfPath);
    // The child: reads the key (hex) from stdin, opens the database, measures, prints the figures.
    static int measure(const QString& databasePath, int searches, int cacheKib);
};

} // namespace foyer::bench
