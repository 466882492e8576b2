#pragma once

#include <QStringList>

namespace foyer::bench {

// foyer-bench storage: inserts synthetic patrons through QSQLCIPHER and through Qt's QSQLITE (plain file, same
// schema and settings), then times indexed last-name prefix lookups through each, interleaved.
class StorageBenchmark
{
public:
    struct Options
    {
        qint64 rows = 1000000;
        int lookups = 1000;
        int batch = 10000;
        int cacheKib = 524288; // the QSQLCIPHER default; QSQLITE gets the same
        int cipherPageSize = 4096;
        bool uuidV7 = true;
        QString directory;
    };

    static Options parse(const QStringList& arguments, QString* error);
    static int run(const Options& options);
};

} // namespace foyer::bench
