#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <unordered_map>

namespace foyer::storage {

class PatronRepository;

// Applies a page of GET /v1/pull (docs/sync-protocol.md) to the local database: in one transaction, with capture off
// (a row in sync_applying), the page's staff directory upserted into staff_user, each row upserted with the columns the
// server sent or deleted, the touched patrons' search keys rebuilt, the clock moved past server_hlc and the cursor set
// to "next". Anything wrong (an unknown table or column, a constraint, a seat this workstation already sold) rolls the
// whole page back, cursor included. A page may hold a child before its parent. A new row whose parent is still missing
// when the page is done (the server sends each row at its latest change: a patron edited after their orders comes
// after them, maybe pages later) is held back in sync_held_row, out of its table, and applied again with each later
// page until its parent is there.
//
// A first sync is hundreds of thousands of rows of a handful of tables, each with the same columns: the statements
// (per table and column set) are prepared once and kept for the applier's life, across pages, instead of being parsed
// and planned again for every row. Keep one applier for a whole pull.
class SyncApplier
{
public:
    explicit SyncApplier(QSqlDatabase db);
    ~SyncApplier();
    SyncApplier(const SyncApplier&) = delete;
    SyncApplier& operator=(const SyncApplier&) = delete;

    bool apply(const QJsonObject& page, QString* error);
    // The server change sequence applied up to (0 before the first pull); -1 when it cannot be read.
    qint64 cursor(QString* error);

private:
    // What a pulled row of one table needs, read from the schema once.
    struct Table
    {
        QStringList columns;
        QSet<QString> known;
        QStringList keyColumns;
        QString where; // "k1" = ? AND "k2" = ?
    };

    // inserted: whether the row was new here (not an update of a row this database had).
    bool applyChange(const QJsonObject& change, QStringList* touchedPatrons, QString* error, bool* inserted = nullptr);
    // A foreign key of a table: its columns here and in the parent (empty: the parent's primary key).
    struct ForeignKey
    {
        QString parent;
        QStringList from;
        QStringList to;
    };
    const QList<ForeignKey>* foreignKeys(const QString& table, QString* error);
    // What the pulled row waits for ("patron 0193…"), empty when every parent it names is here; a null string when
    // that cannot be read (error says why).
    QString missingParent(const QString& table, const QJsonObject& row, QString* error);
    // The held rows, applied again ahead of this page (older changes first); the written keys go to written.
    bool retryHeld(QHash<QString, QJsonObject>* written, QStringList* touched, QString* error);
    // Moves every written row whose parent is missing out of its table into sync_held_row (until none is left).
    bool holdOrphans(const QHash<QString, QJsonObject>& written, QString* error);
    const Table* table(const QString& name, QString* error);
    // The statement cached under key, prepared from makeSql() the first time; nullptr (and why in error) when it
    // cannot be prepared. The pointer stays valid until the next page starts.
    QSqlQuery* statement(const QString& key, const std::function<QString()>& makeSql, QString* error);
    bool rebuildSearchKeys(const QStringList& touched, QString* error);
    QString seatClash(const QJsonObject& row);

    QSqlDatabase m_db;
    QHash<QString, Table> m_tables;
    QHash<QString, QList<ForeignKey>> m_foreignKeys;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<PatronRepository> m_patrons;
};

} // namespace foyer::storage
