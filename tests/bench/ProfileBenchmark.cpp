#include "ProfileBenchmark.h"

#include "BenchFigures.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "MainWindow.h"
#include "PatronActivityRepository.h"
#include "PatronDetailsRepository.h"
#include "PatronRepository.h"
#include "PatronSearchModel.h"
#include "PatronSearchRepository.h"
#include "SyntheticActivityGenerator.h"
#include "SyntheticPatronGenerator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

namespace foyer::bench {

namespace {

qint64 statusKib(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

ProfileBenchmark::Options ProfileBenchmark::parse(const QStringList& arguments, QString* error)
{
    Options options;
    for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
        bool ok = true;
        const QString& name = arguments.at(i);
        const QString& value = arguments.at(i + 1);
        if (name == QLatin1String("--patrons"))
            options.patrons = value.toLongLong(&ok);
        else if (name == QLatin1String("--orders-per-patron"))
            options.ordersPerPatron = value.toInt(&ok);
        else if (name == QLatin1String("--searches"))
            options.searches = value.toInt(&ok);
        else if (name == QLatin1String("--cache-kib")) { // e.g. 0,131072
            options.cacheKib.clear();
            for (const QString& part : value.split(u','))
                options.cacheKib.append(part.toInt(&ok));
        } else if (name == QLatin1String("--dir"))
            options.directory = value;
        else
            ok = false;
        if (!ok) {
            *error = QStringLiteral("bad option %1 %2").arg(name, value);
            return options;
        }
    }
    if (arguments.size() % 2 != 0)
        *error = QStringLiteral("option %1 needs a value").arg(arguments.constLast());
    return options;
}

bool ProfileBenchmark::build(const QString& path, const QByteArray& key, qint64 patronCount, int ordersPerPatron,
                             QString* problem)
{
    storage::DatabaseError error;
    auto database = storage::Database::open(path, key, storage::Database::Mode::CreateNew, &error);
    if (!database) {
        *problem = QStringLiteral("cannot create the database: ") + error.message;
        return false;
    }
    QSqlDatabase db = database->connection();
    storage::PatronRepository patrons(db);
    storage::DemoDataWriter writer(db);
    seed::SyntheticPatronGenerator people(7);
    seed::SyntheticActivityGenerator activity(7);
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < patronCount;) {
        bool ok = writer.begin(problem);
        for (qint64 end = std::min(patronCount, i + 5000); ok && i < end; ++i) {
            const auto [patron, contacts] = people.nextWithContacts();
            ok = patrons.insert(patron, problem, contacts);
            // Patron 1 is the heavy one: 2,000 orders and 500 contact logs.
            const bool heavy = i == 0;
            const auto done = activity.forPatron(patron.createdAt, heavy ? 2000 : ordersPerPatron, heavy ? 500 : 0);
            for (const auto& order : done.orders)
                ok = ok && writer.addOrder(patron.id, order, problem);
            for (const auto& log : done.logs)
                ok = ok && writer.addContactLog(patron.id, log, problem);
            for (const auto& event : done.history)
                ok = ok && writer.addHistory(patron.id, event, problem);
        }
        if (!writer.finish(ok, problem)) {
            *problem = QStringLiteral("build failed: ") + *problem;
            return false;
        }
        if (i % 100000 == 0)
            out() << "  built " << i << " patrons in " << timer.elapsed() / 1000 << " s" << Qt::endl;
    }
    database->checkpoint();
    out() << QStringLiteral("built in %1 s, file %2 MiB")
                 .arg(timer.elapsed() / 1000)
                 .arg(double(QFileInfo(path).size()) / 1048576.0, 0, 'f', 0)
          << Qt::endl;
    return true;
}

int ProfileBenchmark::run(const Options& options, const QString& selfPath)
{
    QTemporaryDir temporary((options.directory.isEmpty() ? QDir::tempPath() : options.directory) +
                            QStringLiteral("/foyer-profile-bench-XXXXXX"));
    const QString path = temporary.filePath(QStringLiteral("profile.db"));
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    out() << "foyer-bench profile: patrons=" << options.patrons << " orders_per_patron=" << options.ordersPerPatron
          << " searches=" << options.searches << Qt::endl;
    QString buildProblem;
    if (!build(path, key, options.patrons, options.ordersPerPatron, &buildProblem)) {
        out() << buildProblem << Qt::endl;
        return 1;
    }

    int status = 0;
    for (const int cacheKib : options.cacheKib) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(selfPath, {QStringLiteral("profile-measure"), path, QString::number(options.searches),
                               QString::number(cacheKib)});
        child.waitForStarted();
        child.write(key.toHex() + '\n');
        child.closeWriteChannel();
        child.waitForFinished(-1);
        status = std::max(status, child.exitCode());
    }
    key.fill('\0');
    return status;
}

int ProfileBenchmark::measure(const QString& databasePath, int searches, int cacheKib)
{
    QByteArray key = QByteArray::fromHex(QTextStream(stdin).readLine().toLatin1());
    storage::DatabaseError error;
    const QString options = cacheKib > 0 ? QStringLiteral("QSQLCIPHER_CACHE_SIZE=-%1").arg(cacheKib) : QString();
    out() << "page cache: "
          << (cacheKib > 0 ? QString::number(cacheKib) + QStringLiteral(" KiB") : QStringLiteral("default"))
          << Qt::endl;
    auto database = storage::Database::open(databasePath, key, storage::Database::Mode::OpenExisting, &error, options);
    key.fill('\0');
    if (!database) {
        out() << "cannot open: " << error.message << Qt::endl;
        return 1;
    }
    storage::PatronRepository patrons(database->connection());
    storage::PatronSearchRepository search(database->connection());
    storage::PatronActivityRepository activity(database->connection());

    // Realistic prefixes, typed a letter at a time: names, "first last", emails, phone digits, patron numbers.
    seed::SyntheticPatronGenerator people(7);
    QStringList typed;
    QRandomGenerator random(11);
    while (typed.size() < searches) {
        const auto [patron, contacts] = people.nextWithContacts();
        QString full;
        switch (random.bounded(5)) {
        case 0:
            full = patron.lastName;
            break;
        case 1:
            full = patron.firstName + u' ' + patron.lastName;
            break;
        case 2:
            full = patron.originalEmail;
            break;
        case 3:
            full = contacts.value(1).value;
            break;
        default:
            full = QString::number(1 + random.bounded(1000000));
            break;
        }
        for (int length = 1; length <= full.size() && typed.size() < searches; length += 1 + random.bounded(2))
            typed.append(full.left(length));
    }
    gui::PatronSearchModel model(&search);
    QList<qint64> nanos;
    QElapsedTimer timer;
    for (const QString& text : typed) {
        timer.start();
        model.setQuery(text); // what each keystroke costs: the first page, described and ready to paint
        nanos.append(timer.nsecsElapsed());
        if (qEnvironmentVariableIsSet("FOYER_BENCH_SLOW") && timer.nsecsElapsed() > 3000000)
            out() << "  slow: \"" << text << "\" " << timer.nsecsElapsed() / 1000 << " us" << Qt::endl;
    }
    const double searchP50 = percentileMs(nanos, 0.50), searchP95 = percentileMs(nanos, 0.95);
    out() << QStringLiteral("search as you type: p50 %1 ms, p95 %2 ms, max %3 ms over %4 keystrokes")
                 .arg(searchP50, 0, 'f', 2)
                 .arg(searchP95, 0, 'f', 2)
                 .arg(percentileMs(nanos, 1.0), 0, 'f', 2)
                 .arg(typed.size())
          << Qt::endl;

    storage::Repositories repos(database->connection());
    gui::MainWindow window(&repos);
    window.show();
    QCoreApplication::processEvents();
    const QString heavyId = *patrons.idForPatronNumber(1, nullptr);
    timer.start();
    window.openPatron(heavyId);
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("profileTabs"));
    tabs->currentWidget()->repaint(); // first paint: details panel and every section's tab header
    const double openPaintedMs = double(timer.nsecsElapsed()) / 1e6;
    QCoreApplication::processEvents(); // the visible section's rows load on this turn of the event loop
    tabs->currentWidget()->repaint();
    const double openTabMs = double(timer.nsecsElapsed()) / 1e6;
    out() << QStringLiteral("open heavy profile (%1 orders): headers painted %2 ms, visible section's rows %3 ms")
                 .arg(activity.orders(heavyId, nullptr).size())
                 .arg(openPaintedMs, 0, 'f', 1)
                 .arg(openTabMs, 0, 'f', 1)
          << Qt::endl;
    for (qint64 number = 2; number <= 10; ++number) {
        window.openPatron(*patrons.idForPatronNumber(number * 97, nullptr));
        QCoreApplication::processEvents();
    }
    const double rssMb = double(statusKib("VmHWM:")) / 1024.0;
    out() << QStringLiteral("peak RSS with 10 profiles visited: %1 MiB").arg(rssMb, 0, 'f', 0) << Qt::endl;
    out() << QStringLiteral("search_p95_ms=%1 open_headers_ms=%2 open_tab_ms=%3 rss_mb=%4 search_p50_ms=%5")
                 .arg(searchP95, 0, 'f', 2)
                 .arg(openPaintedMs, 0, 'f', 1)
                 .arg(openTabMs, 0, 'f', 1)
                 .arg(rssMb, 0, 'f', 0)
                 .arg(searchP50, 0, 'f', 2)
          << Qt::endl;
    return 0;
}

} // namespace foyer::bench
