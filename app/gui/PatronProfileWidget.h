#pragma once

#include "PatronProfile.h"
#include "ProfileServices.h"

#include <QWidget>
#include <array>
#include <memory>

namespace Ui {
class PatronProfileWidget;
}

namespace foyer::gui {

class ContactLogsSection;
class HistorySection;
class OrdersSection;
class OverviewSection;
class ProfileSection;
class RecurringSection;

// One open patron: the header, the details panel (always visible) and the sections Overview, Orders, History,
// Contact logs and Monthly donations (app/gui/patron/, one widget each). A change made anywhere marks every section
// stale; the visible one reads again at once, the others when staff turn to them.
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

signals:
    // The patron's name or details changed: the main window retitles the tab.
    void profileChanged(const QString& displayName);
    // A task was added or done here: "My tasks" recounts.
    void tasksChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addSection(ProfileSection* section);
    void show(const core::PatronProfile& profile);
    // Reads the details panel again after an edit and marks every section stale.
    void reloadProfile();
    void showPopUpNotes(const QStringList& popUps, const QString& readProblem);
    void fillTags();
    void addTag();
    void removeSelectedTag();
    void composeEmail();
    void editPersonalDetails();
    void editContactDetails();
    void editAddresses();
    // Opens the order editor: a new order for this patron, or an unconfirmed one to carry on with.
    void openOrderEditor(const QString& orderId = QString());

    std::unique_ptr<Ui::PatronProfileWidget> m_ui;
    ProfileServices m_services;
    storage::Repositories* m_repos;
    QString m_patronId;
    QString m_patronEmail;
    core::PatronProfile m_profile;
    gui::OverviewSection* m_overview;
    gui::RecurringSection* m_recurring;
    std::array<ProfileSection*, SectionCount> m_sections{};
};

} // namespace foyer::gui
