#pragma once

#include "SyncHttpClient.h"
#include "SyncRound.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlDatabase>
#include <functional>

namespace foyer::sync {

// One sync round on the worker's own connection: push the outbox in batches (each acknowledged batch marked sent in
// its own transaction), then pull every page since the cursor (each page applied with its cursor in one
// transaction), then top up the patron-number block and renew the ticket key's certificate when due. Stops at the first
// failure; the next round starts where this one stopped, so a lost reply or a killed process costs a resend, never a
// duplicate or a gap.
class SyncEngine
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::SyncEngine)
public:
    static constexpr int PushBatch = 500;
    // A batch stops growing past this many bytes of JSON (one larger operation still goes, on its own): the server
    // takes at most 32 MiB per request.
    static constexpr qsizetype PushBatchBytes = 4 * 1024 * 1024;
    static constexpr int PullPage = 1000;
    // A workstation this far behind (a first sync, a long time offline) asks for the largest page the server gives
    // (docs/sync-protocol.md): a fifth of the requests, transactions and commits for the same rows.
    static constexpr int LargePullPage = 5000;
    static constexpr qint64 FarBehind = 4 * LargePullPage;
    // The page cache of the sync connection, in KiB: a bulk apply gains nothing from a bigger one (docs/scaling.md),
    // and the window's own connection keeps Foyer's default. Pass connectOptions() when opening that connection.
    static constexpr int PageCacheKib = 65536;
    static QString connectOptions();

    using Progress = std::function<void(qint64 pulled, qint64 total)>;

    SyncEngine(QSqlDatabase db, SyncHttpClient* http);

    // The oldest operations that fit in one push request (PushBatchBytes; at least one, however large).
    static QJsonArray withinBatchSize(const QJsonArray& operations);

    SyncRound run(const QByteArray& token, const Progress& progress = {});
    bool push(const QByteArray& token, SyncRound* round);
    bool pull(const QByteArray& token, SyncRound* round, const Progress& progress);

private:
    bool fail(SyncRound* round, const HttpResult& result, const QString& what);
    bool topUpPatronNumbers(const QByteArray& token, SyncRound* round);
    // A new certificate of the ticket key when there is none or it has less than a year left (TicketCertification).
    void renewTicketCertificate(const QByteArray& token);

    QSqlDatabase m_db;
    SyncHttpClient* m_http;
};

} // namespace foyer::sync
