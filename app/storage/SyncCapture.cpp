#include "SyncCapture.h"

#include "SqlRead.h"
#include "SqlText.h"
#include "StorageFailure.h"

#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

const QString TriggerPrefix = QStringLiteral("sync_capture_");

QString jsonOf(const QString& alias, const QStringList& columns)
{
    QStringList args;
    for (const QString& column : columns)
        args << quotedLiteral(column) << alias + u'.' + quotedIdentifier(column);
    return QStringLiteral("json_object(") + args.join(QStringLiteral(", ")) + u')';
}

} // namespace

const QStringList& SyncCapture::localOnlyTables()
{
    static const QStringList tables = {
        // This workstation's own settings (its prefix, counters, registration, printer choices).
        QStringLiteral("workstation_setting"),
        // The patrons staff opened lately on this workstation, for the empty-search list.
        QStringLiteral("patron_recent"),
        // Derived: rebuilt from patron, patron_email and patron_phone rows, locally and by the applier.
        QStringLiteral("patron_search_key"),
        // The server owns staff accounts; local rows are a cache of verifiers for offline sign-in.
        QStringLiteral("staff_user"),
        // The sync machinery itself.
        QStringLiteral("sync_row_change"),
        QStringLiteral("sync_outbox"),
        QStringLiteral("sync_state"),
        QStringLiteral("sync_applying"),
        QStringLiteral("sync_resolution"),
        QStringLiteral("sync_held_row"),
    };
    return tables;
}

bool SyncCapture::isSynced(const QString& table)
{
    return !table.startsWith(QLatin1String("sqlite_")) && !localOnlyTables().contains(table);
}

QStringList SyncCapture::syncedTables(QSqlDatabase db, QString* error)
{
    QStringList tables;
    bool ok = readRows(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), {},
                       error, [&](const QSqlQuery& q) {
                           const QString name = q.value(0).toString();
                           if (isSynced(name))
                               tables.append(name);
                       });
    return ok ? tables : QStringList();
}

QStringList SyncCapture::columns(QSqlDatabase db, const QString& table, QString* error)
{
    QStringList names;
    if (!readRows(db, QStringLiteral("PRAGMA table_info(%1)").arg(quotedIdentifier(table)), {}, error,
                  [&](const QSqlQuery& q) { names.append(q.value(1).toString()); }))
        return {};
    if (names.isEmpty())
        fail(error, QStringLiteral("table %1 has no columns").arg(table));
    return names;
}

QStringList SyncCapture::primaryKey(QSqlDatabase db, const QString& table, QString* error)
{
    QMap<int, QString> key;
    if (!readRows(db, QStringLiteral("PRAGMA table_info(%1)").arg(quotedIdentifier(table)), {}, error,
                  [&](const QSqlQuery& q) {
                      if (const int position = q.value(5).toInt(); position > 0)
                          key.insert(position, q.value(1).toString());
                  }))
        return {};
    if (key.isEmpty())
        fail(error, QStringLiteral("table %1 has no primary key, so its rows cannot be synced").arg(table));
    return key.values();
}

bool SyncCapture::schemaHasSync(QSqlDatabase db, QString* error)
{
    int count = -1;
    if (!readRows(db,
                  QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                 "('sync_row_change', 'sync_applying')"),
                  {}, error, [&](const QSqlQuery& q) { count = q.value(0).toInt(); }))
        return false;
    return count == 2;
}

bool SyncCapture::expectedTriggers(QSqlDatabase db, QStringList* names, QStringList* sql, QString* error)
{
    QString readError;
    const QStringList tables = syncedTables(db, &readError);
    if (!readError.isEmpty())
        return fail(error, readError);
    for (const QString& table : tables) {
        const QStringList cols = columns(db, table, error);
        const QStringList key = primaryKey(db, table, error);
        if (cols.isEmpty() || key.isEmpty())
            return false;
        const QString when = QStringLiteral(" WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN INSERT INTO "
                                            "sync_row_change (table_name, row_key, op, new_row, old_row) VALUES (");
        const struct
        {
            const char* event;
            const char* op;
            const char* keyAlias;
            bool newRow;
            bool oldRow;
        } kinds[] = {{"INSERT", "insert", "NEW", true, false},
                     {"UPDATE", "update", "NEW", true, true},
                     {"DELETE", "delete", "OLD", false, true}};
        for (const auto& kind : kinds) {
            const QString name = TriggerPrefix + table + u'_' + QLatin1String(kind.op);
            names->append(name);
            sql->append(QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3")
                            .arg(quotedIdentifier(name), QLatin1String(kind.event), quotedIdentifier(table)) +
                        when + quotedLiteral(table) + QStringLiteral(", ") + jsonOf(QLatin1String(kind.keyAlias), key) +
                        QStringLiteral(", ") + quotedLiteral(QLatin1String(kind.op)) + QStringLiteral(", ") +
                        (kind.newRow ? jsonOf(QStringLiteral("NEW"), cols) : QStringLiteral("NULL")) +
                        QStringLiteral(", ") +
                        (kind.oldRow ? jsonOf(QStringLiteral("OLD"), cols) : QStringLiteral("NULL")) +
                        QStringLiteral("); END"));
        }
    }
    return true;
}

bool SyncCapture::dropTriggers(QSqlDatabase db, QString* error)
{
    QStringList existing;
    if (!readRows(db,
                  QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name >= ? AND name < ?"),
                  {TriggerPrefix, QStringLiteral("sync_capture`")}, error,
                  [&](const QSqlQuery& q) { existing.append(q.value(0).toString()); }))
        return false;
    QSqlQuery q(db);
    for (const QString& name : existing)
        if (!q.exec(QStringLiteral("DROP TRIGGER %1").arg(quotedIdentifier(name))))
            return fail(error, q.lastError().text());
    return true;
}

bool SyncCapture::install(QSqlDatabase db, QString* error)
{
    QStringList names, sql;
    if (!dropTriggers(db, error) || !expectedTriggers(db, &names, &sql, error))
        return false;
    QSqlQuery q(db);
    for (const QString& statement : sql)
        if (!q.exec(statement))
            return fail(error, q.lastError().text());
    return true;
}

bool SyncCapture::upToDate(QSqlDatabase db, bool* current, QString* error)
{
    *current = false;
    QStringList names, sql;
    if (!expectedTriggers(db, &names, &sql, error))
        return false;
    QMap<QString, QString> existing;
    if (!readRows(
            db, QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name >= ? AND name < ?"),
            {TriggerPrefix, QStringLiteral("sync_capture`")}, error,
            [&](const QSqlQuery& q) { existing.insert(q.value(0).toString(), q.value(1).toString()); }))
        return false;
    if (existing.size() != names.size())
        return true;
    for (qsizetype i = 0; i < names.size(); ++i)
        if (existing.value(names.at(i)) != sql.at(i))
            return true;
    *current = true;
    return true;
}

} // namespace foyer::storage
