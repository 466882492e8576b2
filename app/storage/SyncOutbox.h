#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace foyer::storage {

// The operations this workstation has made and not yet had accepted (docs/sync-protocol.md, POST /v1/push).
class SyncOutbox
{
public:
    struct Refused
    {
        QString id;
        QString hlc;
        QString summary;
        QString reason;
        QString createdAt;
        QString orderId; // the order the operation wrote, empty when it wrote none
    };

    // An order whose operations the server refused and staff have not resolved yet: it "needs attention".
    struct Attention
    {
        QString orderId;
        QStringList operationIds; // oldest first
        QString reason;           // the server's reason for the first of them
    };

    explicit SyncOutbox(QSqlDatabase db);

    // Up to limit pending operations, oldest (by clock) first, each in the push format: {"id", "hlc", "staff_id",
    // "summary", "changes"}. Nullopt when they cannot be read (why in error).
    std::optional<QJsonArray> pending(int limit, QString* error);
    // The server's push reply ({"results":[{"id","status","reason"}], "server_hlc"}), in one transaction:
    // applied and duplicate -> 'sent' with sent_at; refused -> 'refused' with the reason; the clock moves past
    // server_hlc. A result for an unknown operation or with an unknown status refuses the whole reply.
    bool acknowledge(const QJsonObject& reply, QString* error);
    // A push that failed before any reply (network, server error): attempts + 1 and last_error on these operations.
    bool recordFailure(const QStringList& operationIds, const QString& failure, QString* error);
    // Refused operations, newest first, for the sync panel.
    std::optional<QList<Refused>> refused(int limit, QString* error);
    // Every order that needs attention, by order id; nullopt (why in error) when it cannot be read.
    std::optional<QHash<QString, Attention>> ordersNeedingAttention(QString* error);
    // One order's: operationIds empty when it needs none; nullopt (why in error) when it cannot be read.
    std::optional<Attention> attentionFor(const QString& orderId, QString* error);
    // -1 when it cannot be read.
    qint64 pendingCount(QString* error);
    // Refused operations staff have not resolved yet; -1 when it cannot be read.
    qint64 refusedCount(QString* error);
    // Staff give up a refused operation (an order whose seat another window sold first): the rows it inserted,
    // which the server never took, are deleted here (children first, capture off: there is nothing to push), and
    // the operation leaves the refused list, all in one transaction. Rows it only changed are left for the
    // server's state to overwrite on a later pull. False with the reason when it is not a refused operation.
    bool discardRefused(const QString& operationId, const QString& staffId, QString* error);

private:
    // The order an operation's changes wrote (its "order" row, or the order_id of a line, payment or event; a line
    // changed without its order_id is looked up here); empty when none.
    bool orderOf(const QJsonArray& changes, QString* orderId, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
