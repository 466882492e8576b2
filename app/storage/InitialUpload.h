#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>

namespace foyer::storage {

// The first upload of a workstation that registers with the venue's server (docs/sync-protocol.md, "First upload"):
// rows that no sync operation carries (written before sync existed: migration 10 dropped the old outbox, and the
// capture triggers record only later writes) get operations of the shape capture writes, so the normal push sends
// them. Every synced row with no insert in sync_outbox (pending, sent or refused) is uploaded once, as an insert of
// all its columns. Tables go parents first (from the schema's foreign keys; a table that references itself, such as
// membership.renewed_by_id, sends a referenced row before the rows naming it), in operations of at most
// RowsPerOperation rows of one table, one transaction each, stamped with the next clock and the registering member.
//
// Resumable: a run stopped half way (the process killed, the progress callback saying stop) leaves whole
// operations; the next run uploads only the rows still without one. When every row has its operation, the
// operations this workstation wrote before the upload began (still pending: a workstation never pushes before it is
// registered) are stamped again with later clocks, in their order, so they are pushed after the rows they change;
// then the upload is marked done (sync_state 'initial_upload') and never runs again. A workstation that has pulled
// from the server never uploads: pulled rows are applied without operations and are the server's already.
class InitialUpload
{
public:
    static constexpr int RowsPerOperation = 500;
    // Rows written so far in this run and rows this run had to write; return false to stop.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit InitialUpload(QSqlDatabase db);
    ~InitialUpload();

    // Rows the upload still has to send; 0 when it is done or the workstation has pulled; -1 when they cannot be
    // counted (error says why).
    qint64 pendingRows(QString* error);
    // Writes the operations (staffId: their staff_id). True when the upload is complete. False with error when a
    // step failed, or with *stopped set when progress asked to stop; what was written stays and the next run resumes.
    bool run(const QString& staffId, const Progress& progress, bool* stopped, QString* error);
    // The synced tables, parents before the tables that reference them.
    static QStringList tableOrder(QSqlDatabase db, QString* error);

private:
    struct TableShape;
    bool done(bool* isDone, QString* error);
    bool buildCovered(QString* error);
    bool shapeOf(const QString& table, TableShape* shape, QString* error);
    qint64 uncovered(const TableShape& shape, QString* error);
    // One pass over a table: chunks of rows without an operation (those whose self-references are sent when
    // parentsFirst); *written counts the rows.
    bool uploadPass(const TableShape& shape, bool parentsFirst, const QString& staffId, qint64* written, qint64* done,
                    qint64 total, const Progress& progress, bool* stopped, QString* error);
    bool restampAndFinish(QString* error);

    QSqlDatabase m_db;
    bool m_coveredBuilt = false;
};

} // namespace foyer::storage
