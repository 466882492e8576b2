// foyer-seed: fills a Foyer database with deterministic synthetic demo data.
//   foyer-seed --database PATH [--seed N] [--patrons N]
#include "Database.h"
#include "LocalDatabaseOpener.h"
#include "PatronRepository.h"
#include "SyntheticPatronGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace foyer;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("foyer-seed"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption databaseOption(QStringLiteral("database"), QStringLiteral("The database file."),
                                            QStringLiteral("path"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("n"),
                                        QStringLiteral("1"));
    const QCommandLineOption patronsOption(QStringLiteral("patrons"), QStringLiteral("How many patrons."),
                                           QStringLiteral("n"), QStringLiteral("500"));
    parser.addOptions({databaseOption, seedOption, patronsOption});
    parser.process(app);
    if (!parser.isSet(databaseOption)) {
        QTextStream(stderr) << "foyer-seed: --database is required" << Qt::endl;
        return 2;
    }

    startup::LocalDatabaseOpener opener{
        security::KeyStore(qEnvironmentVariable("FOYER_KEYCHAIN_SERVICE", QStringLiteral("Foyer")))};
    startup::StartupError error;
    auto database = opener.open(parser.value(databaseOption), true, &error);
    if (!database) {
        QTextStream(stderr) << "foyer-seed: " << error.message << Qt::endl;
        return error.exitCode;
    }
    storage::PatronRepository patrons(database->connection());
    const qint64 wanted = parser.value(patronsOption).toLongLong();
    seed::SyntheticPatronGenerator generator(parser.value(seedOption).toUInt(), patrons.nextPatronNumber());
    QList<std::pair<core::Patron, QList<core::ContactPoint>>> batch;
    for (qint64 i = 0; i < wanted; ++i) {
        batch.append(generator.nextWithContacts());
        if (batch.size() == 5000 || i + 1 == wanted) {
            QString message;
            if (!patrons.insertBatch(batch, &message)) {
                QTextStream(stderr) << "foyer-seed: " << message << Qt::endl;
                return 1;
            }
            batch.clear();
        }
    }
    QTextStream(stdout) << "foyer-seed: " << patrons.count() << " patrons in " << database->path() << Qt::endl;
    return 0;
}
