// foyer-bench SUITE [options]; see StorageBenchmark.h.
#include "StorageBenchmark.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString suite = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (suite == QLatin1String("storage")) {
        QString error;
        const auto options = foyer::bench::StorageBenchmark::parse(arguments, &error);
        if (!error.isEmpty()) {
            QTextStream(stderr) << "foyer-bench: " << error << Qt::endl;
            return 2;
        }
        return foyer::bench::StorageBenchmark::run(options);
    }
    QTextStream(stderr) << "usage: foyer-bench storage [--rows N] [--lookups N] [--batch N] [--cache-kib N] "
                           "[--page-size N] [--ids uuid7|uuid4] [--dir PATH]"
                        << Qt::endl;
    return 2;
}
