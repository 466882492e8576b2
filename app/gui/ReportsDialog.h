#pragma once

#include "ReportDocument.h"
#include "Repositories.h"
#include "StaffMember.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ReportsDialog;
}

namespace foyer::gui {

// Managers choose a report and its dates, then preview, print, or export it to PDF or CSV.
class ReportsDialog : public QDialog
{
    Q_OBJECT
public:
    ReportsDialog(storage::Repositories* repos, const core::StaffMember& staff, QWidget* parent = nullptr);
    ~ReportsDialog() override;

    reports::ReportDocument build();
    bool exportPdf(const QString& path);
    bool exportCsv(const QString& path);

private:
    void preview();
    void print();

    std::unique_ptr<Ui::ReportsDialog> m_ui;
    storage::Repositories* m_repos;
    core::StaffMember m_staff;
};

} // namespace foyer::gui
