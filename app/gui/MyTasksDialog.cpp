#include "MyTasksDialog.h"

#include "Clock.h"
#include "MoneyText.h"
#include "TaskDoneDialog.h"
#include "ui_MyTasksDialog.h"

#include <QHeaderView>
#include <QPushButton>

namespace foyer::gui {

MyTasksDialog::MyTasksDialog(storage::TaskRepository* tasks, const QString& staffId, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MyTasksDialog>())
    , m_repository(tasks)
    , m_staffId(staffId)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    const auto openSelected = [this] {
        const int row = m_ui->tasksTable->currentRow();
        if (row >= 0 && row < m_tasks.size())
            emit openPatronRequested(m_tasks.at(row).patronId);
    };
    connect(m_ui->tasksTable, &QTableWidget::cellActivated, this, openSelected);
    connect(m_ui->openPatronButton, &QPushButton::clicked, this, openSelected);
    connect(m_ui->markDoneButton, &QPushButton::clicked, this, &MyTasksDialog::markSelectedDone);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
    m_ui->tasksTable->setFocus();
}

MyTasksDialog::~MyTasksDialog() = default;

void MyTasksDialog::reload()
{
    m_tasks = m_repository->openFor(m_staffId);
    const QDate today = core::Clock::today();
    const QStringList headers = {tr("Due"), tr("Patron"), tr("Task"), tr("Details")};
    m_ui->tasksTable->clear();
    m_ui->tasksTable->setColumnCount(int(headers.size()));
    m_ui->tasksTable->setHorizontalHeaderLabels(headers);
    m_ui->tasksTable->setRowCount(int(m_tasks.size()));
    int overdue = 0;
    for (int r = 0; r < m_tasks.size(); ++r) {
        const core::PatronTask& task = m_tasks.at(r);
        const bool late = task.isOverdue(today);
        overdue += late ? 1 : 0;
        const QStringList cells = {late ? tr("%1 (overdue)").arg(MoneyText::localDate(task.dueOn))
                                        : MoneyText::localDate(task.dueOn),
                                   task.patronName, task.title, task.details};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (late)
                item->setForeground(QColor(0xa4, 0x00, 0x00));
            m_ui->tasksTable->setItem(r, c, item);
        }
    }
    m_ui->tasksTable->resizeColumnsToContents();
    if (!m_tasks.isEmpty())
        m_ui->tasksTable->selectRow(0);
    m_ui->summaryLabel->setText(m_tasks.isEmpty()
                                    ? tr("No open tasks.")
                                    : tr("%n open task(s)", nullptr, int(m_tasks.size())) +
                                          (overdue > 0 ? tr(", %n overdue", nullptr, overdue) : QString()));
    m_ui->openPatronButton->setEnabled(!m_tasks.isEmpty());
    m_ui->markDoneButton->setEnabled(!m_tasks.isEmpty());
}

void MyTasksDialog::markSelectedDone()
{
    const int row = m_ui->tasksTable->currentRow();
    if (row < 0 || row >= m_tasks.size())
        return;
    const core::PatronTask task = m_tasks.at(row);
    auto* dialog = new TaskDoneDialog(tr("%1 \u2014 %2").arg(task.patronName, task.title), this);
    dialog->setObjectName(QStringLiteral("taskDoneDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDoneDialog::doneRequested, this, [this, dialog, id = task.id] {
        QString error;
        if (!m_repository->complete(id, dialog->outcome(), m_staffId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reload();
        emit tasksChanged();
    });
    dialog->open();
}

} // namespace foyer::gui
