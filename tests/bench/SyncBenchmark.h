#pragma once

#include <QStringList>

namespace foyer::bench {

// foyer-bench sync: the venue's server under load, PostgreSQL and foyer-server included, all on this machine. It
// starts its own PostgreSQL cluster and foyer-server process (tests/helpers) and measures, each part in a venue of
// its own:
//  1. push throughput: real operations (a patron created through PatronRepository, captured by the triggers and read
//     back with SyncOutbox::pending, is the template; each pushed operation is that one with fresh ids, number and
//     clock) pushed from one registered workstation through SyncHttpClient in batches of SyncEngine::PushBatch;
//  2. concurrent workstations: each registered, on its own thread with its own SyncHttpClient, pushing small batches
//     and pulling for a while; every push's latency; then lost and duplicated operations and rows, checked in
//     PostgreSQL, in every workstation's pull stream and in a fresh reader's pull from 0;
//  3. the first sync of a big venue: row_state seeded with SQL (patrons, their emails, orders), then a brand-new
//     registered workstation runs SyncEngine::pull from 0 in a child process (its own peak RSS) and searches.
// The last line of output is the summary.
class SyncBenchmark
{
public:
    struct Options
    {
        qint64 pushOps = 100000;
        int workstations = 20;
        int seconds = 60;
        int loadBatch = 5; // operations per push in part 2
        int roundMs = 250; // each workstation starts a push-and-pull round this often (0: back to back)
        int servers = 1;   // foyer-server processes on the one database for part 2 (workstations spread over them)
        qint64 patrons = 1000000;
        int ordersPerPatron = 3;
        int clientCacheKib = 0; // part 3's client page cache; 0: Foyer's default
        QStringList parts = {QStringLiteral("push"), QStringLiteral("load"), QStringLiteral("initial")};
        QString directory;
    };

    static Options parse(const QStringList& arguments, QString* error);
    static int run(const Options& options, const QString& selfPath);
    // The child of part 3: foyer-bench sync-client DATABASE DATABASE-ID PATRON-ID SEARCH-WORD, key (hex) on stdin.
    static int client(const QStringList& arguments);
};

} // namespace foyer::bench
