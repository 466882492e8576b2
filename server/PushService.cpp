#include "PushService.h"

#include "DatabaseFailure.h"
#include "RolePolicy.h"
#include "RowMerge.h"
#include "ServerClock.h"
#include "ServerDatabase.h"
#include "VenueInvariants.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

namespace foyer::server {

namespace {

// ^[a-z_][a-z0-9_]{0,62}$, checked by hand: a push names tens of thousands of columns.
bool isIdentifier(QStringView name)
{
    if (name.isEmpty() || name.size() > 63)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || c == u'_';
        if (!letter && (i == 0 || c < u'0' || c > u'9'))
            return false;
    }
    return true;
}

bool isKeyValue(const QJsonValue& v)
{
    return (v.isString() && !v.toString().isEmpty() && v.toString().size() <= 200) || v.isDouble();
}

// A row's key as row_state keeps it: the id itself for the usual one-column key, else the key object as compact
// JSON (QJsonObject keeps its keys sorted, so the same key always gives the same text).
QString rowKey(const QJsonObject& key)
{
    if (key.size() == 1 && key.contains(QStringLiteral("id"))) {
        const QJsonValue id = key.value(QStringLiteral("id"));
        return id.isString() ? id.toString() : QString::number(id.toInteger());
    }
    return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

RowMerge::Kind kindOf(const QString& op)
{
    if (op == QLatin1String("insert"))
        return RowMerge::Kind::Insert;
    if (op == QLatin1String("update"))
        return RowMerge::Kind::Update;
    return RowMerge::Kind::Delete;
}

// Text as a JSON string (quotes, backslashes and control characters escaped), in UTF-8.
void appendJsonString(QByteArray& out, const QString& text)
{
    out.append('"');
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out.append("\\u00").append(hex[(c >> 4) & 0xf]).append(hex[c & 0xf]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

QByteArray jsonBytes(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QString jsonText(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

// A row of the batch: its state as the batch has made it so far, and the key object its last write named.
struct TrackedRow
{
    QString table;
    QString rowKey;
    QJsonObject key;
    RowMerge::Row row;
};

QString rowId(const QString& table, const QString& rowKey)
{
    return table + u'\x1f' + rowKey;
}

// The text PostgreSQL's ->> gives for a JSON value (null: no value). A number may be spelled differently than
// PostgreSQL spells it; then a clash goes unseen here and the database refuses the bulk write instead.
QString valueText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    return QString();
}

// The value a row holds in one of row_state's unique number indexes (row_state_patron_number,
// row_state_confirmation_number), as "table\x1fvalue"; empty when it holds none.
QString uniqueNumber(const QString& table, const RowMerge::Row& row)
{
    if (!row.exists || row.deleted)
        return QString();
    QString value;
    if (table == QLatin1String("patron"))
        value = valueText(row.data.value(QStringLiteral("patron_number")));
    else if (table == QLatin1String("order"))
        value = valueText(row.data.value(QStringLiteral("confirmation_number")));
    else
        return QString();
    return value.isNull() ? QString() : table + u'\x1f' + value;
}

// Whether the rows' constraint error is one a push expects (a unique index or a check): the operation is refused.
bool isRuleBroken(const QSqlError& error)
{
    return error.nativeErrorCode() == QLatin1String("23505") || error.nativeErrorCode() == QLatin1String("23514");
}

const QString upsertOne =
    QStringLiteral("INSERT INTO row_state (venue_id, table_name, row_key, key, data, field_clock, deleted, seq) VALUES "
                   "(?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, nextval('change_seq')) ON CONFLICT (venue_id, "
                   "table_name, row_key) DO UPDATE SET data = EXCLUDED.data, field_clock = EXCLUDED.field_clock, "
                   "deleted = EXCLUDED.deleted, seq = EXCLUDED.seq");

const QStringList& appendOnlyTables()
{
    static const QStringList tables = {QStringLiteral("audit_log"), QStringLiteral("history_event"),
                                       QStringLiteral("order_event")};
    return tables;
}

} // namespace

QString PushService::malformation(const QJsonObject& body)
{
    const QJsonValue format = body.value(QStringLiteral("format"));
    if (!format.isDouble() || format.toDouble() != 1)
        return QStringLiteral("format must be 1");
    const QJsonValue workstation = body.value(QStringLiteral("workstation_id"));
    if (!workstation.isString() || workstation.toString().isEmpty() || workstation.toString().size() > 100)
        return QStringLiteral("workstation_id must be a workstation id");
    const QJsonValue operations = body.value(QStringLiteral("operations"));
    if (!operations.isArray())
        return QStringLiteral("operations must be an array");
    const QJsonArray ops = operations.toArray();
    if (ops.size() > maxOperations)
        return QStringLiteral("at most %1 operations per push").arg(maxOperations);
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QString where = QStringLiteral("operations[%1]").arg(i);
        if (!ops.at(i).isObject())
            return where + QStringLiteral(" must be an object");
        const QJsonObject op = ops.at(i).toObject();
        const QJsonValue id = op.value(QStringLiteral("id"));
        if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 100)
            return where + QStringLiteral(".id must be an operation id");
        if (!ServerClock::isWellFormed(op.value(QStringLiteral("hlc")).toString()))
            return where + QStringLiteral(".hlc must be a clock value");
        const QJsonValue staff = op.value(QStringLiteral("staff_id"));
        if (!staff.isString() || staff.toString().isEmpty() || staff.toString().size() > 100)
            return where + QStringLiteral(".staff_id must be a staff id");
        const QJsonValue summary = op.value(QStringLiteral("summary"));
        if (!summary.isUndefined() && !summary.isString())
            return where + QStringLiteral(".summary must be text");
        const QJsonValue changes = op.value(QStringLiteral("changes"));
        if (!changes.isArray() || changes.toArray().isEmpty())
            return where + QStringLiteral(".changes must be a non-empty array");
        const QJsonArray list = changes.toArray();
        for (qsizetype j = 0; j < list.size(); ++j) {
            const QString at = where + QStringLiteral(".changes[%1]").arg(j);
            if (!list.at(j).isObject())
                return at + QStringLiteral(" must be an object");
            const QJsonObject change = list.at(j).toObject();
            if (!isIdentifier(change.value(QStringLiteral("table")).toString()))
                return at + QStringLiteral(".table must be a table name");
            const QString kind = change.value(QStringLiteral("op")).toString();
            if (kind != QLatin1String("insert") && kind != QLatin1String("update") && kind != QLatin1String("delete"))
                return at + QStringLiteral(".op must be insert, update or delete");
            const QJsonValue key = change.value(QStringLiteral("key"));
            if (!key.isObject() || key.toObject().isEmpty())
                return at + QStringLiteral(".key must be a non-empty object");
            const QJsonObject keyObject = key.toObject();
            for (auto it = keyObject.constBegin(); it != keyObject.constEnd(); ++it)
                if (!isIdentifier(it.key()) || !isKeyValue(it.value()))
                    return at + QStringLiteral(".key must name columns with text or number values");
            const QJsonValue fields = change.value(QStringLiteral("fields"));
            if (!(fields.isObject() || (kind == QLatin1String("delete") && fields.isUndefined())))
                return at + QStringLiteral(".fields must be an object");
            const QJsonObject fieldObject = fields.toObject();
            for (auto it = fieldObject.constBegin(); it != fieldObject.constEnd(); ++it) {
                if (!isIdentifier(it.key()))
                    return at + QStringLiteral(".fields must name columns");
                if (it.value().isArray() || it.value().isObject())
                    return at + QStringLiteral(".fields values must be text, numbers, booleans or null");
                const auto inKey = keyObject.constFind(it.key());
                if (inKey != keyObject.constEnd() && inKey.value() != it.value())
                    return at + QStringLiteral(".fields disagree with the key");
            }
        }
    }
    return QString();
}

ApiReply PushService::push(const SessionStore::Session& session, const QJsonObject& body)
{
    const QString problem = malformation(body);
    if (!problem.isEmpty())
        return ApiReply::error(400, QStringLiteral("malformed"), problem);
    const QString workstationId = body.value(QStringLiteral("workstation_id")).toString();
    const QJsonArray ops = body.value(QStringLiteral("operations")).toArray();

    QSqlQuery& ws = m_db.run(QStringLiteral("SELECT 1 FROM workstation WHERE id = ? AND venue_id = ?"),
                             {workstationId, session.venueId});
    const bool known = ws.next();
    ws.finish();
    if (!known || (!session.workstationId.isEmpty() && session.workstationId != workstationId))
        return ApiReply::error(403, QStringLiteral("forbidden"),
                               QStringLiteral("This session may not push for workstation %1.").arg(workstationId));

    for (const bool careful : {false, true}) {
        m_db.begin();
        // Pushes of one venue one at a time, so change sequence numbers commit in order.
        m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7461, hashtext(?))"), {session.venueId}).finish();
        // The batch's reads look rows up by lists of values: a plan cached while row_state was small would scan it.
        m_db.runDirect(QStringLiteral("SET LOCAL plan_cache_mode = force_custom_plan"));
        const std::optional<ApiReply> reply = applyBatch(session, workstationId, ops, careful);
        if (reply && reply->status == 200) {
            m_db.commit();
            return *reply;
        }
        m_db.rollback();
        if (reply)
            return *reply;
    }
    throw DatabaseFailure(QStringLiteral("a careful push wrote in bulk"));
}

std::optional<ApiReply> PushService::applyBatch(const SessionStore::Session& session, const QString& workstationId,
                                                const QJsonArray& ops, bool careful)
{
    const QString& venueId = session.venueId;
    // A read with large values, through libpq's parameters (ServerDatabase::runText); a refusal is a failure.
    const auto rowsOf = [this](const QString& sql, const QList<QByteArray>& values) {
        QList<QList<QByteArray>> rows;
        QSqlError error;
        if (!m_db.runText(sql, values, &rows, &error))
            throw DatabaseFailure(error.text());
        return rows;
    };

    // Operations seen before: answered from their first result; one first pushed elsewhere refuses the request.
    struct First
    {
        QString status;
        QString reason;
    };
    QHash<QString, First> seen;
    QStringList opIds;
    QSet<QString> staffIds;
    QHash<QString, TrackedRow> states;
    for (const QJsonValue& v : ops) {
        const QJsonObject op = v.toObject();
        opIds.append(op.value(QStringLiteral("id")).toString());
        staffIds.insert(op.value(QStringLiteral("staff_id")).toString());
        for (const QJsonValue& c : op.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = c.toObject();
            const QString table = change.value(QStringLiteral("table")).toString();
            const QString k = rowKey(change.value(QStringLiteral("key")).toObject());
            const QString id = rowId(table, k);
            if (!states.contains(id))
                states.insert(id, TrackedRow{table, k, {}, {}});
        }
    }
    if (ops.isEmpty())
        return ApiReply::ok(
            {{QStringLiteral("results"), QJsonArray()}, {QStringLiteral("server_hlc"), ServerClock::now(QString())}});
    {
        QHash<QString, std::pair<QString, First>> before;
        for (const QList<QByteArray>& r :
             rowsOf(QStringLiteral("SELECT a.id, a.workstation_id, a.status, coalesce(a.reason, '') FROM "
                                   "jsonb_array_elements_text($1::jsonb) AS n(v) JOIN applied_operation a ON a.id = "
                                   "n.v"),
                    {jsonBytes(QJsonArray::fromStringList(opIds))}))
            before.insert(QString::fromUtf8(r.at(0)),
                          {QString::fromUtf8(r.at(1)), {QString::fromUtf8(r.at(2)), QString::fromUtf8(r.at(3))}});
        for (const QString& id : std::as_const(opIds)) {
            const auto it = before.constFind(id);
            if (it == before.constEnd())
                continue;
            if (it->first != workstationId)
                return ApiReply::error(403, QStringLiteral("forbidden"),
                                       QStringLiteral("Operation %1 was first pushed by another workstation.").arg(id));
            seen.insert(id, it->second);
        }
    }

    QHash<QString, QString> roleOfStaff;
    {
        QJsonArray list;
        for (const QString& id : std::as_const(staffIds))
            list.append(id);
        QSqlQuery& q =
            m_db.run(QStringLiteral("SELECT id, role FROM staff WHERE venue_id = ? AND NOT disabled AND id = "
                                    "ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))"),
                     {venueId, jsonText(list)});
        while (q.next())
            roleOfStaff.insert(q.value(0).toString(), q.value(1).toString());
        q.finish();
    }

    // Every row the batch touches, locked; the ones the server does not have stay as not existing.
    {
        QJsonArray list;
        for (const TrackedRow& t : std::as_const(states))
            list.append(QJsonObject{{QStringLiteral("t"), t.table}, {QStringLiteral("k"), t.rowKey}});
        // One primary-key lookup per row whatever the statistics say (see the number lookup below).
        for (const QList<QByteArray>& r : rowsOf(
                 QStringLiteral("SELECT x.t, x.k, r.data::text, r.field_clock::text, r.deleted, r.key::text FROM "
                                "jsonb_to_recordset($1::jsonb) AS x(t text, k text), LATERAL (SELECT data, "
                                "field_clock, deleted, key FROM row_state WHERE venue_id = $2 AND table_name = x.t AND "
                                "row_key = x.k OFFSET 0 FOR UPDATE) r"),
                 {jsonBytes(list), venueId.toUtf8()})) {
            TrackedRow& t = states[rowId(QString::fromUtf8(r.at(0)), QString::fromUtf8(r.at(1)))];
            t.row.exists = true;
            t.row.data = QJsonDocument::fromJson(r.at(2)).object();
            t.row.clock = QJsonDocument::fromJson(r.at(3)).object();
            t.row.deleted = r.at(4) == "t";
            t.key = QJsonDocument::fromJson(r.at(5)).object();
        }
    }

    // Who holds each patron and confirmation number the batch may write: the rows it does not touch, as the
    // database has them, and the rows it touches, as the batch leaves them.
    QHash<QString, QSet<QString>> holders;
    const auto hold = [&](const QString& id, const TrackedRow& t, bool on) {
        const QString number = uniqueNumber(t.table, t.row);
        if (number.isEmpty())
            return;
        if (on)
            holders[number].insert(id);
        else if (const auto it = holders.find(number); it != holders.end())
            it->remove(id);
    };
    if (!careful) {
        QSet<QString> patronNumbers;
        QSet<QString> confirmationNumbers;
        for (const QJsonValue& v : ops)
            for (const QJsonValue& c : v.toObject().value(QStringLiteral("changes")).toArray()) {
                const QJsonObject change = c.toObject();
                const QString table = change.value(QStringLiteral("table")).toString();
                const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
                if (table == QLatin1String("patron") && fields.contains(QStringLiteral("patron_number")))
                    patronNumbers.insert(valueText(fields.value(QStringLiteral("patron_number"))));
                else if (table == QLatin1String("order") && fields.contains(QStringLiteral("confirmation_number")))
                    confirmationNumbers.insert(valueText(fields.value(QStringLiteral("confirmation_number"))));
            }
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            const QString number = uniqueNumber(it->table, it->row);
            if (it->table == QLatin1String("patron") && !number.isEmpty())
                patronNumbers.insert(number.mid(number.indexOf(u'\x1f') + 1));
            else if (it->table == QLatin1String("order") && !number.isEmpty())
                confirmationNumbers.insert(number.mid(number.indexOf(u'\x1f') + 1));
            hold(it.key(), *it, true);
        }
        patronNumbers.remove(QString());
        confirmationNumbers.remove(QString());
        if (!patronNumbers.isEmpty() || !confirmationNumbers.isEmpty()) {
            QJsonArray patrons;
            for (const QString& n : std::as_const(patronNumbers))
                patrons.append(n);
            QJsonArray confirmations;
            for (const QString& n : std::as_const(confirmationNumbers))
                confirmations.append(n);
            // Each number looked up in its index (a lateral subquery the planner keeps as one, OFFSET 0): "= ANY
            // (ARRAY(...))" or a plain join filter every patron of the venue when row_state's statistics are older
            // than its rows, as after a busy hour.
            for (const QList<QByteArray>& r : rowsOf(
                     QStringLiteral(
                         "SELECT 'patron', r.row_key, n.v FROM jsonb_array_elements_text($1::jsonb) AS n(v), LATERAL "
                         "(SELECT row_key FROM row_state WHERE venue_id = $2 AND table_name = 'patron' AND NOT "
                         "deleted AND data->>'patron_number' = n.v OFFSET 0) r UNION ALL SELECT 'order', r.row_key, "
                         "n.v FROM jsonb_array_elements_text($3::jsonb) AS n(v), LATERAL (SELECT row_key FROM "
                         "row_state WHERE venue_id = $2 AND table_name = 'order' AND NOT deleted AND "
                         "data->>'confirmation_number' = n.v OFFSET 0) r"),
                     {jsonBytes(patrons), venueId.toUtf8(), jsonBytes(confirmations)})) {
                const QString table = QString::fromUtf8(r.at(0));
                const QString id = rowId(table, QString::fromUtf8(r.at(1)));
                if (!states.contains(id))
                    holders[table + u'\x1f' + QString::fromUtf8(r.at(2))].insert(id);
            }
        }
    }

    // Rows merged but not written yet, with the order of their last change (their sequence numbers follow it).
    QHash<QString, qint64> pending;
    qint64 writes = 0;
    // Writes the pending rows in one statement; false when the database refused them (a rule the checks here missed).
    const auto flush = [&]() {
        if (pending.isEmpty())
            return true;
        QList<std::pair<qint64, QString>> order;
        order.reserve(pending.size());
        for (auto it = pending.cbegin(); it != pending.cend(); ++it)
            order.append({it.value(), it.key()});
        std::sort(order.begin(), order.end());
        // The rows as JSON text written piece by piece: a QJsonArray of them would copy every row's data twice.
        QByteArray rows;
        rows.reserve(qsizetype(order.size()) * 1024);
        rows.append('[');
        for (const auto& [position, id] : std::as_const(order)) {
            const TrackedRow& t = states.value(id);
            if (rows.size() > 1)
                rows.append(',');
            rows.append("{\"i\":").append(QByteArray::number(position)).append(",\"t\":");
            appendJsonString(rows, t.table);
            rows.append(",\"k\":");
            appendJsonString(rows, t.rowKey);
            rows.append(",\"key\":").append(QJsonDocument(t.key).toJson(QJsonDocument::Compact));
            rows.append(",\"data\":").append(QJsonDocument(t.row.data).toJson(QJsonDocument::Compact));
            rows.append(",\"clock\":").append(QJsonDocument(t.row.clock).toJson(QJsonDocument::Compact));
            rows.append(",\"deleted\":").append(t.row.deleted ? "true}" : "false}");
        }
        rows.append(']');
        QSqlError error;
        if (!m_db.runText(
                QStringLiteral(
                    "INSERT INTO row_state (venue_id, table_name, row_key, key, data, field_clock, deleted, seq) "
                    "SELECT $1::text, x.t, x.k, x.key, x.data, x.clock, x.deleted, nextval('change_seq') FROM "
                    "jsonb_to_recordset($2::jsonb) AS x(i bigint, t text, k text, key jsonb, data jsonb, clock "
                    "jsonb, deleted boolean) ORDER BY x.i ON CONFLICT (venue_id, table_name, row_key) DO UPDATE "
                    "SET data = EXCLUDED.data, field_clock = EXCLUDED.field_clock, deleted = EXCLUDED.deleted, "
                    "seq = EXCLUDED.seq"),
                {venueId.toUtf8(), rows}, nullptr, &error)) {
            if (!isRuleBroken(error))
                throw DatabaseFailure(error.text());
            return false;
        }
        pending.clear();
        return true;
    };

    VenueInvariants invariants(m_db, venueId);
    QJsonArray results;
    QJsonArray outcomes;
    QJsonArray audits;
    QString latestClock;
    for (const QJsonValue& v : ops) {
        const QJsonObject op = v.toObject();
        const QString id = op.value(QStringLiteral("id")).toString();
        const QString hlc = op.value(QStringLiteral("hlc")).toString();
        if (hlc > latestClock)
            latestClock = hlc;
        if (const auto first = seen.constFind(id); first != seen.constEnd()) {
            QJsonObject result{{QStringLiteral("id"), id},
                               {QStringLiteral("status"), QStringLiteral("duplicate")},
                               {QStringLiteral("first_status"), first->status}};
            if (!first->reason.isEmpty())
                result.insert(QStringLiteral("reason"), first->reason);
            results.append(result);
            continue;
        }
        const QString staffId = op.value(QStringLiteral("staff_id")).toString();
        const QString role = roleOfStaff.value(staffId);
        const QJsonArray changes = op.value(QStringLiteral("changes")).toArray();

        // The operation merged into copies of its rows, checked change by change as the database would, in order;
        // the database decides where a check here cannot (needsDatabase), or when pushing carefully.
        QHash<QString, TrackedRow> merged;
        QList<QString> writtenIds;
        QList<VenueInvariants::ChangedRow> written;
        QString reason;
        bool needsDatabase = careful;
        bool needsCredit = false;
        QHash<QString, QString> numberWriters;
        if (role.isEmpty())
            reason = QStringLiteral("Staff member %1 is not an active account of this venue").arg(staffId);
        // The checks that need no SQL; in the database path they run again, each before its change is written.
        const auto check = [&](const TrackedRow& t, const QString& table, RowMerge::Kind kind,
                               const QJsonObject& fields) -> QString {
            const RowMerge::Row& row = t.row;
            // An order this operation itself brings to the venue (its insert came first in the operation).
            bool orderNew = false;
            if (table == QLatin1String("order")) {
                orderNew = !row.exists && kind == RowMerge::Kind::Insert;
            } else if (table == QLatin1String("order_line") || table == QLatin1String("order_event")) {
                const QString orderId = fields.contains(QStringLiteral("order_id"))
                                            ? fields.value(QStringLiteral("order_id")).toString()
                                            : row.data.value(QStringLiteral("order_id")).toString();
                const QString orderRid =
                    rowId(QStringLiteral("order"), rowKey(QJsonObject{{QStringLiteral("id"), orderId}}));
                orderNew = !orderId.isEmpty() && merged.contains(orderRid) && !states.value(orderRid).row.exists;
            }
            QString refusal = RolePolicy::refusal(role, table, kind == RowMerge::Kind::Delete, fields, row.data,
                                                  row.exists && !row.deleted, orderNew);
            if (!refusal.isEmpty())
                return refusal;
            if (row.exists && kind != RowMerge::Kind::Insert && appendOnlyTables().contains(table))
                return QStringLiteral("%1 rows are append-only").arg(table);
            // An update of a row the server never took (its insert was refused) would make a row of only the
            // changed columns, which no workstation can store.
            if (!row.exists && kind == RowMerge::Kind::Update)
                return QStringLiteral("It changes a %1 row the server does not have (was the operation that made "
                                      "it refused?)")
                    .arg(table);
            return QString();
        };
        if (!needsDatabase) {
            for (const QJsonValue& c : changes) {
                if (!reason.isEmpty())
                    break;
                const QJsonObject change = c.toObject();
                const QString table = change.value(QStringLiteral("table")).toString();
                const QJsonObject key = change.value(QStringLiteral("key")).toObject();
                const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
                const RowMerge::Kind kind = kindOf(change.value(QStringLiteral("op")).toString());
                const QString rid = rowId(table, rowKey(key));
                TrackedRow t = merged.contains(rid) ? merged.value(rid) : states.value(rid);
                reason = check(t, table, kind, fields);
                if (!reason.isEmpty())
                    break;
                if (!RowMerge::apply(t.row, kind, key, fields, hlc))
                    continue;
                t.key = key;
                // A live sale line may take a sold seat: the database's seat index decides, then the credits.
                if (table == QLatin1String("order_line") && !t.row.deleted) {
                    needsDatabase = true;
                    break;
                }
                const QString number = uniqueNumber(table, t.row);
                if (!number.isEmpty()) {
                    const QSet<QString> others = holders.value(number) - QSet<QString>{rid};
                    if (!others.isEmpty() || numberWriters.value(number, rid) != rid) {
                        needsDatabase = true;
                        break;
                    }
                    numberWriters.insert(number, rid);
                }
                if (table == QLatin1String("membership_seat_use") && !t.row.deleted)
                    needsCredit = true;
                merged.insert(rid, t);
                writtenIds.append(rid);
                written.append({table, t.row.data, t.row.deleted});
            }
            if (reason.isEmpty() && needsCredit)
                needsDatabase = true;
        }

        if (needsDatabase) {
            // Written change by change under a savepoint, after every row merged before it.
            if (!flush())
                return std::nullopt;
            merged.clear();
            writtenIds.clear();
            written.clear();
            reason.clear();
            if (role.isEmpty())
                reason = QStringLiteral("Staff member %1 is not an active account of this venue").arg(staffId);
            m_db.runDirect(QStringLiteral("SAVEPOINT operation"));
            for (const QJsonValue& c : changes) {
                if (!reason.isEmpty())
                    break;
                const QJsonObject change = c.toObject();
                const QString table = change.value(QStringLiteral("table")).toString();
                const QJsonObject key = change.value(QStringLiteral("key")).toObject();
                const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
                const RowMerge::Kind kind = kindOf(change.value(QStringLiteral("op")).toString());
                const QString k = rowKey(key);
                const QString rid = rowId(table, k);
                TrackedRow t = merged.contains(rid) ? merged.value(rid) : states.value(rid);
                reason = check(t, table, kind, fields);
                if (!reason.isEmpty())
                    break;
                if (!RowMerge::apply(t.row, kind, key, fields, hlc))
                    continue;
                t.key = key;
                QSqlError error;
                QSqlQuery* q = m_db.tryRun(
                    upsertOne,
                    {venueId, table, k, compact(key), compact(t.row.data), compact(t.row.clock), t.row.deleted},
                    &error);
                if (!q) {
                    if (!isRuleBroken(error))
                        throw DatabaseFailure(error.text());
                    // The transaction is aborted until the savepoint is rolled back; then the reason can be read.
                    m_db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT operation"));
                    reason = invariants.violationReason(error, table, t.row.data);
                    if (reason.isEmpty())
                        reason = QStringLiteral("The change to %1 breaks a rule of the venue's data").arg(table);
                    break;
                }
                q->finish();
                merged.insert(rid, t);
                writtenIds.append(rid);
                written.append({table, t.row.data, t.row.deleted});
            }
            if (reason.isEmpty())
                reason = invariants.creditProblem(written);
            if (reason.isEmpty())
                reason = invariants.discountProblem(written);
            if (reason.isEmpty()) {
                m_db.runDirect(QStringLiteral("RELEASE SAVEPOINT operation"));
            } else {
                m_db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT operation"));
                m_db.runDirect(QStringLiteral("RELEASE SAVEPOINT operation"));
            }
        }

        if (reason.isEmpty()) {
            for (auto it = merged.cbegin(); it != merged.cend(); ++it) {
                TrackedRow& t = states[it.key()];
                hold(it.key(), t, false);
                t = it.value();
                hold(it.key(), t, true);
            }
            if (!needsDatabase)
                for (const QString& rid : std::as_const(writtenIds))
                    pending.insert(rid, ++writes);
            outcomes.append(QJsonObject{{QStringLiteral("i"), outcomes.size()},
                                        {QStringLiteral("id"), id},
                                        {QStringLiteral("staff"), staffId},
                                        {QStringLiteral("hlc"), hlc},
                                        {QStringLiteral("status"), QStringLiteral("applied")},
                                        {QStringLiteral("reason"), QJsonValue::Null}});
            audits.append(
                QJsonObject{{QStringLiteral("i"), audits.size()},
                            {QStringLiteral("id"), id},
                            {QStringLiteral("staff"), staffId},
                            {QStringLiteral("summary"), op.value(QStringLiteral("summary")).toString().left(1000)}});
            seen.insert(id, {QStringLiteral("applied"), QString()});
            results.append(
                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("applied")}});
        } else {
            outcomes.append(QJsonObject{{QStringLiteral("i"), outcomes.size()},
                                        {QStringLiteral("id"), id},
                                        {QStringLiteral("staff"), staffId},
                                        {QStringLiteral("hlc"), hlc},
                                        {QStringLiteral("status"), QStringLiteral("refused")},
                                        {QStringLiteral("reason"), reason}});
            seen.insert(id, {QStringLiteral("refused"), reason});
            results.append(QJsonObject{{QStringLiteral("id"), id},
                                       {QStringLiteral("status"), QStringLiteral("refused")},
                                       {QStringLiteral("reason"), reason}});
        }
    }
    if (!flush())
        return std::nullopt;
    QSqlError error;
    if (!outcomes.isEmpty() &&
        !m_db.runText(QStringLiteral("INSERT INTO applied_operation (id, workstation_id, venue_id, staff_id, hlc, "
                                     "status, reason) SELECT x.id, $1::text, $2::text, x.staff, x.hlc, x.status, "
                                     "x.reason FROM jsonb_to_recordset($3::jsonb) AS x(i bigint, id text, staff "
                                     "text, hlc text, status text, reason text) ORDER BY x.i"),
                      {workstationId.toUtf8(), venueId.toUtf8(), jsonBytes(outcomes)}, nullptr, &error))
        throw DatabaseFailure(error.text());
    if (!audits.isEmpty() &&
        !m_db.runText(QStringLiteral("INSERT INTO audit_log (venue_id, operation_id, staff_id, workstation_id, "
                                     "summary) SELECT $1::text, x.id, x.staff, $2::text, coalesce(x.summary, '') "
                                     "FROM jsonb_to_recordset($3::jsonb) AS x(i bigint, id text, staff text, "
                                     "summary text) ORDER BY x.i"),
                      {venueId.toUtf8(), workstationId.toUtf8(), jsonBytes(audits)}, nullptr, &error))
        throw DatabaseFailure(error.text());
    return ApiReply::ok(
        {{QStringLiteral("results"), results}, {QStringLiteral("server_hlc"), ServerClock::now(latestClock)}});
}

} // namespace foyer::server
