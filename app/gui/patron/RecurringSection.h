#pragma once

#include "PatronActivity.h"
#include "ProfileSection.h"

#include <memory>

namespace Ui {
class RecurringSection;
}

namespace foyer::gui {

// The Monthly donations tab: the patron's recurring donations, cancelling one, and emailing the management link.
class RecurringSection : public ProfileSection
{
    Q_OBJECT
public:
    RecurringSection(const ProfileServices& services, const QString& patronId, QWidget* parent = nullptr);
    ~RecurringSection() override;

    // Where the management link goes (named in the confirmation).
    void setPatronEmail(const QString& email) { m_patronEmail = email; }
    void cancelSelectedRecurringDonation();
    void emailManagementLink();

protected:
    void load() override;

private:
    std::unique_ptr<Ui::RecurringSection> m_ui;
    QList<core::RecurringDonation> m_recurring;
    QString m_patronEmail;
};

} // namespace foyer::gui
