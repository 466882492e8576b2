#include "PullService.h"

#include "ServerClock.h"
#include "ServerDatabase.h"
#include "StaffAdministration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace foyer::server {

ApiReply PullService::pull(const QString& venueId, const QUrlQuery& query)
{
    bool ok = true;
    qint64 after = 0;
    if (query.hasQueryItem(QStringLiteral("after")))
        after = query.queryItemValue(QStringLiteral("after")).toLongLong(&ok);
    if (!ok || after < 0)
        return ApiReply::error(400, QStringLiteral("malformed"), QStringLiteral("after must be a sequence number"));
    int limit = defaultLimit;
    if (query.hasQueryItem(QStringLiteral("limit")))
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0)
        return ApiReply::error(400, QStringLiteral("malformed"), QStringLiteral("limit must be a positive number"));
    limit = std::min(limit, maxLimit);

    // One snapshot for the page and the count behind it.
    m_db.begin();
    m_db.runDirect(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    // Planned for this cursor and limit: the generic plan of the prepared page query reads every row behind the
    // cursor and sorts them (a first sync's early pages took 0.2 s per million rows still to come).
    m_db.runDirect(QStringLiteral("SET LOCAL plan_cache_mode = force_custom_plan"));
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT seq, table_name, key::text, deleted, data::text FROM row_state "
                                           "WHERE venue_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
                            {venueId, after, limit});
    QJsonArray changes;
    qint64 next = after;
    while (q.next()) {
        next = q.value(0).toLongLong();
        changes.append(
            QJsonObject{{QStringLiteral("seq"), next},
                        {QStringLiteral("table"), q.value(1).toString()},
                        {QStringLiteral("key"), QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object()},
                        {QStringLiteral("deleted"), q.value(3).toBool()},
                        {QStringLiteral("row"), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object()}});
    }
    q.finish();
    // What is left behind the page, for a progress bar: counted exactly up to exactCount rows (a bounded walk of the
    // seq index), else bounded above by the distance to the venue's newest sequence number (sequence numbers are
    // distinct, so no more rows than that can be left). Either way "more" is exact.
    qint64 remaining = 0;
    if (changes.size() == limit) {
        QSqlQuery& rest = m_db.run(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM row_state WHERE venue_id = ? "
                                                  "AND seq > ? ORDER BY seq LIMIT ?) AS behind"),
                                   {venueId, next, exactCount});
        remaining = rest.next() ? rest.value(0).toLongLong() : 0;
        rest.finish();
        if (remaining >= exactCount) {
            QSqlQuery& newest =
                m_db.run(QStringLiteral("SELECT coalesce(max(seq), 0) FROM row_state WHERE venue_id = ?"), {venueId});
            remaining = newest.next() ? std::max(remaining, newest.value(0).toLongLong() - next) : remaining;
            newest.finish();
        }
    }
    // The staff directory of the same snapshot, on every page: a handful of rows, always current.
    const QJsonArray staff = StaffAdministration(m_db).directory(venueId);
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("changes"), changes},
                         {QStringLiteral("next"), next},
                         {QStringLiteral("more"), remaining > 0},
                         {QStringLiteral("remaining"), remaining},
                         {QStringLiteral("staff"), staff},
                         {QStringLiteral("server_hlc"), ServerClock::now()}});
}

} // namespace foyer::server
