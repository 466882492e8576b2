#include "ReasonDialog.h"

#include "FieldProblem.h"
#include "ui_ReasonDialog.h"

#include <QPushButton>

namespace foyer::gui {

ReasonDialog::ReasonDialog(const QString& title, const QString& summary, const QString& confirmText, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ReasonDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(title);
    setAccessibleName(title);
    m_ui->summaryLabel->setText(summary);
    m_ui->problemLabel->hide();
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(confirmText);
    ok->setObjectName(QStringLiteral("confirmButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ReasonDialog::confirmed);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->reasonField->setFocus();
}

ReasonDialog::~ReasonDialog() = default;

QString ReasonDialog::reason() const
{
    return m_ui->reasonField->text().trimmed();
}

void ReasonDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message, m_ui->reasonField);
}

} // namespace foyer::gui
