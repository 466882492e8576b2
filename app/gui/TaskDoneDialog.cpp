#include "TaskDoneDialog.h"

#include "FieldProblem.h"
#include "ui_TaskDoneDialog.h"

#include <QPushButton>

namespace foyer::gui {

TaskDoneDialog::TaskDoneDialog(const QString& taskSummary, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TaskDoneDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->taskLabel->setText(taskSummary);
    m_ui->problemLabel->hide();
    QPushButton* done = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    done->setText(tr("Mark done"));
    done->setObjectName(QStringLiteral("markDoneConfirmButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &TaskDoneDialog::doneRequested);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->outcomeField->setFocus();
}

TaskDoneDialog::~TaskDoneDialog() = default;

QString TaskDoneDialog::outcome() const
{
    return m_ui->outcomeField->text().trimmed();
}

void TaskDoneDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message, m_ui->outcomeField);
}

} // namespace foyer::gui
