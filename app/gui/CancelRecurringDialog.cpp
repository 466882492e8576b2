#include "CancelRecurringDialog.h"

#include "ui_CancelRecurringDialog.h"

#include <QPushButton>

namespace foyer::gui {

CancelRecurringDialog::CancelRecurringDialog(const QString& summary, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CancelRecurringDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->summaryLabel->setText(summary);
    m_ui->problemLabel->hide();
    QPushButton* confirm = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    confirm->setText(tr("Cancel donation"));
    confirm->setObjectName(QStringLiteral("confirmCancelButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("Keep it"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CancelRecurringDialog::cancelRequested);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->reasonField->setFocus();
}

CancelRecurringDialog::~CancelRecurringDialog() = default;

QString CancelRecurringDialog::reason() const
{
    return m_ui->reasonField->toPlainText().trimmed();
}

void CancelRecurringDialog::showProblem(const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
    m_ui->reasonField->setFocus();
}

} // namespace foyer::gui
