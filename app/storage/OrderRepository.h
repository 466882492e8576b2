#pragma once

#include "MemberCreditReader.h"
#include "MembershipCreditRule.h"
#include "OrderBenefitReader.h"
#include "OrderDraft.h"
#include "Tender.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <optional>

namespace foyer::storage {

// Orders built in the editor. Saving keeps an order open (its seats held); confirming checks every membership line
// against the member database and records the credits as used, in the same transaction, or changes nothing. Both
// read the stored order inside their write transaction and refuse an editor's copy the order has moved on from
// (confirmed, voided, refunded or a seat changed at another window).
class OrderRepository
{
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::OrderRepository)
public:
    explicit OrderRepository(QSqlDatabase db);

    // Nullopt when the order is not there or could not be read (error says which).
    std::optional<core::OrderDraft> load(const QString& orderId, QString* error);
    // Writes the header and lines (new lines added, removed ones dropped, changed ones updated); a new order gets
    // its id and confirmation number here. A seat already sold or held for the performance is refused by name.
    bool save(core::OrderDraft& order, const QString& actorId, QString* error);
    // save() plus the credit rule; with authentication on, the order-time member check as well. On any line error
    // nothing is written and lineErrors says which rows and why; a read that fails refuses the confirmation too, naming
    // what could not be read (a failed read is never taken for "no credits used" or "no sale window").
    // tender: the payment step's payments (core::Tender), checked against what the order owes as confirmed and
    // written with it; without one (seeders, older callers) one payment row per pay type records the amount.
    bool confirm(core::OrderDraft& order, const QString& actorId,
                 QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                 const core::MembershipCreditRule::PasswordCheck& checkPassword = {},
                 const QList<core::Tender::Payment>* tender = nullptr);
    // Before payment is taken: the confirmation (or, with refusedOperationIds, the resolution) tried and undone, so
    // a seat or membership line that would refuse it is found before the patron pays. True when it would confirm;
    // totals then has what it owes per pay type as confirmed (benefits applied). Nothing is written.
    bool confirmable(const core::OrderDraft& order, const QString& actorId,
                     QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                     const core::MembershipCreditRule::PasswordCheck& checkPassword = {},
                     const QStringList& refusedOperationIds = {}, QMap<QString, qint64>* totals = nullptr);

    // Resolves an order the server refused (SyncOutbox::attentionFor gives refusedOperationIds) with the editor's
    // changed copy (another seat, another pay type): in one transaction the refused operations' payments and credit
    // uses are taken back (the server never had them), the order is written as confirm() does (as save() does when it
    // is still open), and the whole order is sent again in this transaction's operation (SyncResolution), the refusals
    // resolved with the staff member and time. Nothing changes when any part is refused, as with confirm().
    bool resolveRefused(core::OrderDraft& order, const QStringList& refusedOperationIds, const QString& actorId,
                        QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                        const core::MembershipCreditRule::PasswordCheck& checkPassword = {},
                        const QList<core::Tender::Payment>* tender = nullptr);

    // The benefit reads, done by OrderBenefitReader (see there): prices the lines with the patron's discounts and
    // puts in each line's saleProblem why that seat may not be sold to them now; how many were refused, or nullopt.
    std::optional<int> applyBenefits(core::OrderDraft& order, const QDateTime& now, QString* error);
    std::optional<QStringList> heldBenefitLevels(const QString& patronId, const QDate& on, QString* error);

    // The membership reads, done by MemberCreditReader (see there).
    std::optional<QHash<QString, core::MemberRecord>> memberRecords(const QStringList& membershipNumbers,
                                                                    QString* error);
    std::optional<QList<core::PriorCreditUse>> priorCreditUse(const QStringList& membershipNumbers,
                                                              const QString& excludingOrderId, QString* error);
    // This workstation's confirmation-number prefix (made once, at random, and kept in the database); empty (why in
    // error) when it can be neither read nor made.
    QString workstationPrefix(QString* error);

private:
    // The stored order is still as the editor read it (at expectedStatus, open; each of its stored seats still
    // active in it): caller's transaction. True for a new order.
    // resolving: a refused order is edited whatever its status (the server never had it confirmed).
    bool checkStored(const core::OrderDraft& order, const QString& expectedStatus, QString* error,
                     bool resolving = false);
    // Inside the caller's transaction: save or confirm (resolution: a SyncResolution begun, nullptr otherwise).
    bool saveIn(core::OrderDraft& order, const core::OrderDraft& before, const QString& actorId, QString* error);
    bool confirmIn(core::OrderDraft& order, const core::OrderDraft& before, const QString& actorId,
                   QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                   const core::MembershipCreditRule::PasswordCheck& checkPassword, bool resolving,
                   const QList<core::Tender::Payment>* tender);
    bool resolveIn(core::OrderDraft& order, const core::OrderDraft& before, const QStringList& refusedOperationIds,
                   const QString& actorId, QList<core::MembershipCreditRule::LineError>* lineErrors, QString* error,
                   const core::MembershipCreditRule::PasswordCheck& checkPassword,
                   const QList<core::Tender::Payment>* tender);
    // Every update is guarded by the state checkStored found (status = expectedStatus, line still active).
    bool writeOrder(core::OrderDraft& order, const QString& expectedStatus, const QString& actorId, QString* error);
    QString nextConfirmationNumber(QString* error);
    // The order's history event, audit row and outbox entry (caller's transaction).
    bool recordOrderChange(const core::OrderDraft& order, const QString& summary, QVariantMap payload,
                           const QString& actorId, QString* error);

    QSqlDatabase m_db;
    OrderBenefitReader m_benefits;
    MemberCreditReader m_members;
};

} // namespace foyer::storage
