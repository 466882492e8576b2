#include "SyncOperationWriter.h"

#include "DatabaseFile.h"
#include "HybridLogicalClock.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "SyncCapture.h"
#include "SyncContext.h"
#include "UuidV7.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <vector>

namespace foyer::storage {

namespace {

// One row's changes within the transaction, from its first touch to its last.
struct RowChanges
{
    QString table;
    QString key;        // canonical JSON of the key columns
    bool existedBefore; // first touched by an update or delete
    bool existsAfter;   // last touched by an insert or update
    QString before;     // the row before the transaction (existedBefore)
    QString after;      // the row after it (existsAfter)
};

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parse(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString jsonString(const QString& text)
{
    // A JSON string literal: an array of one, without its brackets.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

class Coalescer
{
public:
    void add(const QString& table, const QString& key, const QString& op, const QString& newRow, const QString& oldRow)
    {
        const QString id = table + u'\x1f' + key;
        auto found = m_index.constFind(id);
        if (found == m_index.constEnd()) {
            m_index.insert(id, m_rows.size());
            m_rows.push_back({table, key, op != QLatin1String("insert"), op != QLatin1String("delete"), oldRow,
                              op != QLatin1String("delete") ? newRow : QString()});
            return;
        }
        RowChanges& row = m_rows[*found];
        row.existsAfter = op != QLatin1String("delete");
        row.after = row.existsAfter ? newRow : QString();
    }

    // The "changes" array of the push format, as JSON text; *count says how many.
    QString changesText(qsizetype* count) const
    {
        QString out;
        out.reserve(qsizetype(m_rows.size()) * 256);
        out.append(u'[');
        *count = 0;
        for (const RowChanges& row : m_rows) {
            QString op, fields;
            if (!row.existedBefore && row.existsAfter) {
                op = QStringLiteral("insert");
                fields = row.after;
            } else if (row.existedBefore && !row.existsAfter) {
                op = QStringLiteral("delete");
                fields = QStringLiteral("{}");
            } else if (row.existedBefore && row.existsAfter) {
                const QJsonObject before = parse(row.before);
                const QJsonObject after = parse(row.after);
                QJsonObject changed;
                for (auto it = after.constBegin(); it != after.constEnd(); ++it)
                    if (before.value(it.key()) != it.value())
                        changed.insert(it.key(), it.value());
                if (changed.isEmpty())
                    continue;
                op = QStringLiteral("update");
                fields = compact(changed);
            } else {
                continue; // made and removed within the transaction
            }
            if (*count > 0)
                out.append(u',');
            out.append(QStringLiteral("{\"table\":") + jsonString(row.table) + QStringLiteral(",\"key\":") + row.key +
                       QStringLiteral(",\"op\":\"") + op + QStringLiteral("\",\"fields\":") + fields + u'}');
            ++*count;
        }
        out.append(u']');
        return out;
    }

private:
    std::vector<RowChanges> m_rows;
    QHash<QString, qsizetype> m_index;
};

bool stateValue(QSqlDatabase db, const QString& table, const QString& name, QString* value, QString* error)
{
    value->clear();
    return readRows(db, QStringLiteral("SELECT value FROM %1 WHERE name = ?").arg(table), {name}, error,
                    [&](const QSqlQuery& q) { *value = q.value(0).toString(); });
}

bool setState(QSqlDatabase db, const QString& name, const QString& value, QString* error)
{
    QSqlQuery q(db);
    return prepareQuery(q, QStringLiteral("INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)"), error) &&
           runBound(q, {name, value}, error);
}

} // namespace

QString SyncOperationWriter::node(QSqlDatabase db, QString* error)
{
    QString value;
    if (!stateValue(db, QStringLiteral("workstation_setting"), QStringLiteral("workstation_id"), &value, error))
        return {};
    if (!value.isEmpty())
        return value;
    if (!stateValue(db, QStringLiteral("sync_state"), QStringLiteral("local_node"), &value, error))
        return {};
    if (!value.isEmpty())
        return value;
    QString databaseId;
    if (DatabaseFile::inspect(db.databaseName(), &databaseId) == DatabaseFile::State::Encrypted &&
        !databaseId.isEmpty())
        value = databaseId;
    else
        value = core::UuidV7::generateText();
    return setState(db, QStringLiteral("local_node"), value, error) ? value : QString();
}

QString SyncOperationWriter::nextClock(QSqlDatabase db, QString* error)
{
    const QString nodeId = node(db, error);
    if (nodeId.isEmpty())
        return {};
    QString stored;
    if (!stateValue(db, QStringLiteral("sync_state"), QStringLiteral("hlc"), &stored, error))
        return {};
    core::HybridLogicalClock clock(nodeId);
    if (!stored.isEmpty()) {
        QString parseError;
        const auto last = core::HybridLogicalClock::Stamp::parse(stored, &parseError);
        if (!last) {
            fail(error, QStringLiteral("sync_state hlc: %1").arg(parseError));
            return {};
        }
        clock = core::HybridLogicalClock(nodeId, last->wallMs, last->counter);
    }
    const QString next = clock.now(QDateTime::currentMSecsSinceEpoch());
    return setState(db, QStringLiteral("hlc"), next, error) ? next : QString();
}

bool SyncOperationWriter::observeClock(QSqlDatabase db, const QString& remote, QString* error)
{
    const QString nodeId = node(db, error);
    if (nodeId.isEmpty())
        return false;
    QString stored;
    if (!stateValue(db, QStringLiteral("sync_state"), QStringLiteral("hlc"), &stored, error))
        return false;
    core::HybridLogicalClock clock(nodeId);
    if (const auto last = core::HybridLogicalClock::Stamp::parse(stored, nullptr))
        clock = core::HybridLogicalClock(nodeId, last->wallMs, last->counter);
    if (!clock.observe(remote, QDateTime::currentMSecsSinceEpoch(), error))
        return false;
    return setState(db, QStringLiteral("hlc"), clock.state().toText(), error);
}

bool SyncOperationWriter::fold(QSqlDatabase db, QString* error)
{
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT seq, table_name, row_key, op, new_row, old_row FROM sync_row_change ORDER "
                                  "BY seq"))) {
        const QString reason = rows.lastError().text();
        QString schemaError;
        const bool hasSync = SyncCapture::schemaHasSync(db, &schemaError);
        if (schemaError.isEmpty() && !hasSync)
            return true; // a schema from before sync: nothing is captured
        return fail(error, QStringLiteral("Cannot read the captured changes: %1").arg(reason));
    }
    Coalescer coalescer;
    qint64 lastSeq = -1;
    QString summary;
    while (rows.next()) {
        lastSeq = rows.value(0).toLongLong();
        const QString table = rows.value(1).toString();
        const QString keyText = rows.value(2).toString();
        const QString op = rows.value(3).toString();
        const QString newRow = rows.value(4).toString();
        const QString oldRow = rows.value(5).toString();
        const QJsonObject key = parse(keyText);
        const QString canonicalKey = compact(key);
        if (op == QLatin1String("update")) {
            // A changed primary key: the old row goes, the new one comes.
            const QJsonObject before = parse(oldRow);
            QJsonObject oldKey;
            for (auto it = key.constBegin(); it != key.constEnd(); ++it)
                oldKey.insert(it.key(), before.value(it.key()));
            if (oldKey != key) {
                coalescer.add(table, compact(oldKey), QStringLiteral("delete"), QString(), oldRow);
                coalescer.add(table, canonicalKey, QStringLiteral("insert"), newRow, QString());
                continue;
            }
        }
        if (summary.isEmpty() && op == QLatin1String("insert") && table == QLatin1String("audit_log"))
            summary = parse(newRow).value(QStringLiteral("details")).toString();
        coalescer.add(table, canonicalKey, op, newRow, oldRow);
    }
    if (rows.lastError().isValid())
        return fail(error, QStringLiteral("Cannot read the captured changes: %1").arg(rows.lastError().text()));
    rows.finish();
    if (lastSeq < 0)
        return true;

    qsizetype count = 0;
    const QString changes = coalescer.changesText(&count);
    QSqlQuery q(db);
    if (count > 0) {
        const QString hlc = nextClock(db, error);
        if (hlc.isEmpty())
            return false;
        if (summary.isEmpty())
            summary = count == 1 ? QStringLiteral("1 row changed") : QStringLiteral("%1 rows changed").arg(count);
        const QString staff = SyncContext::staffId();
        if (!prepareQuery(q,
                          QStringLiteral("INSERT INTO sync_outbox (id, hlc, staff_id, summary, changes, status, "
                                         "created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"),
                          error) ||
            !runBound(q, {core::UuidV7::generateText(), hlc, textOrNull(staff), summary, changes, nowUtcText()}, error))
            return false;
    }
    return prepareQuery(q, QStringLiteral("DELETE FROM sync_row_change WHERE seq <= ?"), error) &&
           runBound(q, {lastSeq}, error);
}

} // namespace foyer::storage
