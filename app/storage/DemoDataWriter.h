#pragma once

#include "PatronActivity.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace foyer::storage {

// Bulk writes for foyer-seed and the benchmarks: orders, donations, recurring donations, contact logs and history
// for synthetic patrons, in the caller's transaction, without history/audit/outbox rows for each (this is data that
// "already happened"). Not for staff actions: those go through the repositories.
class DemoDataWriter
{
public:
    struct OrderSpec
    {
        core::OrderSummary order;   // id, confirmation number, category, channel, status, createdAt
        QList<qint64> ticketPrices; // one admission line each, for a performance
        qint64 donationMinor = 0;   // > 0: a donation in the same order
        QString donationStatus;
        int donationProbability = -1;
    };

    explicit DemoDataWriter(QSqlDatabase db);

    // The batch's transaction: begin(), the writes, then finish(ok), which commits or rolls back.
    bool begin(QString* error);
    bool finish(bool ok, QString* error);

    // A hall, a season's show and its performances; returns the performance ids (idempotent per database).
    QStringList ensureVenue(QString* error);
    bool addOrder(const QString& patronId, const OrderSpec& spec, QString* error);
    bool addRecurringDonation(const QString& patronId, const core::RecurringDonation& donation, QString* error);
    bool addContactLog(const QString& patronId, const core::ContactLog& log, QString* error);
    bool addHistory(const QString& patronId, const core::HistoryEvent& event, QString* error);
    bool addTag(const QString& patronId, const QString& tag, QString* error);
    bool addRelationship(const QString& patronId, const QString& otherPatronId, const QString& type, QString* error);

private:
    bool run(QSqlQuery& query, const QVariantList& values, QString* error);

    QSqlDatabase m_db;
    QSqlQuery m_order;
    QSqlQuery m_line;
    QSqlQuery m_donation;
    QSqlQuery m_recurring;
    QSqlQuery m_log;
    QSqlQuery m_history;
    QStringList m_performances;
    QHash<QString, QString> m_tagIds;
    QString m_fundId;
};

} // namespace foyer::storage
