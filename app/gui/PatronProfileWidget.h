#pragma once

#include "PatronProfile.h"

#include <QWidget>
#include <memory>

namespace Ui {
class PatronProfileWidget;
}

namespace foyer::gui {

// One open patron: the details panel (the profile's tabs arrive with the rest of the profile issue).
class PatronProfileWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PatronProfileWidget(const core::PatronProfile& profile, QWidget* parent = nullptr);
    ~PatronProfileWidget() override;

    QString patronId() const { return m_patronId; }

private:
    void show(const core::PatronProfile& profile);

    std::unique_ptr<Ui::PatronProfileWidget> m_ui;
    QString m_patronId;
};

} // namespace foyer::gui
