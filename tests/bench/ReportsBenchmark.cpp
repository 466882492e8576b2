#include "ReportsBenchmark.h"

#include "BenchFigures.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "DonationsReport.h"
#include "Repositories.h"
#include "SyntheticPatronGenerator.h"
#include "UuidV7.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace foyer::bench {

namespace {

qint64 peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int ReportsBenchmark::run(const QStringList& arguments)
{
    qint64 donations = 200000;
    const int at = int(arguments.indexOf(QStringLiteral("--donations")));
    if (at >= 0)
        donations = arguments.value(at + 1).toLongLong();
    QTemporaryDir dir;
    storage::DatabaseError error;
    auto database = storage::Database::open(dir.filePath(QStringLiteral("reports.db")), QByteArray(32, '\x5a'),
                                            storage::Database::Mode::CreateNew, &error);
    if (!database) {
        out() << "cannot open: " << error.message << Qt::endl;
        return 1;
    }
    storage::Repositories repos(database->connection());
    seed::SyntheticPatronGenerator people(3);
    storage::DemoDataWriter writer(database->connection());
    QRandomGenerator random(5);
    static const QStringList statuses = {QStringLiteral("Posted"), QStringLiteral("Pending"), QStringLiteral("Pledged"),
                                         QStringLiteral("Negotiation/Review"), QStringLiteral("Board Approved")};
    const QDate from(2026, 1, 1), to(2026, 12, 31);
    QElapsedTimer build;
    build.start();
    QString message;
    qint64 made = 0;
    while (made < donations) {
        bool ok = writer.begin(&message);
        for (int p = 0; ok && p < 1000 && made < donations; ++p) {
            const auto [patron, contacts] = people.nextWithContacts();
            ok = repos.patrons.insert(patron, &message, contacts);
            for (int d = 0; ok && d < 10 && made < donations; ++d, ++made) {
                storage::DemoDataWriter::OrderSpec spec;
                spec.order.id = core::UuidV7::generateText();
                spec.order.confirmationNumber = QStringLiteral("B-%1").arg(made);
                spec.order.category = QStringLiteral("donation");
                spec.order.channel = QStringLiteral("online");
                spec.order.internalStatus = QStringLiteral("complete");
                spec.order.createdAt = QDateTime(from.addDays(int(random.bounded(365))), QTime(12, 0), Qt::UTC);
                spec.donationMinor = 500 + 100 * qint64(random.bounded(2000));
                spec.donationStatus = statuses.at(int(random.bounded(int(statuses.size()))));
                spec.donationProbability = spec.donationStatus == statuses.last() ? 95 : -1;
                ok = writer.addOrder(patron.id, spec, &message);
            }
        }
        if (!writer.finish(ok, &message)) {
            out() << "cannot build: " << message << Qt::endl;
            return 1;
        }
    }
    out() << QStringLiteral("built %1 donations in %2 s").arg(made).arg(build.elapsed() / 1000.0, 0, 'f', 1)
          << Qt::endl;

    // Twice: the report as the Reports window makes it by default (summaries and charts in the PDF, every donation
    // in the CSV), then with every donation listed in the PDF as well. The summary line is the default one.
    double defaultSeconds = 0;
    for (const bool everyDonation : {true, false}) {
        QElapsedTimer timer;
        timer.start();
        QString readError;
        const auto donations = repos.reports.donations(from, to, &readError);
        const auto recurring = repos.reports.recurringDonations(&readError);
        if (!readError.isEmpty())
            qFatal("donations: %s", qPrintable(readError));
        reports::ReportDocument report = reports::DonationsReport::build(donations, recurring, from, to, everyDonation);
        const double queried = timer.elapsed() / 1000.0;
        report.venueName = QStringLiteral("Harbour Theatre");
        report.printedBy = QStringLiteral("Benchmark");
        report.printedAt = QDateTime::currentDateTimeUtc();
        const QString pdf = dir.filePath(QStringLiteral("donations.pdf"));
        int pages = 0;
        if (!report.writePdf(pdf, &pages)) {
            out() << "cannot write the PDF" << Qt::endl;
            return 1;
        }
        const double seconds = timer.elapsed() / 1000.0;
        out() << QStringLiteral("donations report (%1): query and build %2 s, PDF written in %3 s in all, %4 pages, "
                                "%5 MiB")
                     .arg(everyDonation ? QStringLiteral("every donation listed in the PDF")
                                        : QStringLiteral("default: summaries in the PDF, every donation in the CSV"))
                     .arg(queried, 0, 'f', 2)
                     .arg(seconds, 0, 'f', 2)
                     .arg(pages)
                     .arg(QFileInfo(pdf).size() / 1048576.0, 0, 'f', 1)
              << Qt::endl;
        if (!everyDonation)
            defaultSeconds = seconds;
    }
    out() << QStringLiteral("donations_pdf_s=%1 peak_mb=%2").arg(defaultSeconds, 0, 'f', 2).arg(peakRssKib() / 1024)
          << Qt::endl;
    return 0;
}

} // namespace foyer::bench
