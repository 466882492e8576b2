#pragma once

#include "ReportDocument.h"
#include "ReportRequest.h"
#include "Repositories.h"
#include "StaffMember.h"

#include <QDialog>
#include <atomic>
#include <memory>

class QPrinter;
class QProgressDialog;

namespace foyer::storage {
class Database;
}

namespace Ui {
class ReportsDialog;
}

namespace foyer::gui {

// Managers choose a report and its parameters, then preview, print, or export it to PDF or CSV. An export reads the
// database and writes the file on a worker thread (with its own connection) behind a progress bar and a cancel
// button, so a year of donations does not freeze the window. Preview and print stay here: QPrinter needs this thread.
class ReportsDialog : public QDialog
{
    Q_OBJECT
public:
    // With a database, exports read it on the worker thread through their own connection; without, here.
    ReportsDialog(storage::Repositories* repos, storage::Database* database, const core::StaffMember& staff,
                  qint64 openPatronNumber = 0, QWidget* parent = nullptr);
    ~ReportsDialog() override;

    reports::ReportRequest request() const;
    // False, with the reason in the message line, when the request cannot be met.
    bool build(reports::ReportDocument* report);
    // Each runs the writing off this thread and returns when it has finished or was cancelled.
    bool exportPdf(const QString& path);
    bool exportCsv(const QString& path);

    // Closing while a report is being written stops it first (nothing half-written is left behind).
    void reject() override;

private:
    enum class Format
    {
        Pdf,
        Csv
    };
    bool runExport(Format format, const QString& path);
    static void setUpPrinter(QPrinter* printer, const reports::ReportDocument& report);
    static reports::ReportDocument::Progress pageProgress(QProgressDialog* progress);
    void preview();
    void print();
    void showParameters();

    std::unique_ptr<Ui::ReportsDialog> m_ui;
    storage::Repositories* m_repos;
    storage::Database* m_database;
    core::StaffMember m_staff;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace foyer::gui
