#pragma once

#include "PatronActivity.h"
#include "PatronEngagement.h"
#include "PatronTask.h"
#include "PostalAddress.h"
#include "Transaction.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <optional>

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
        QString performanceId;      // set: every line is for this performance, on the seats below
        QStringList seatIds;        // parallel to ticketPrices when performanceId is set
        qint64 donationMinor = 0;   // > 0: a donation in the same order
        QString donationStatus;
        int donationProbability = -1;
    };

    explicit DemoDataWriter(QSqlDatabase db);

    // The batch's transaction (a storage::Transaction): begin(), the writes, then finish(ok), which commits or rolls
    // back.
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
    // A membership at the named benefit level (created on first use); renewedById: the newer membership, if any.
    bool addMembership(const QString& patronId, const core::Membership& membership, const QString& renewedById,
                       QString* error);
    // Seat credits: seatsEach for every listed show.
    bool addMembershipCredits(const QString& membershipId, const QStringList& showIds, int seatsEach, QString* error);
    bool addMailingListSubscription(const QString& patronId, const QString& listName, QString* error);
    bool addAccessibilityNeed(const QString& patronId, const core::AccessibilityNeed& need, QString* error);
    bool addFormSubmission(const QString& patronId, const core::FormSubmission& form, QString* error);
    bool addNote(const QString& patronId, const QString& body, bool popUp, const QString& authorId, QString* error);
    bool addAddress(const QString& patronId, const core::PostalAddress& address, QString* error);
    bool addTask(const core::PatronTask& task, QString* error);
    // A new household with these members.
    bool addHousehold(const QString& name, const QStringList& patronIds, QString* error);

private:
    bool run(QSqlQuery& query, const QVariantList& values, QString* error);
    // The id of the row called `name` in a small named table (benefit_level, mailing_list), created on first use.
    QString namedRow(const QString& table, const QString& name, QString* error);

    QSqlDatabase m_db;
    QSqlQuery m_order;
    QSqlQuery m_line;
    QSqlQuery m_donation;
    QSqlQuery m_recurring;
    QSqlQuery m_log;
    QSqlQuery m_history;
    QStringList m_performances;
    QHash<QString, QString> m_tagIds;
    QHash<QString, QString> m_namedRows; // "table/name" -> id
    QString m_fundId;
    QString m_transactionError; // where the open batch's Transaction reports a failed commit
    std::optional<Transaction> m_transaction;
};

} // namespace foyer::storage
