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
#include <QRegularExpression>

namespace foyer::server {

namespace {

bool isIdentifier(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
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
    if (!ws.next() || (!session.workstationId.isEmpty() && session.workstationId != workstationId))
        return ApiReply::error(403, QStringLiteral("forbidden"),
                               QStringLiteral("This session may not push for workstation %1.").arg(workstationId));

    m_db.begin();
    // Pushes of one venue one at a time, so change sequence numbers commit in order.
    m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7461, hashtext(?))"), {session.venueId});

    // Operations seen before: answered from their first result; one first pushed elsewhere refuses the request.
    struct First
    {
        QString status;
        QString reason;
    };
    QHash<QString, First> seen;
    for (const QJsonValue& v : ops) {
        const QString id = v.toObject().value(QStringLiteral("id")).toString();
        if (seen.contains(id))
            continue;
        QSqlQuery& q = m_db.run(
            QStringLiteral("SELECT workstation_id, status, coalesce(reason, '') FROM applied_operation WHERE id = ?"),
            {id});
        if (!q.next())
            continue;
        if (q.value(0).toString() != workstationId) {
            m_db.rollback();
            return ApiReply::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("Operation %1 was first pushed by another workstation.").arg(id));
        }
        seen.insert(id, {q.value(1).toString(), q.value(2).toString()});
    }

    VenueInvariants invariants(m_db, session.venueId);
    QHash<QString, QString> roleOfStaff;
    QJsonArray results;
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
        if (!roleOfStaff.contains(staffId)) {
            QSqlQuery& s =
                m_db.run(QStringLiteral("SELECT role FROM staff WHERE id = ? AND venue_id = ? AND NOT disabled"),
                         {staffId, session.venueId});
            roleOfStaff.insert(staffId, s.next() ? s.value(0).toString() : QString());
        }
        const QString role = roleOfStaff.value(staffId);

        m_db.runDirect(QStringLiteral("SAVEPOINT operation"));
        QString reason;
        if (role.isEmpty())
            reason = QStringLiteral("Staff member %1 is not an active account of this venue").arg(staffId);
        QList<VenueInvariants::ChangedRow> written;
        const QJsonArray changes = op.value(QStringLiteral("changes")).toArray();
        for (const QJsonValue& c : changes) {
            if (!reason.isEmpty())
                break;
            const QJsonObject change = c.toObject();
            const QString table = change.value(QStringLiteral("table")).toString();
            const QJsonObject key = change.value(QStringLiteral("key")).toObject();
            const QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
            const RowMerge::Kind kind = kindOf(change.value(QStringLiteral("op")).toString());
            const QString k = rowKey(key);
            RowMerge::Row row;
            QSqlQuery& current = m_db.run(QStringLiteral("SELECT data::text, field_clock::text, deleted FROM row_state "
                                                         "WHERE venue_id = ? AND table_name = ? AND row_key = ? "
                                                         "FOR UPDATE"),
                                          {session.venueId, table, k});
            if (current.next()) {
                row.exists = true;
                row.data = QJsonDocument::fromJson(current.value(0).toString().toUtf8()).object();
                row.clock = QJsonDocument::fromJson(current.value(1).toString().toUtf8()).object();
                row.deleted = current.value(2).toBool();
            }
            current.finish();
            reason = RolePolicy::refusal(role, table, kind == RowMerge::Kind::Delete, fields, row.data,
                                         row.exists && !row.deleted);
            if (!reason.isEmpty())
                break;
            if (row.exists && kind != RowMerge::Kind::Insert && appendOnlyTables().contains(table)) {
                reason = QStringLiteral("%1 rows are append-only").arg(table);
                break;
            }
            // An update of a row the server never took (its insert was refused) would make a row of only the
            // changed columns, which no workstation can store.
            if (!row.exists && kind == RowMerge::Kind::Update) {
                reason = QStringLiteral("It changes a %1 row the server does not have (was the operation that made "
                                        "it refused?)")
                             .arg(table);
                break;
            }
            if (!RowMerge::apply(row, kind, key, fields, hlc))
                continue;
            QSqlError error;
            if (!m_db.tryRun(
                    QStringLiteral("INSERT INTO row_state (venue_id, table_name, row_key, key, data, "
                                   "field_clock, deleted, seq) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, "
                                   "?::jsonb, ?, nextval('change_seq')) ON CONFLICT (venue_id, table_name, "
                                   "row_key) DO UPDATE SET data = EXCLUDED.data, field_clock = "
                                   "EXCLUDED.field_clock, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq"),
                    {session.venueId, table, k, compact(key), compact(row.data), compact(row.clock), row.deleted},
                    &error)) {
                if (error.nativeErrorCode() != QLatin1String("23505") &&
                    error.nativeErrorCode() != QLatin1String("23514"))
                    throw DatabaseFailure(error.text());
                // The transaction is aborted until the savepoint is rolled back; then the reason can be read.
                m_db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT operation"));
                reason = invariants.violationReason(error, table, row.data);
                if (reason.isEmpty())
                    reason = QStringLiteral("The change to %1 breaks a rule of the venue's data").arg(table);
                break;
            }
            written.append({table, row.data, row.deleted});
        }
        if (reason.isEmpty())
            reason = invariants.creditProblem(written);
        if (reason.isEmpty())
            reason = invariants.discountProblem(written);
        if (reason.isEmpty()) {
            m_db.runDirect(QStringLiteral("RELEASE SAVEPOINT operation"));
            m_db.run(QStringLiteral("INSERT INTO applied_operation (id, workstation_id, venue_id, staff_id, hlc, "
                                    "status) VALUES (?, ?, ?, ?, ?, 'applied')"),
                     {id, workstationId, session.venueId, staffId, hlc});
            m_db.run(QStringLiteral("INSERT INTO audit_log (venue_id, operation_id, staff_id, workstation_id, "
                                    "summary) VALUES (?, ?, ?, ?, coalesce(?, ''))"),
                     {session.venueId, id, staffId, workstationId,
                      op.value(QStringLiteral("summary")).toString().left(1000)});
            seen.insert(id, {QStringLiteral("applied"), QString()});
            results.append(
                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("applied")}});
        } else {
            m_db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT operation"));
            m_db.runDirect(QStringLiteral("RELEASE SAVEPOINT operation"));
            m_db.run(QStringLiteral("INSERT INTO applied_operation (id, workstation_id, venue_id, staff_id, hlc, "
                                    "status, reason) VALUES (?, ?, ?, ?, ?, 'refused', ?)"),
                     {id, workstationId, session.venueId, staffId, hlc, reason});
            seen.insert(id, {QStringLiteral("refused"), reason});
            results.append(QJsonObject{{QStringLiteral("id"), id},
                                       {QStringLiteral("status"), QStringLiteral("refused")},
                                       {QStringLiteral("reason"), reason}});
        }
    }
    m_db.commit();
    return ApiReply::ok(
        {{QStringLiteral("results"), results}, {QStringLiteral("server_hlc"), ServerClock::now(latestClock)}});
}

} // namespace foyer::server
