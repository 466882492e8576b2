#include "TaskDialog.h"

#include "Clock.h"
#include "FieldProblem.h"
#include "ui_TaskDialog.h"

#include <QPushButton>

namespace foyer::gui {

TaskDialog::TaskDialog(const QList<core::StaffMember>& staff, const QString& defaultAssigneeId, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TaskDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->problemLabel->hide();
    for (const core::StaffMember& member : staff)
        m_ui->assigneeCombo->addItem(tr("%1 (%2)").arg(member.displayName, core::StaffMember::roleLabel(member.role)),
                                     member.id);
    m_ui->assigneeCombo->setCurrentIndex(std::max(0, m_ui->assigneeCombo->findData(defaultAssigneeId)));
    // Most follow-ups are for the coming days; a week out is a sensible default.
    m_ui->dueField->setDate(core::Clock::today().addDays(7));
    m_ui->dueField->setMinimumDate(core::Clock::today().addYears(-1));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (m_ui->titleField->text().trimmed().isEmpty()) {
            FieldProblem::show(m_ui->problemLabel, tr("Say what the task is."), m_ui->titleField);
            return;
        }
        emit saveRequested();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->titleField->setFocus();
}

TaskDialog::~TaskDialog() = default;

core::PatronTask TaskDialog::task() const
{
    core::PatronTask task;
    task.title = m_ui->titleField->text().trimmed();
    task.details = m_ui->detailsField->toPlainText().trimmed();
    task.assignedToId = m_ui->assigneeCombo->currentData().toString();
    task.dueOn = m_ui->dueField->date();
    return task;
}

void TaskDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
