#include "VenueRepository.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

VenueRepository::VenueRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString VenueRepository::hallId(const QString& name, QString* error)
{
    QString id;
    return readRows(m_db, QStringLiteral("SELECT id FROM hall WHERE name = ? AND deleted_at IS NULL"), {name}, error,
                    [&id](const QSqlQuery& q) { id = q.value(0).toString(); })
               ? id
               : QString();
}

QString VenueRepository::importSeatMap(const QString& hallName, const QString& csvText, QString* error)
{
    if (hallName.trimmed().isEmpty()) {
        fail(error, QStringLiteral("The hall needs a name."));
        return {};
    }
    const core::SeatMap::Parsed parsed = core::SeatMap::parse(csvText);
    if (!parsed.errors.isEmpty()) {
        fail(error, parsed.errors.join(u'\n'));
        return {};
    }
    // The checks are read inside the transaction that writes, and a failed read refuses the import.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QString readError;
    QString hall = hallId(hallName.trimmed(), &readError);
    if (!readError.isEmpty()) {
        fail(error, readError);
        return {};
    }
    if (!hall.isEmpty()) {
        int seats = 0;
        if (!readRows(m_db, QStringLiteral("SELECT count(*) FROM seat WHERE hall_id = ? AND deleted_at IS NULL"),
                      {hall}, error, [&seats](const QSqlQuery& q) { seats = q.value(0).toInt(); }))
            return {};
        if (seats > 0) {
            fail(error, QStringLiteral("Hall %1 already has seats; import its map once.").arg(hallName));
            return {};
        }
    }
    const QString now = nowUtcText();
    bool ok = true;
    if (hall.isEmpty()) {
        hall = core::UuidV7::generateText();
        QSqlQuery q(m_db);
        if (!prepareQuery(q, QStringLiteral("INSERT INTO hall (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"),
                          error))
            return {};
        ok = runBound(q, {hall, hallName.trimmed(), now, now}, error);
    }
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO seat (id, hall_id, section, row_label, seat_number, x, y, member_only, "
                                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const core::SeatMap::Seat& seat : parsed.seats) {
        if (!ok)
            break;
        ok = runBound(insert,
                      {core::UuidV7::generateText(), hall, seat.section, seat.row, seat.number, seat.x, seat.y,
                       seat.memberOnly ? 1 : 0, now, now},
                      error);
    }
    return txn.finish(ok) ? hall : QString();
}

QString VenueRepository::addShow(const QString& title, const QString& season, QString* error)
{
    if (title.trimmed().isEmpty()) {
        fail(error, QStringLiteral("A show needs a title."));
        return {};
    }
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    if (!prepareQuery(
            q, QStringLiteral("INSERT INTO show (id, title, season, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
            error))
        return {};
    return txn.finish(runBound(q, {id, title.trimmed(), season, now, now}, error)) ? id : QString();
}

QStringList VenueRepository::showIds(QString* error)
{
    QStringList out;
    return readRows(m_db, QStringLiteral("SELECT id FROM show WHERE deleted_at IS NULL ORDER BY created_at, id"), {},
                    error, [&out](const QSqlQuery& q) { out.append(q.value(0).toString()); })
               ? out
               : QStringList();
}

QString VenueRepository::addFund(const QString& name, QString* error)
{
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    if (!prepareQuery(q, QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"),
                      error))
        return {};
    return txn.finish(runBound(q, {id, name.trimmed(), now, now}, error)) ? id : QString();
}

QString VenueRepository::addPerformance(const QString& showId, const QString& hallId, const QDateTime& startsAt,
                                        const QDateTime& publicSaleAt, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    if (!prepareQuery(q,
                      QStringLiteral("SELECT (SELECT count(*) FROM hall WHERE id = ? AND deleted_at IS NULL), (SELECT "
                                     "count(*) FROM show WHERE id = ? AND deleted_at IS NULL)"),
                      error))
        return {};
    q.addBindValue(hallId);
    q.addBindValue(showId);
    if (!q.exec() || !q.next()) {
        fail(error, q.lastError().text());
        return {};
    }
    if (q.value(0).toInt() == 0) {
        fail(error, QStringLiteral("There is no hall %1.").arg(hallId));
        return {};
    }
    if (q.value(1).toInt() == 0) {
        fail(error, QStringLiteral("There is no show %1.").arg(showId));
        return {};
    }
    if (!startsAt.isValid()) {
        fail(error, QStringLiteral("A performance needs a start time."));
        return {};
    }
    if (publicSaleAt.isValid() && publicSaleAt > startsAt) {
        fail(error, QStringLiteral("The public sale starts after the performance."));
        return {};
    }
    q.finish();
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    if (!prepareQuery(
            q,
            QStringLiteral("INSERT INTO performance (id, show_id, hall_id, starts_at, public_sale_at, created_at, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            error))
        return {};
    return txn.finish(runBound(q,
                               {id, showId, hallId, isoUtc(startsAt),
                                publicSaleAt.isValid() ? QVariant(isoUtc(publicSaleAt)) : QVariant(), now, now},
                               error))
               ? id
               : QString();
}

QString VenueRepository::addPriceType(const QString& showId, const QString& name, qint64 priceMinor, QString* error)
{
    if (name.trimmed().isEmpty() || priceMinor < 0) {
        fail(error, QStringLiteral("A price type needs a name and a price of 0 or more."));
        return {};
    }
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    if (!prepareQuery(
            q,
            QStringLiteral("INSERT INTO price_type (id, show_id, name, price_minor, created_at, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?)"),
            error))
        return {};
    return txn.finish(runBound(q, {id, showId, name.trimmed(), priceMinor, now, now}, error)) ? id : QString();
}

QString VenueRepository::addBenefitLevel(const QString& name, bool recurring, const QStringList& coveredShowIds,
                                         QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    if (!prepareQuery(
            q,
            QStringLiteral("INSERT INTO benefit_level (id, name, recurring, created_at, updated_at) VALUES (?, ?, ?, "
                           "?, ?)"),
            error))
        return {};
    bool ok = runBound(q, {id, name.trimmed(), recurring ? 1 : 0, now, now}, error);
    for (const QString& show : coveredShowIds) {
        if (!ok)
            break;
        if (!prepareQuery(q, QStringLiteral("INSERT INTO benefit_level_show (benefit_level_id, show_id) VALUES (?, ?)"),
                          error))
            return {};
        ok = runBound(q, {id, show}, error);
    }
    return txn.finish(ok) ? id : QString();
}

QString VenueRepository::addPresale(const QString& performanceId, const QString& benefitLevelId,
                                    const QDateTime& startsAt, const QDateTime& endsAt, QString* error)
{
    QString readError;
    const std::optional<Performance> p = performance(performanceId, &readError);
    if (!p) {
        fail(error, readError.isEmpty() ? QStringLiteral("There is no performance %1.").arg(performanceId) : readError);
        return {};
    }
    if (const QString problem = core::VenueRules::presaleProblem(startsAt, endsAt, p->publicSaleAt);
        !problem.isEmpty()) {
        fail(error, problem);
        return {};
    }
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    if (!prepareQuery(
            q,
            QStringLiteral("INSERT INTO presale_window (id, performance_id, benefit_level_id, starts_at, ends_at, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            error))
        return {};
    return txn.finish(
               runBound(q, {id, performanceId, benefitLevelId, isoUtc(startsAt), isoUtc(endsAt), now, now}, error))
               ? id
               : QString();
}

QString VenueRepository::addDiscountCode(const QString& code, bool automatic, const QString& benefitLevelId,
                                         int percentOff, int usesPerMember, const QString& season, QString* error)
{
    QString problem;
    if (code.trimmed().isEmpty())
        problem = QStringLiteral("A discount needs a code.");
    else if (percentOff < 0 || percentOff > 100)
        problem = QStringLiteral("A discount is 0 to 100 percent off.");
    else if (automatic && benefitLevelId.isEmpty())
        problem = QStringLiteral("An automatic discount applies to a benefit level; choose one.");
    else if (!automatic && usesPerMember <= 0)
        problem = QStringLiteral("A limited-use discount needs its number of uses per member.");
    if (!problem.isEmpty()) {
        fail(error, problem);
        return {};
    }
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO discount_code (id, code, kind, benefit_level_id, percent_off, uses_per_member, "
                       "season, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return txn.finish(
               runBound(q,
                        {id, code.trimmed(), automatic ? QStringLiteral("automatic") : QStringLiteral("limited_use"),
                         benefitLevelId.isEmpty() ? QVariant() : QVariant(benefitLevelId), percentOff,
                         usesPerMember > 0 ? QVariant(usesPerMember) : QVariant(), season, now, now},
                        error))
               ? id
               : QString();
}

QString VenueRepository::addMemberArea(const QString& hallId, const QString& section, const QString& benefitLevelId,
                                       QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return {};
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE seat SET member_only = 1 WHERE hall_id = ? AND section = ? AND deleted_at IS NULL"));
    bool ok = runBound(q, {hallId, section}, error);
    if (ok && q.numRowsAffected() == 0)
        ok = fail(error, QStringLiteral("The hall has no section \"%1\".").arg(section));
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    if (ok) {
        if (!prepareQuery(q,
                          QStringLiteral("INSERT INTO member_area (id, hall_id, section, benefit_level_id, created_at, "
                                         "updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                          error))
            return {};
        ok = runBound(q, {id, hallId, section, benefitLevelId, now, now}, error);
    }
    return txn.finish(ok) ? id : QString();
}

QList<VenueRepository::Performance> VenueRepository::performances(const QDateTime& from, QString* error)
{
    QList<Performance> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT p.id, p.show_id, s.title, p.hall_id, h.name, p.starts_at, p.public_sale_at FROM "
                       "performance p JOIN show s ON s.id = p.show_id JOIN hall h ON h.id = p.hall_id WHERE "
                       "p.deleted_at IS NULL AND p.starts_at >= ? ORDER BY p.starts_at"),
        {isoUtc(from)}, error, [&out](const QSqlQuery& q) {
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toString(), utcFrom(q.value(5)), utcFrom(q.value(6))});
        });
    return read ? out : QList<Performance>();
}

std::optional<VenueRepository::Performance> VenueRepository::performance(const QString& id, QString* error)
{
    std::optional<Performance> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT p.id, p.show_id, s.title, p.hall_id, h.name, p.starts_at, p.public_sale_at FROM "
                       "performance p JOIN show s ON s.id = p.show_id JOIN hall h ON h.id = p.hall_id WHERE p.id = ?"),
        {id}, error, [&out](const QSqlQuery& q) {
            out =
                Performance{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                            q.value(4).toString(), utcFrom(q.value(5)),   utcFrom(q.value(6))};
        });
    return read ? out : std::nullopt;
}

QList<core::SeatMap::Seat> VenueRepository::seats(const QString& hallId, QString* error)
{
    QList<core::SeatMap::Seat> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT id, section, row_label, seat_number, x, y, member_only FROM seat WHERE hall_id = ? "
                       "AND deleted_at IS NULL ORDER BY y, x"),
        {hallId}, error, [&out](const QSqlQuery& q) {
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toDouble(), q.value(5).toDouble(), q.value(6).toInt() != 0});
        });
    return read ? out : QList<core::SeatMap::Seat>();
}

QHash<QString, VenueRepository::SeatState> VenueRepository::seatStates(const QString& performanceId, QString* error)
{
    QHash<QString, SeatState> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT l.seat_id, o.internal_status FROM order_line l JOIN \"order\" o ON o.id = "
                       "l.order_id WHERE l.performance_id = ? AND l.seat_id IS NOT NULL AND l.status = 'active' "
                       "AND l.deleted_at IS NULL"),
        {performanceId}, error, [&out](const QSqlQuery& q) {
            out.insert(q.value(0).toString(),
                       q.value(1).toString() == QLatin1String("open") ? SeatState::Held : SeatState::Sold);
        });
    return read ? out : QHash<QString, SeatState>();
}

QList<VenueRepository::PriceType> VenueRepository::priceTypes(const QString& showId, QString* error)
{
    QList<PriceType> out;
    const bool read =
        readRows(m_db,
                 QStringLiteral("SELECT id, name, price_minor FROM price_type WHERE show_id = ? AND deleted_at IS NULL "
                                "ORDER BY created_at, id"),
                 {showId}, error, [&out](const QSqlQuery& q) {
                     out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
                 });
    return read ? out : QList<PriceType>();
}

} // namespace foyer::storage
