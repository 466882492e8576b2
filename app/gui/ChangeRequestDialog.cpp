#include "ChangeRequestDialog.h"

#include "FieldProblem.h"
#include "ui_ChangeRequestDialog.h"

#include <QPushButton>

namespace foyer::gui {

ChangeRequestDialog::ChangeRequestDialog(const QString& requestedBy, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChangeRequestDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->whoField->setText(requestedBy);
    m_ui->problemLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangeRequestDialog::saveRequested);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->whatField->setFocus();
}

ChangeRequestDialog::~ChangeRequestDialog() = default;

QString ChangeRequestDialog::whatShouldChange() const
{
    return m_ui->whatField->text().trimmed();
}

QString ChangeRequestDialog::reason() const
{
    return m_ui->whyField->text().trimmed();
}

QString ChangeRequestDialog::requestedBy() const
{
    return m_ui->whoField->text().trimmed();
}

void ChangeRequestDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
