#pragma once

#include <QStringList>

namespace foyer::bench {

// foyer-bench orders: on the profile benchmark's database (1,000,000 synthetic patrons by default), a 2,000-seat hall
// half sold and partly held, and four members with long seat-credit histories. Measures (1) an order of 10 seats,
// 4 of them membership seats of those members, checked, paid for and confirmed through the code the payment step
// calls (OrderRepository::confirmable, core::Tender, OrderRepository::confirm with the tender), and (2) drawing the
// hall's seat map (gui::SeatMapView, sold, held and in-order states, labels) offscreen into a QImage. Last line:
// `confirm_p95_ms=N seatmap_ms=N`.
class OrdersBenchmark
{
public:
    struct Options
    {
        qint64 patrons = 1000000;
        int ordersPerPatron = 3;
        int orders = 100;       // confirmations measured
        int historyShows = 150; // past shows each member has used credits for
        int renders = 30;       // seat map draws measured
        QString directory;
    };

    static Options parse(const QStringList& arguments, QString* error);
    static int run(const Options& options);
};

} // namespace foyer::bench
