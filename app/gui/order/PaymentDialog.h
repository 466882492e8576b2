#pragma once

#include "Tender.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QPushButton;

namespace foyer::gui {

// The payment step of "Update and confirm": what the order owes per pay type, and for each what staff take: cash
// with the amount tendered and the change to give (refused when short), a card or gift card with the terminal's
// approval or reference code (never a card number), a check with its number. Several pay types are one split
// payment. Enter asks to complete (completeRequested; the editor confirms and closes the step, or shows why not
// here); Esc goes back to the order with nothing written. The dialog itself writes nothing.
class PaymentDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PaymentDialog(const QList<core::Tender::Payment>& due, QWidget* parent = nullptr);

    // The payments as typed (amounts due, cash tendered, references trimmed); valid once completeRequested fired.
    QList<core::Tender::Payment> payments() const;
    void showProblem(const QString& message);

signals:
    void completeRequested();

private:
    struct Row
    {
        core::Tender::Payment payment;
        QLineEdit* field = nullptr;
        QLabel* changeLabel = nullptr; // cash only
    };
    void tryComplete();
    void updateChange();
    // What the row's field holds, read into its payment; false (why in problem) when an amount does not parse.
    bool read(Row& row, QString* problem) const;

    QList<Row> m_rows;
    QLabel* m_problem = nullptr;
    QPushButton* m_complete = nullptr;
};

} // namespace foyer::gui
