#include "ServerChange.h"

#include "RowMerge.h"
#include "ServerClock.h"
#include "ServerDatabase.h"

#include <QJsonDocument>

namespace foyer::server {

namespace {

QJsonObject objectOf(const QString& json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

void ServerChange::lockVenue(ServerDatabase& db, const QString& venueId)
{
    db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7461, hashtext(?))"), {venueId}).finish();
}

bool ServerChange::read(ServerDatabase& db, const QString& venueId, const QString& table, const QString& rowKey,
                        QJsonObject* data)
{
    QSqlQuery& q = db.run(QStringLiteral("SELECT data::text FROM row_state WHERE venue_id = ? AND table_name = ? AND "
                                         "row_key = ? AND NOT deleted"),
                          {venueId, table, rowKey});
    const bool found = q.next();
    if (found)
        *data = objectOf(q.value(0).toString());
    q.finish();
    return found;
}

bool ServerChange::update(ServerDatabase& db, const QString& venueId, const QString& table, const QString& rowKey,
                          const QJsonObject& fields)
{
    QSqlQuery& q = db.run(QStringLiteral("SELECT key::text, data::text, field_clock::text, deleted FROM row_state "
                                         "WHERE venue_id = ? AND table_name = ? AND row_key = ? FOR UPDATE"),
                          {venueId, table, rowKey});
    if (!q.next()) {
        q.finish();
        return false;
    }
    const QJsonObject key = objectOf(q.value(0).toString());
    RowMerge::Row row;
    row.exists = true;
    row.data = objectOf(q.value(1).toString());
    row.clock = objectOf(q.value(2).toString());
    row.deleted = q.value(3).toBool();
    q.finish();
    if (row.deleted)
        return false;
    QString latest;
    for (auto it = row.clock.constBegin(); it != row.clock.constEnd(); ++it)
        if (it.value().toString() > latest)
            latest = it.value().toString();
    const QString hlc = ServerClock::now(latest);
    if (RowMerge::apply(row, RowMerge::Kind::Update, key, fields, hlc))
        db.run(QStringLiteral("UPDATE row_state SET data = ?::jsonb, field_clock = ?::jsonb, seq = "
                              "nextval('change_seq') WHERE venue_id = ? AND table_name = ? AND row_key = ?"),
               {compact(row.data), compact(row.clock), venueId, table, rowKey});
    return true;
}

} // namespace foyer::server
