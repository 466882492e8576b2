// foyer-bench SUITE [options]; see StorageBenchmark.h.
#include "OrdersBenchmark.h"
#include "ProfileBenchmark.h"
#include "ReportsBenchmark.h"
#include "StorageBenchmark.h"
#include "SyncBenchmark.h"

#include <QApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv); // the profile benchmark shows the real main window (offscreen)
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
    if (suite == QLatin1String("profile") || suite == QLatin1String("profile-measure")) {
        if (suite == QLatin1String("profile-measure"))
            return foyer::bench::ProfileBenchmark::measure(arguments.value(0), arguments.value(1).toInt(),
                                                           arguments.value(2).toInt());
        QString error;
        const auto options = foyer::bench::ProfileBenchmark::parse(arguments, &error);
        if (!error.isEmpty()) {
            QTextStream(stderr) << "foyer-bench: " << error << Qt::endl;
            return 2;
        }
        return foyer::bench::ProfileBenchmark::run(options, QCoreApplication::applicationFilePath());
    }
    if (suite == QLatin1String("sync-client"))
        return foyer::bench::SyncBenchmark::client(arguments);
    if (suite == QLatin1String("sync")) {
        QString error;
        const auto options = foyer::bench::SyncBenchmark::parse(arguments, &error);
        if (!error.isEmpty()) {
            QTextStream(stderr) << "foyer-bench: " << error << Qt::endl;
            return 2;
        }
        return foyer::bench::SyncBenchmark::run(options, QCoreApplication::applicationFilePath());
    }
    if (suite == QLatin1String("orders")) {
        QString error;
        const auto options = foyer::bench::OrdersBenchmark::parse(arguments, &error);
        if (!error.isEmpty()) {
            QTextStream(stderr) << "foyer-bench: " << error << Qt::endl;
            return 2;
        }
        return foyer::bench::OrdersBenchmark::run(options);
    }
    if (suite == QLatin1String("reports"))
        return foyer::bench::ReportsBenchmark::run(arguments);
    QTextStream(stderr)
        << "usage: foyer-bench reports [--donations N]\n"
           "       foyer-bench orders [--patrons N] [--orders N] [--history-shows N] [--renders N] [--dir PATH]\n"
           "       foyer-bench profile [--patrons N] [--orders-per-patron N] [--searches N] [--dir PATH]\n"
           "       foyer-bench storage [--rows N] [--lookups N] [--batch N] [--cache-kib N] "
           "[--page-size N] [--ids uuid7|uuid4] [--dir PATH]\n"
           "       foyer-bench sync [--push-ops N] [--workstations N] [--seconds N] [--load-batch N] [--round-ms N]\n"
           "                        [--servers N]\n"
           "                        [--patrons N] [--orders-per-patron N] [--client-cache-kib N]\n"
           "                        [--parts push,load,initial] [--dir PATH]"
        << Qt::endl;
    return 2;
}
