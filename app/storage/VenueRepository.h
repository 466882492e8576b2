#pragma once

#include "SeatMap.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>

namespace foyer::storage {

// The venue the box office sells: halls and their seats, shows, performances, price types, benefit levels,
// presale windows. Setup writes refuse bad input with the reason and write nothing.
class VenueRepository
{
public:
    struct Performance
    {
        QString id;
        QString showId;
        QString showTitle;
        QString hallId;
        QString hallName;
        QDateTime startsAt;     // UTC
        QDateTime publicSaleAt; // UTC, invalid: on sale now
    };
    struct PriceType
    {
        QString id;
        QString name;
        qint64 priceMinor = 0;
    };
    enum class SeatState
    {
        Free,
        Held, // in an order not yet confirmed
        Sold
    };

    explicit VenueRepository(QSqlDatabase db);

    // Creates the hall (or adds to an empty one) with every seat of the CSV, in one transaction; any problem in the
    // file refuses all of it. Returns the hall id.
    QString importSeatMap(const QString& hallName, const QString& csvText, QString* error);
    QString addShow(const QString& title, const QString& season, QString* error);
    QStringList showIds(QString* error); // in the order they were set up
    QString addFund(const QString& name, QString* error);
    // Refused for a hall or show that does not exist.
    QString addPerformance(const QString& showId, const QString& hallId, const QDateTime& startsAt,
                           const QDateTime& publicSaleAt, QString* error);
    QString addPriceType(const QString& showId, const QString& name, qint64 priceMinor, QString* error);
    QString addBenefitLevel(const QString& name, bool recurring, const QStringList& coveredShowIds, QString* error);
    // Refused when it ends after the performance's public sale starts (core::VenueRules).
    QString addPresale(const QString& performanceId, const QString& benefitLevelId, const QDateTime& startsAt,
                       const QDateTime& endsAt, QString* error);

    // Discounts linked to benefit levels (the benefits issue applies them): an automatic one needs a level; a
    // limited-use one needs its uses per member ("two free guest tickets per season").
    QString addDiscountCode(const QString& code, bool automatic, const QString& benefitLevelId, int percentOff,
                            int usesPerMember, const QString& season, QString* error);
    // A section of a hall only members of the level may buy; its seats show as member-only on the map.
    QString addMemberArea(const QString& hallId, const QString& section, const QString& benefitLevelId, QString* error);

    // Reads: one that fails returns nothing and says why in error, so a caller that passes one can tell a failed
    // read from an empty venue.
    QList<Performance> performances(const QDateTime& from,
                                    QString* error); // starting at or after `from`, soonest first
    std::optional<Performance> performance(const QString& id, QString* error);
    QList<core::SeatMap::Seat> seats(const QString& hallId, QString* error);
    // Seat id -> state; free seats absent.
    QHash<QString, SeatState> seatStates(const QString& performanceId, QString* error);
    // In the order the venue set them up: the first is the default for a new seat.
    QList<PriceType> priceTypes(const QString& showId, QString* error);
    QString hallId(const QString& name, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
