#pragma once

#include "PatronOverview.h"
#include "PatronProfile.h"
#include "ProfileServices.h"

#include <QTableWidget>
#include <QWidget>
#include <array>
#include <memory>

namespace Ui {
class PatronProfileWidget;
}

namespace foyer::gui {

// One open patron: the details panel (always visible) and the sections Orders, History, Contact logs and Monthly
// donations. Changes go through the activity repository; each reloads the sections it touched.
class PatronProfileWidget : public QWidget
{
    Q_OBJECT
public:
    PatronProfileWidget(const core::PatronProfile& profile, const ProfileServices& services, QWidget* parent = nullptr);
    ~PatronProfileWidget() override;

    enum Section
    {
        OverviewSection,
        OrdersSection,
        HistorySection,
        ContactLogsSection,
        RecurringSection,
        SectionCount
    };

    QString patronId() const { return m_patronId; }
    // Reads a section from the database unless it is already loaded (sections load when first shown).
    void loadSection(int index);
    void reloadSections();

    void logActivity();
    void editSelectedLog();
    void cancelSelectedRecurringDonation();
    void addNote();
    void addTag();
    void removeSelectedTag();
    void addRelationship();
    void composeEmail();
    void editPersonalDetails();
    void editContactDetails();
    void editAddresses();
    void openSelectedOrder();
    void newTask();
    void markSelectedTaskDone();
    void emailManagementLink();
    // Opens the order editor: a new order for this patron, or an unconfirmed one to carry on with.
    void openOrderEditor(const QString& orderId = QString());

signals:
    // The patron's name or details changed: the main window retitles the tab.
    void profileChanged(const QString& displayName);
    // A task was added or done here: "My tasks" recounts.
    void tasksChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void show(const core::PatronProfile& profile);
    // Reads the details panel again after an edit and marks every section stale.
    void reloadProfile();
    void fillEngagement(const core::PatronOverview& overview);
    void fillTasks();
    void fillOverview();
    void refreshNotes();
    const QList<core::OrderSummary>& currentOrders();
    void fillTags();
    void fillRelationships();
    void fillOrders();
    void fillHistory();
    void fillContactLogs();
    void fillRecurring();
    static void fillTable(QTableWidget* table, const QStringList& headers, const QList<QStringList>& rows);

    std::unique_ptr<Ui::PatronProfileWidget> m_ui;
    storage::Repositories* m_repos;
    storage::PatronActivityRepository* m_activity;
    storage::PatronDetailsRepository* m_details;
    QString m_patronId;
    QString m_actorId;
    QString m_actorEmail;
    core::StaffMember m_staff;
    QString m_patronEmail;
    QList<core::OrderSummary> m_orders;
    QList<core::HistoryEvent> m_history;
    QList<core::ContactLog> m_logs;
    QList<core::RecurringDonation> m_recurring;
    QList<core::PatronNote> m_notes;
    QList<core::PatronTask> m_tasks;
    core::PatronProfile m_profile;
    bool m_ordersCurrent = false;
    QDateTime m_createdAt;
    QString m_source;
    std::array<bool, SectionCount> m_loaded{};
};

} // namespace foyer::gui
