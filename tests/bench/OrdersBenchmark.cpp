#include "OrdersBenchmark.h"

#include "BenchFigures.h"
#include "Clock.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "ProfileBenchmark.h"
#include "Repositories.h"
#include "SeatMapView.h"
#include "Tender.h"
#include "UuidV7.h"

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cmath>

namespace foyer::bench {

namespace {

constexpr int Sections = 4;
constexpr int RowsPerSection = 20;
constexpr int SeatsPerRow = 25; // 4 x 20 x 25 = 2,000 seats

struct Venue
{
    QString hall;
    QString show; // the one measured
    QString performance;
    QString price;
    QDateTime startsAt;
    QList<core::SeatMap::Seat> seats;
};

core::OrderLineDraft lineFor(const Venue& venue, const core::SeatMap::Seat& seat, const QString& payType,
                             const QString& membership = QString())
{
    core::OrderLineDraft line;
    line.id = core::UuidV7::generateText();
    line.performanceId = venue.performance;
    line.showId = venue.show;
    line.performanceAt = venue.startsAt;
    line.seatId = seat.id;
    line.seatLabel = seat.label();
    line.section = seat.section;
    line.priceTypeId = venue.price;
    line.priceTypeName = QStringLiteral("Adult");
    line.listPriceMinor = 4500;
    line.payType = payType;
    line.membershipNumber = membership;
    return line;
}

// What the payment step does with what the check says is due: one payment per pay type, cash with a round note
// over the amount, a processor reference for a card, a number for a check, each checked as the dialog checks it.
QList<core::Tender::Payment> takePayment(const QMap<QString, qint64>& totals, int order)
{
    QList<core::Tender::Payment> payments = core::Tender::due(totals);
    for (core::Tender::Payment& payment : payments) {
        if (payment.isCash())
            payment.tenderedMinor = (payment.dueMinor / 5000 + 1) * 5000;
        else if (payment.payType == QLatin1String("check"))
            payment.reference = QString::number(100000 + order);
        else
            payment.reference = QStringLiteral("AP-%1").arg(order, 6, 10, QChar(u'0'));
        if (!core::Tender::problem(payment).isEmpty())
            return {};
    }
    return payments;
}

} // namespace

OrdersBenchmark::Options OrdersBenchmark::parse(const QStringList& arguments, QString* error)
{
    Options options;
    for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
        const QString& name = arguments.at(i);
        bool ok = true;
        const QString& value = arguments.at(i + 1);
        if (name == QLatin1String("--patrons"))
            options.patrons = value.toLongLong(&ok);
        else if (name == QLatin1String("--orders-per-patron"))
            options.ordersPerPatron = value.toInt(&ok);
        else if (name == QLatin1String("--orders"))
            options.orders = value.toInt(&ok);
        else if (name == QLatin1String("--history-shows"))
            options.historyShows = value.toInt(&ok);
        else if (name == QLatin1String("--renders"))
            options.renders = value.toInt(&ok);
        else if (name == QLatin1String("--dir"))
            options.directory = value;
        else
            *error = QStringLiteral("unknown option %1").arg(name);
        if (!ok)
            *error = QStringLiteral("%1 needs a number").arg(name);
    }
    if (arguments.size() % 2 != 0)
        *error = QStringLiteral("option %1 needs a value").arg(arguments.constLast());
    if (error->isEmpty() && (options.patrons < 5 || options.orders < 1 || options.renders < 1))
        *error = QStringLiteral("--patrons needs at least 5, --orders and --renders at least 1");
    return options;
}

int OrdersBenchmark::run(const Options& options)
{
    QTemporaryDir temporary((options.directory.isEmpty() ? QDir::tempPath() : options.directory) +
                            QStringLiteral("/foyer-orders-bench-XXXXXX"));
    const QString path = temporary.filePath(QStringLiteral("orders.db"));
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    out() << "foyer-bench orders: patrons=" << options.patrons << " orders=" << options.orders
          << " history_shows=" << options.historyShows << " renders=" << options.renders << Qt::endl;
    QString problem;
    if (!ProfileBenchmark::build(path, key, options.patrons, options.ordersPerPatron, &problem)) {
        out() << problem << Qt::endl;
        return 1;
    }
    storage::DatabaseError openError;
    auto database = storage::Database::open(path, key, storage::Database::Mode::OpenExisting, &openError);
    if (!database) {
        out() << "cannot open the database: " << openError.message << Qt::endl;
        return 1;
    }
    QSqlDatabase db = database->connection();
    storage::Repositories repos(db);
    const auto failed = [](const QString& what, const QString& why) {
        out() << "setup failed: " << what << ": " << why << Qt::endl;
        return 1;
    };

    // The hall, the measured show and the members' past shows.
    QElapsedTimer setup;
    setup.start();
    Venue venue;
    QString csv = QStringLiteral("section,row,seat,x,y\n");
    const QStringList sectionNames = {QStringLiteral("Stalls"), QStringLiteral("Circle"), QStringLiteral("Upper"),
                                      QStringLiteral("Gallery")};
    for (int s = 0; s < Sections; ++s)
        for (int r = 0; r < RowsPerSection; ++r)
            for (int n = 1; n <= SeatsPerRow; ++n)
                csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                           .arg(sectionNames.at(s), QString(QChar(u'A' + r)))
                           .arg(n)
                           .arg(n + (s % 2) * (SeatsPerRow + 3))
                           .arg(r + (s / 2) * (RowsPerSection + 2));
    venue.hall = repos.venue.importSeatMap(QStringLiteral("Main Stage"), csv, &problem);
    if (venue.hall.isEmpty())
        return failed(QStringLiteral("hall"), problem);
    venue.seats = repos.venue.seats(venue.hall, &problem);
    if (venue.seats.size() != Sections * RowsPerSection * SeatsPerRow)
        return failed(QStringLiteral("seats"), problem);
    const QDateTime start = core::Clock::currentDateTimeUtc().addDays(30);
    venue.show = repos.venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &problem);
    venue.startsAt = start;
    venue.performance = repos.venue.addPerformance(venue.show, venue.hall, start, {}, &problem);
    venue.price = repos.venue.addPriceType(venue.show, QStringLiteral("Adult"), 4500, &problem);
    if (venue.performance.isEmpty() || venue.price.isEmpty())
        return failed(QStringLiteral("show"), problem);
    QStringList shows = {venue.show};
    QList<Venue> past;
    for (int i = 0; i < options.historyShows; ++i) {
        Venue p = venue;
        p.show = repos.venue.addShow(QStringLiteral("Repertory %1").arg(i + 1), QStringLiteral("2025/26"), &problem);
        p.startsAt = start.addDays(1 + i);
        p.performance = repos.venue.addPerformance(p.show, venue.hall, p.startsAt, {}, &problem);
        p.price = repos.venue.addPriceType(p.show, QStringLiteral("Adult"), 4500, &problem);
        if (p.performance.isEmpty() || p.price.isEmpty())
            return failed(QStringLiteral("past show"), problem);
        shows.append(p.show);
        past.append(p);
    }
    if (repos.venue.addBenefitLevel(QStringLiteral("Friend"), true, shows, &problem).isEmpty())
        return failed(QStringLiteral("benefit level"), problem);

    // Four members (synthetic patrons 2-5), each with credits for every show and a seat used at each past show.
    QStringList members;
    {
        QSqlQuery q(db);
        QStringList patronIds;
        if (!q.exec(QStringLiteral("SELECT id FROM patron ORDER BY id LIMIT 4 OFFSET 1")))
            return failed(QStringLiteral("patrons"), q.lastError().text());
        while (q.next())
            patronIds.append(q.value(0).toString());
        storage::DemoDataWriter writer(db);
        bool ok = writer.begin(&problem);
        for (int m = 0; ok && m < patronIds.size(); ++m) {
            core::Membership membership;
            membership.id = core::UuidV7::generateText();
            membership.membershipNumber = QStringLiteral("M-%1").arg(9001 + m);
            membership.levelName = QStringLiteral("Friend");
            membership.validFrom = core::Clock::today().addYears(-1);
            membership.validUntil = core::Clock::today().addYears(1);
            ok = writer.addMembership(patronIds.at(m), membership, QString(), &problem) &&
                 writer.addMembershipCredits(membership.id, shows, options.orders + 2, &problem);
            members.append(membership.membershipNumber);
        }
        if (!writer.finish(ok, &problem) || members.size() != 4)
            return failed(QStringLiteral("members"), problem);
    }
    QList<core::MembershipCreditRule::LineError> lineErrors;
    for (int i = 0; i < past.size(); ++i) {
        core::OrderDraft order;
        for (int m = 0; m < members.size(); ++m)
            order.lines.append(lineFor(past.at(i), venue.seats.at(m), QStringLiteral("membership"), members.at(m)));
        if (!repos.orders.confirm(order, QString(), &lineErrors, &problem))
            return failed(QStringLiteral("member history"),
                          problem + (lineErrors.isEmpty() ? QString() : u' ' + lineErrors.constFirst().message));
    }

    // The measured performance: every other row sold in 10-seat orders, a block held by saved orders; the measured
    // orders take seats from the rest.
    QList<core::SeatMap::Seat> freeSeats;
    QList<core::SeatMap::Seat> toSell;
    QList<core::SeatMap::Seat> toHold;
    for (int i = 0; i < venue.seats.size(); ++i) {
        const int row = i / SeatsPerRow;
        if (row % 2 == 0)
            toSell.append(venue.seats.at(i));
        else if (row % 10 == 3)
            toHold.append(venue.seats.at(i));
        else
            freeSeats.append(venue.seats.at(i));
    }
    for (qsizetype i = 0; i < toSell.size(); i += 10) {
        core::OrderDraft order;
        for (qsizetype k = i; k < std::min(toSell.size(), i + 10); ++k)
            order.lines.append(lineFor(venue, toSell.at(k), QStringLiteral("credit_card")));
        if (!repos.orders.confirm(order, QString(), &lineErrors, &problem))
            return failed(QStringLiteral("sold seats"), problem);
    }
    for (qsizetype i = 0; i < toHold.size(); i += 10) {
        core::OrderDraft order;
        for (qsizetype k = i; k < std::min(toHold.size(), i + 10); ++k)
            order.lines.append(lineFor(venue, toHold.at(k), QStringLiteral("cash")));
        if (!repos.orders.save(order, QString(), &problem))
            return failed(QStringLiteral("held seats"), problem);
    }
    database->checkpoint();
    out() << QStringLiteral("venue set up in %1 s: %2 seats, %3 sold, %4 held, %5 member orders of history")
                 .arg(setup.elapsed() / 1000)
                 .arg(venue.seats.size())
                 .arg(toSell.size())
                 .arg(toHold.size())
                 .arg(past.size())
          << Qt::endl;

    // (1) Check, take payment, confirm: 10 seats, 4 of them the members', 3 cash, 2 card, 1 check.
    const int ordersMeasured = std::min<int>(options.orders, int(freeSeats.size() / 10));
    QList<qint64> confirmNanos;
    QList<qint64> checkNanos;
    const QStringList paid = {QStringLiteral("cash"),        QStringLiteral("cash"),        QStringLiteral("cash"),
                              QStringLiteral("credit_card"), QStringLiteral("credit_card"), QStringLiteral("check")};
    for (int o = 0; o < ordersMeasured; ++o) {
        core::OrderDraft order;
        for (int k = 0; k < 10; ++k) {
            const core::SeatMap::Seat& seat = freeSeats.at(o * 10 + k);
            order.lines.append(k < 4 ? lineFor(venue, seat, QStringLiteral("membership"), members.at(k))
                                     : lineFor(venue, seat, paid.at(k - 4)));
        }
        QElapsedTimer timer;
        timer.start();
        QMap<QString, qint64> totals;
        if (!repos.orders.confirmable(order, QString(), &lineErrors, &problem, {}, {}, &totals)) {
            out() << "order " << o << " refused by the check: " << problem << Qt::endl;
            return 1;
        }
        checkNanos.append(timer.nsecsElapsed());
        const QList<core::Tender::Payment> tender = takePayment(totals, o);
        if (tender.size() != 3 || !repos.orders.confirm(order, QString(), &lineErrors, &problem, {}, &tender)) {
            out() << "order " << o << " not confirmed: " << problem << Qt::endl;
            return 1;
        }
        confirmNanos.append(timer.nsecsElapsed());
    }
    const double confirmP95 = percentileMs(confirmNanos, 0.95);
    out() << QStringLiteral("confirm (check + payment + confirm), %1 orders of 10 seats (4 membership): p50 %2 ms, "
                            "p95 %3 ms (check alone p95 %4 ms)")
                 .arg(ordersMeasured)
                 .arg(percentileMs(confirmNanos, 0.5), 0, 'f', 2)
                 .arg(confirmP95, 0, 'f', 2)
                 .arg(percentileMs(checkNanos, 0.95), 0, 'f', 2)
          << Qt::endl;

    // (2) The seat map of the hall with its sold and held state, as the editor sets it, drawn offscreen.
    QString readError;
    QHash<QString, gui::SeatMapView::State> states;
    const auto stored = repos.venue.seatStates(venue.performance, &readError);
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        states.insert(it.key(), it.value() == storage::VenueRepository::SeatState::Sold
                                    ? gui::SeatMapView::State::Sold
                                    : gui::SeatMapView::State::Held);
    for (qsizetype k = std::max<qsizetype>(0, freeSeats.size() - 10); k < freeSeats.size(); ++k)
        states.insert(freeSeats.at(k).id, gui::SeatMapView::State::InOrder); // an order being built
    gui::SeatMapView view;
    view.resize(470, 520); // the editor's map pane at 1,360 x 768
    view.setSeats(venue.seats);
    view.setStates(states);
    view.show();
    QCoreApplication::processEvents();
    QList<qint64> drawNanos;
    QImage image(view.size() * view.devicePixelRatio(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(view.devicePixelRatio());
    for (int r = 0; r < options.renders; ++r) {
        QElapsedTimer timer;
        timer.start();
        // Each draw starts from the data, as a performance change does: seats, states, fit, paint.
        if (r > 0) {
            view.setSeats(venue.seats);
            view.setStates(states);
        }
        image.fill(Qt::white);
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        drawNanos.append(timer.nsecsElapsed());
    }
    const double seatmapP95 = percentileMs(drawNanos, 0.95);
    out() << QStringLiteral("seat map of %1 seats (%2 sold or held), %3 draws: p50 %4 ms, p95 %5 ms")
                 .arg(venue.seats.size())
                 .arg(stored.size())
                 .arg(drawNanos.size())
                 .arg(percentileMs(drawNanos, 0.5), 0, 'f', 2)
                 .arg(seatmapP95, 0, 'f', 2)
          << Qt::endl;
    if (!readError.isEmpty())
        out() << "seat states could not be read: " << readError << Qt::endl;
    out() << "confirm_p95_ms=" << qRound(std::ceil(confirmP95)) << " seatmap_ms=" << qRound(std::ceil(seatmapP95))
          << Qt::endl;
    return 0;
}

} // namespace foyer::bench
