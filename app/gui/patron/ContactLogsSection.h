#pragma once

#include "PatronActivity.h"
#include "PatronTask.h"
#include "ProfileSection.h"

#include <memory>

namespace Ui {
class ContactLogsSection;
}

namespace foyer::gui {

// The Contact logs tab: calls, meetings and emails with the patron, and the tasks staff set themselves about them.
class ContactLogsSection : public ProfileSection
{
    Q_OBJECT
public:
    ContactLogsSection(const ProfileServices& services, const QString& patronId, QWidget* parent = nullptr);
    ~ContactLogsSection() override;

    void logActivity();
    void editSelectedLog();
    void newTask();
    void markSelectedTaskDone();

signals:
    // A task was added or done here: "My tasks" recounts.
    void tasksChanged();

protected:
    void load() override;

    // What the Outcome column says: for an email, the sending status the server synced back.
    static QString outcomeText(const core::ContactLog& log);

private:
    void fillContactLogs();
    void fillTasks();

    std::unique_ptr<Ui::ContactLogsSection> m_ui;
    QList<core::ContactLog> m_logs;
    QList<core::PatronTask> m_tasks;
};

} // namespace foyer::gui
