#include "PaymentDialog.h"

#include "FieldProblem.h"
#include "MoneyFormat.h"
#include "MoneyText.h"
#include "PayType.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace foyer::gui {

PaymentDialog::PaymentDialog(const QList<core::Tender::Payment>& due, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Take payment"));
    setAccessibleName(tr("Take payment"));
    auto* layout = new QVBoxLayout(this);
    qint64 total = 0;
    for (const core::Tender::Payment& payment : due)
        total += payment.dueMinor;
    auto* heading =
        new QLabel(due.size() > 1 ? tr("<b>Amount due %1</b>, split across %n pay type(s):", nullptr, int(due.size()))
                                        .arg(MoneyText::amount(total))
                                  : tr("<b>Amount due %1</b>").arg(MoneyText::amount(total)),
                   this);
    heading->setObjectName(QStringLiteral("amountDueLabel"));
    heading->setAccessibleName(tr("Amount due"));
    layout->addWidget(heading);

    auto* grid = new QGridLayout;
    grid->setColumnStretch(2, 1);
    int gridRow = 0;
    for (const core::Tender::Payment& payment : due) {
        Row row;
        row.payment = payment;
        const QString code = payment.payType;
        const QString label = core::PayType::label(code);
        auto* dueLabel = new QLabel(tr("%1: %2 due").arg(label, MoneyText::amount(payment.dueMinor)), this);
        dueLabel->setObjectName(QStringLiteral("due_%1").arg(code));
        dueLabel->setAccessibleName(tr("%1 due").arg(label));
        grid->addWidget(dueLabel, gridRow, 0);
        row.field = new QLineEdit(this);
        row.field->setObjectName(payment.isCash() ? QStringLiteral("tendered_cash")
                                                  : QStringLiteral("reference_%1").arg(code));
        QString fieldLabel;
        if (payment.isCash()) {
            fieldLabel = tr("&Tendered");
            row.field->setAccessibleName(tr("Cash tendered"));
            row.field->setPlaceholderText(MoneyText::amount(payment.dueMinor));
        } else if (code == QLatin1String("check")) {
            fieldLabel = tr("Check &number");
            row.field->setAccessibleName(tr("Check number"));
        } else {
            fieldLabel = code == QLatin1String("gift_card") ? tr("&Gift card code") : tr("&Approval code");
            row.field->setAccessibleName(tr("%1 approval or reference code").arg(label));
            row.field->setPlaceholderText(tr("from the terminal, typed or scanned"));
        }
        auto* fieldName = new QLabel(fieldLabel, this);
        fieldName->setObjectName(QStringLiteral("label_%1").arg(code));
        fieldName->setAccessibleName(fieldLabel.remove(u'&'));
        fieldName->setBuddy(row.field);
        grid->addWidget(fieldName, gridRow, 1);
        grid->addWidget(row.field, gridRow, 2);
        if (payment.isCash()) {
            row.changeLabel = new QLabel(this);
            row.changeLabel->setObjectName(QStringLiteral("changeLabel"));
            row.changeLabel->setAccessibleName(tr("Change to give"));
            row.changeLabel->setMinimumWidth(row.changeLabel->fontMetrics().horizontalAdvance(
                tr("Short by %1").arg(MoneyText::amount(payment.dueMinor * 10))));
            grid->addWidget(row.changeLabel, gridRow, 3);
            connect(row.field, &QLineEdit::textChanged, this, &PaymentDialog::updateChange);
        }
        connect(row.field, &QLineEdit::textEdited, this, [this] { FieldProblem::clear(m_problem); });
        m_rows.append(row);
        ++gridRow;
    }
    layout->addLayout(grid);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("paymentProblem"));
    m_problem->setAccessibleName(tr("Payment problem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(this);
    m_complete = buttons->addButton(tr("&Complete sale"), QDialogButtonBox::AcceptRole);
    m_complete->setObjectName(QStringLiteral("completeButton"));
    m_complete->setAccessibleName(tr("Complete sale"));
    m_complete->setDefault(true);
    QPushButton* back = buttons->addButton(tr("&Back to the order"), QDialogButtonBox::RejectRole);
    back->setObjectName(QStringLiteral("backButton"));
    back->setAccessibleName(tr("Back to the order"));
    back->setAutoDefault(false);
    connect(m_complete, &QPushButton::clicked, this, &PaymentDialog::tryComplete);
    connect(back, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateChange();
    if (!m_rows.isEmpty())
        m_rows.constFirst().field->setFocus();
}

bool PaymentDialog::read(Row& row, QString* problem) const
{
    const QString text = row.field->text().trimmed();
    if (row.payment.isCash()) {
        // Left empty: the exact amount (the placeholder says so).
        if (text.isEmpty()) {
            row.payment.tenderedMinor = row.payment.dueMinor;
            return true;
        }
        qint64 minor = 0;
        if (!core::MoneyFormat::parse(text, &minor)) {
            *problem = tr("Cash: type the amount tendered, e.g. %1.").arg(MoneyText::amount(row.payment.dueMinor));
            return false;
        }
        row.payment.tenderedMinor = minor;
        return true;
    }
    row.payment.reference = text;
    return true;
}

void PaymentDialog::updateChange()
{
    for (Row& row : m_rows) {
        if (!row.changeLabel)
            continue;
        QString problem;
        if (!read(row, &problem)) {
            row.changeLabel->clear();
            continue;
        }
        row.changeLabel->setText(
            row.payment.tenderedMinor < row.payment.dueMinor
                ? tr("Short by %1").arg(MoneyText::amount(row.payment.dueMinor - row.payment.tenderedMinor))
                : tr("<b>Change %1</b>").arg(MoneyText::amount(row.payment.changeMinor())));
    }
}

QList<core::Tender::Payment> PaymentDialog::payments() const
{
    QList<core::Tender::Payment> out;
    for (Row row : m_rows) {
        QString problem;
        read(row, &problem);
        out.append(row.payment);
    }
    return out;
}

void PaymentDialog::tryComplete()
{
    for (Row& row : m_rows) {
        QString problem;
        if (read(row, &problem))
            problem = core::Tender::problem(row.payment);
        if (!problem.isEmpty()) {
            // A refused card number is not kept on screen either.
            if (!row.payment.isCash() && core::Tender::looksLikeCardNumber(row.field->text()))
                row.field->clear();
            FieldProblem::show(m_problem, problem, row.field);
            return;
        }
    }
    emit completeRequested();
}

void PaymentDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_problem, message);
}

} // namespace foyer::gui
