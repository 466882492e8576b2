#include "ContactLogsSection.h"

#include "Clock.h"
#include "ContactKind.h"
#include "ContactLogDialog.h"
#include "MoneyText.h"
#include "TaskDialog.h"
#include "TaskDoneDialog.h"
#include "ui_ContactLogsSection.h"

namespace foyer::gui {

ContactLogsSection::ContactLogsSection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("contactLogsPage"), tr("&Contact logs"), parent)
    , m_ui(std::make_unique<Ui::ContactLogsSection>())
{
    m_ui->setupUi(content());
    m_ui->contactLogMessage->hide();
    connect(m_ui->logActivityButton, &QPushButton::clicked, this, &ContactLogsSection::logActivity);
    connect(m_ui->editLogButton, &QPushButton::clicked, this, &ContactLogsSection::editSelectedLog);
    connect(m_ui->contactLogTable, &QTableWidget::cellActivated, this, [this] { editSelectedLog(); });
    connect(m_ui->newTaskButton, &QPushButton::clicked, this, &ContactLogsSection::newTask);
    connect(m_ui->taskDoneButton, &QPushButton::clicked, this, &ContactLogsSection::markSelectedTaskDone);
}

ContactLogsSection::~ContactLogsSection() = default;

void ContactLogsSection::load()
{
    QString error;
    m_logs = m_repos->activity.contactLogs(m_patronId, &error);
    if (error.isEmpty())
        m_tasks = m_repos->tasks.forPatron(m_patronId, &error);
    if (showReadProblem(error)) {
        m_logs.clear();
        m_tasks.clear();
        m_ui->contactLogTable->setRowCount(0);
        m_ui->tasksTable->setRowCount(0);
        setTitle(tr("&Contact logs"));
        return;
    }
    fillContactLogs();
    fillTasks();
    setTitle(tr("&Contact logs (%1)").arg(m_logs.size()));
}

QString ContactLogsSection::outcomeText(const core::ContactLog& log)
{
    // An email's outcome is what the venue's server last reported about sending it.
    if (log.emailStatus == QLatin1String("sent"))
        return tr("Sent");
    if (log.emailStatus == QLatin1String("failed"))
        return tr("Failed: %1").arg(log.emailError);
    if (log.emailStatus == QLatin1String("queued"))
        return log.emailError.isEmpty() ? tr("Queued") : tr("Queued (last try: %1)").arg(log.emailError);
    return log.outcome;
}

void ContactLogsSection::fillContactLogs()
{
    QList<QStringList> rows;
    for (const auto& log : std::as_const(m_logs))
        rows.append({MoneyText::localTime(log.occurredAt), core::ContactKind::label(log.kind),
                     log.direction == QLatin1String("inbound") ? tr("Incoming") : tr("Outgoing"), log.subject,
                     MoneyText::orDash(outcomeText(log)), MoneyText::orDash(log.staffName)});
    fillTable(m_ui->contactLogTable,
              {tr("When"), tr("Kind"), tr("Direction"), tr("Subject"), tr("Outcome"), tr("Staff")}, rows);
}

void ContactLogsSection::fillTasks()
{
    const QDate today = core::Clock::today();
    QList<QStringList> rows;
    for (const core::PatronTask& task : std::as_const(m_tasks))
        rows.append(
            {MoneyText::localDate(task.dueOn) + (task.isOverdue(today) ? tr(" (overdue)") : QString()), task.title,
             MoneyText::orDash(task.assignedToName),
             task.isDone() ? tr("Done %1: %2").arg(MoneyText::localTime(task.doneAt), task.outcome) : tr("Open")});
    fillTable(m_ui->tasksTable, {tr("Due"), tr("Task"), tr("Assigned to"), tr("Status")}, rows);
}

void ContactLogsSection::logActivity()
{
    core::ContactLog fresh;
    fresh.kind = QStringLiteral("phone");
    fresh.direction = QStringLiteral("inbound");
    auto* dialog = new ContactLogDialog(fresh, this);
    dialog->setObjectName(QStringLiteral("contactLogDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactLogDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->activity.addContactLog(m_patronId, dialog->log(), m_services.actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        emit changed();
    });
    dialog->open();
}

void ContactLogsSection::editSelectedLog()
{
    const int row = m_ui->contactLogTable->currentRow();
    if (row < 0 || row >= m_logs.size())
        return;
    const core::ContactLog log = m_logs.at(row);
    if (!log.isEditable()) {
        m_ui->contactLogMessage->setText(tr("Email entries record what was sent and cannot be changed."));
        m_ui->contactLogMessage->show();
        return;
    }
    m_ui->contactLogMessage->hide();
    auto* dialog = new ContactLogDialog(log, this);
    dialog->setObjectName(QStringLiteral("contactLogDialog"));
    dialog->setWindowTitle(tr("Edit contact log"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactLogDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->activity.updateContactLog(dialog->log(), m_services.actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        emit changed();
    });
    dialog->open();
}

void ContactLogsSection::newTask()
{
    QString staffError;
    const QList<core::StaffMember> staff = m_repos->staff.activeMembers(&staffError);
    auto* dialog = new TaskDialog(staff, m_services.actorId, this);
    dialog->setObjectName(QStringLiteral("taskDialog"));
    if (!staffError.isEmpty())
        dialog->showProblem(tr("The staff list could not be read: %1").arg(staffError));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDialog::saveRequested, this, [this, dialog] {
        core::PatronTask task = dialog->task();
        task.patronId = m_patronId;
        QString error;
        if (!m_repos->tasks.add(task, m_services.actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        emit changed();
        emit tasksChanged();
    });
    dialog->open();
}

void ContactLogsSection::markSelectedTaskDone()
{
    const int row = m_ui->tasksTable->currentRow();
    if (row < 0 || row >= m_tasks.size() || m_tasks.at(row).isDone())
        return;
    auto* dialog = new TaskDoneDialog(m_tasks.at(row).title, this);
    dialog->setObjectName(QStringLiteral("taskDoneDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDoneDialog::doneRequested, this, [this, dialog, id = m_tasks.at(row).id] {
        QString error;
        if (!m_repos->tasks.complete(id, dialog->outcome(), m_services.actorId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        emit changed();
        emit tasksChanged();
    });
    dialog->open();
}

} // namespace foyer::gui
