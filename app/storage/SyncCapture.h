#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace foyer::storage {

// The capture triggers: AFTER INSERT, UPDATE and DELETE on every synced table, each writing the row's primary key
// and its columns (json_object of NEW/OLD, every column from PRAGMA table_info, so none can be missed) to
// sync_row_change, unless sync_applying has a row (pulled changes being applied). Generated here, not in a migration
// script, so a migration that adds a column or a table gets them right by running install() again.
class SyncCapture
{
public:
    // Tables that stay on this workstation: no triggers, never pushed.
    static const QStringList& localOnlyTables();
    static bool isSynced(const QString& table);
    // Every synced table of the database's schema, by name; error when the schema cannot be read.
    static QStringList syncedTables(QSqlDatabase db, QString* error);
    // Primary-key columns in key order (error when the table has none: it could not be synced).
    static QStringList primaryKey(QSqlDatabase db, const QString& table, QString* error);
    static QStringList columns(QSqlDatabase db, const QString& table, QString* error);
    // Whether this schema has the sync tables (migration 10 and later).
    static bool schemaHasSync(QSqlDatabase db, QString* error);

    // Drops every capture trigger (before a migration changes tables: its own data changes are not operations).
    static bool dropTriggers(QSqlDatabase db, QString* error);
    // Drops and recreates every capture trigger from the current schema; caller's transaction.
    static bool install(QSqlDatabase db, QString* error);
    // Whether every synced table has exactly the triggers install() would write (compares their SQL).
    static bool upToDate(QSqlDatabase db, bool* current, QString* error);

private:
    static bool expectedTriggers(QSqlDatabase db, QStringList* names, QStringList* sql, QString* error);
};

} // namespace foyer::storage
