#pragma once

#include "PatronActivity.h"
#include "ProfileSection.h"

#include <memory>

namespace Ui {
class HistorySection;
}

namespace foyer::gui {

// The History tab: every event recorded for the patron, newest first, filtered by kind.
class HistorySection : public ProfileSection
{
    Q_OBJECT
public:
    HistorySection(const ProfileServices& services, const QString& patronId, QWidget* parent = nullptr);
    ~HistorySection() override;

protected:
    void load() override;

private:
    void fillHistory();

    std::unique_ptr<Ui::HistorySection> m_ui;
    QList<core::HistoryEvent> m_history;
};

} // namespace foyer::gui
