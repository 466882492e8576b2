#pragma once

#include "PatronActivity.h"
#include "PatronOverview.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace foyer::storage {

// What the profile's tabs read and change: orders, history, contact logs, recurring donations.
// Every change writes its history event, audit row and outbox entry in the same transaction.
class PatronActivityRepository
{
public:
    explicit PatronActivityRepository(QSqlDatabase db);

    // Reads report a refused statement in error (when given); an empty list then means "could not be read".
    QList<core::OrderSummary> orders(const QString& patronId, QString* error);
    // The order's lines, then its donations as lines of their own (pay type empty), for the read-only details.
    QList<core::OrderLineSummary> orderLines(const QString& orderId, QString* error);
    QList<core::HistoryEvent> history(const QString& patronId, QString* error);
    QList<core::ContactLog> contactLogs(const QString& patronId, QString* error);
    QList<core::RecurringDonation> recurringDonations(const QString& patronId, QString* error);
    QList<core::DonationRecord> donations(const QString& patronId, QString* error);
    QList<core::PatronNote> notes(const QString& patronId, QString* error); // newest first
    // Queues an email in the sync outbox (the server sends it) and logs it as an outgoing email contact log, with
    // its history event, in one transaction. From and Reply-To are the signed-in staff member's address.
    bool queueEmail(const QString& patronId, const QString& to, const QString& fromStaffId, const QString& subject,
                    const QString& body, QString* error);
    // Queues the "manage your monthly donation" email to the patron's primary address (the server puts a signed
    // link in it when it sends), logs it as an outgoing email and adds a history event, in one transaction.
    bool queueManagementLink(const QString& recurringDonationId, const QString& fromStaffId, QString* error);
    // Every note has an author: the signed-in staff member.
    bool addNote(const QString& patronId, const QString& body, bool popUp, const QString& authorId, QString* error);

    bool addContactLog(const QString& patronId, const core::ContactLog& log, const QString& actorId, QString* error);
    // Refused for email entries (they record what was sent) and for a log that does not exist.
    bool updateContactLog(const core::ContactLog& log, const QString& actorId, QString* error);
    // Refused without a reason (core::RecurringDonation::cancelProblem); records who, when and why.
    bool cancelRecurringDonation(const QString& donationId, const QString& reason, const QString& actorId,
                                 QString* error);

private:
    // The contact log, history event and outbox entry of one email, in the caller's transaction.
    bool writeQueuedEmail(const QString& patronId, const QString& fromStaffId, const QString& subject,
                          const QString& body, QVariantMap payload, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
