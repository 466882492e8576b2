#pragma once

#include "OrderDraft.h"
#include "Repositories.h"
#include "SeatMapView.h"
#include "StaffMember.h"
#include "TicketDocument.h"
#include "order/MemberPasswords.h"
#include "order/OrderLinesTable.h"

#include <QDialog>
#include <memory>

namespace Ui {
class OrderEditorDialog;
}

namespace foyer::gui {

// What the order editor works on and for whom.
struct OrderEditorContext
{
    // A context for the signed-in staff member, with the venue's member-authentication setting read.
    static OrderEditorContext forStaff(storage::Repositories* repos, const core::StaffMember& staff);

    storage::Repositories* repos = nullptr;
    QString actorId;
    core::StaffMember actor; // refunds need a manager
    QString patronId;        // empty: a walk-up sale without a patron record
    QString patronName;
    QString orderId; // empty: a new order
    // Venue setting: membership seats need the member's registered email (and password for the first seat).
    bool memberAuthentication = false;
    // Why the venue's settings could not be read (forStaff); the editor shows it rather than guess the setting.
    QString settingsProblem;
};

// The box office order editor: pick a performance, choose seats on the map (or type them: "B12-15"), set a price
// type and a pay type per seat, a membership number on membership seats, then "Update and confirm". The membership
// lines are checked against the member database; a failing line shows why in its own row and nothing is confirmed.
class OrderEditorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OrderEditorDialog(const OrderEditorContext& context, QWidget* parent = nullptr);
    ~OrderEditorDialog() override;

    const core::OrderDraft& order() const { return m_order; }
    // Adds the typed seats of the current performance; false (and a message at the field) when any cannot be sold.
    bool addTypedSeats(const QString& text);
    // Checks the order (nothing written), then opens the payment step (order/PaymentDialog, "paymentDialog") when
    // money is due; the step's Enter confirms with its payments, Esc goes back with nothing written. An order that
    // owes nothing (membership seats only) is confirmed at once. False when the check refused it.
    bool confirmOrder();
    bool saveOrder();
    // After confirmation: refund the selected seat (asks why), record a change request, print the tickets.
    void refundSelectedSeat();
    void requestChange();
    void exchangeSelectedSeat();
    void voidOrder();
    void printTickets();
    bool exportTicketsPdf(const QString& path);
    reports::TicketOrder ticketOrder();

    // The lines table's columns, named here as before (the GUI tests and the demo reach cells by them).
    using Column = OrderLinesTable::Column;
    using enum OrderLinesTable::Column;

    // Closing the editor (confirmed or not) wipes the member passwords typed in it.
    void done(int result) override;

signals:
    // The order was saved or confirmed: the patron's profile reloads its orders and history.
    void orderChanged(const QString& patronId);

private:
    void loadPerformances();
    void showPerformance(int index);
    void refreshMap();
    void toggleSeat(const QString& seatId);
    bool addSeat(const core::SeatMap::Seat& seat, QString* problem);
    void removeSelectedLine();
    // Reads the order again after a refund or exchange.
    void reloadOrder();
    void updateTotals();
    void showHeader();
    void showProblem(const QString& message);
    // The confirmation itself, with the payment step's payments (nullptr: nothing was due); false (why shown, in the
    // step when it is open) when refused.
    bool confirmWith(const QList<core::Tender::Payment>* payments, QString* error);
    // A refused check or confirmation: each failing row says why, the message above the lines sums it up.
    void showRefused(const QList<core::MembershipCreditRule::LineError>& lineErrors, const QString& error);
    // After a write: header, map and the patron's profile catch up; message (if any) says what happened.
    void showWritten(const QString& message);
    // Reads whether the server refused this order (and staff have not resolved it): the banner says why, and the
    // order can then be changed and confirmed again whatever its status (the server took nothing of it).
    void readAttention();
    bool resolving() const { return !m_attention.operationIds.isEmpty(); }

    std::unique_ptr<Ui::OrderEditorDialog> m_ui;
    OrderEditorContext m_context;
    core::OrderDraft m_order;
    storage::SyncOutbox::Attention m_attention;
    QList<storage::VenueRepository::Performance> m_performances;
    QList<core::SeatMap::Seat> m_seats; // of the current performance's hall
    // Typed member passwords, kept across failed confirmations until the order is confirmed or the editor closes.
    MemberPasswords m_passwords;
    // Declared after the draft and the passwords it edits.
    std::unique_ptr<OrderLinesTable> m_lines;
};

} // namespace foyer::gui
