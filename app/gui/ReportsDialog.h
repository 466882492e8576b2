#pragma once

#include "ReportDocument.h"
#include "ReportRequest.h"
#include "Repositories.h"
#include "StaffMember.h"

#include <QDialog>
#include <QPointer>
#include <atomic>
#include <functional>
#include <memory>
#include <utility>

class QDateEdit;
class QLabel;
class QPrinter;
class QProgressBar;
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
// button, so a year of donations does not freeze the window; the window finishes it when the worker's finished
// signal arrives (no nested event loop, so closing the window mid-export cannot leave code running in a deleted
// window). Preview and print stay here: QPrinter needs this thread.
class ReportsDialog : public QDialog
{
    Q_OBJECT
public:
    // With a database, exports read it on the worker thread through their own connection; without, here.
    ReportsDialog(storage::Repositories* repos, storage::Database* database, const core::StaffMember& staff,
                  qint64 openPatronNumber = 0, QWidget* parent = nullptr);
    // Stops a running export and waits for its worker, which removes what it had written.
    ~ReportsDialog() override;

    reports::ReportRequest request() const;

    // The date presets beside the date fields, in the venue's days (core::Clock). A venue's setup has no season yet,
    // so "this season" is the theatre year from 1 September to 31 August that holds today.
    enum class Preset
    {
        Today,
        Yesterday,
        ThisWeek,  // the locale's first day of the week to the last, holding today
        LastMonth, // the whole of the month before this one
        ThisSeason
    };
    static std::pair<QDate, QDate> presetRange(Preset preset, const QDate& today);
    void applyPreset(Preset preset);

    // "donations-2026-11-01-to-2026-11-30.pdf", "day-sheet-2026-12-01.pdf": what the save dialog offers.
    QString suggestedFileName(const QString& extension) const;
    // The path with ".extension" added when its file name has none (a PDF saved as "november" is "november.pdf"),
    // unless a file by that name is already there.
    static QString withExtension(const QString& path, const QString& extension);
    // False, with the reason in the message line, when the request cannot be met.
    bool build(reports::ReportDocument* report);
    // Start the writing on the worker and return at once; exportFinished tells how it ended. False (the reason in
    // the message line) when it cannot start: an export is running, or the report cannot be built.
    bool startPdfExport(const QString& path);
    bool startCsvExport(const QString& path);
    // For scripts and tests: start, then block until the file is written or the export failed (the worker is
    // waited for, no event loop runs meanwhile). True when saved.
    bool exportPdf(const QString& path);
    bool exportCsv(const QString& path);
    bool isExporting() const { return m_worker != nullptr; }

    // Tests only (never set by the application): called on the worker thread after each PDF page is painted, with the
    // page and the page count, before the worker looks at Cancel. A test blocks in it to hold the export after a page
    // while it clicks, so the click lands mid-export on every run without timing guesses. Each export copies the hook
    // as it starts, so the worker never reaches back into the window for it.
    using PageHook = std::function<void(int page, int pageCount)>;
    void setPageHookForTesting(PageHook hook) { m_pageHook = std::move(hook); }

    // Closing while a report is being written stops it first (nothing half-written is left behind).
    void reject() override;

signals:
    void exportFinished(bool saved);

private:
    enum class Format
    {
        Pdf,
        Csv
    };
    // What the worker reads and writes; shared with it, so nothing it touches belongs to the window.
    struct Export
    {
        Format format = Format::Pdf;
        QString path;
        reports::ReportDocument report;
        std::atomic_bool cancel = false;
        PageHook pageHook; // tests only; see setPageHookForTesting
        // Set by the worker, read here only after it has finished.
        bool saved = false;
        bool cancelled = false;
        QString failure;
    };
    bool startExport(Format format, const QString& path);
    bool waitForExport();
    bool finishExport(); // true when saved
    static void runExport(Export* job, const storage::Database* database, const reports::ReportRequest& request,
                          const QString& printedBy, const QPointer<QProgressBar>& bar);
    void setExporting(bool exporting);
    static void setUpPrinter(QPrinter* printer, const reports::ReportDocument& report);
    static reports::ReportDocument::Progress pageProgress(QProgressDialog* progress);
    void preview();
    void print();
    void showParameters();
    static void giveRoomFor(QLabel* caption);
    QString askForPath(const QString& caption, const QString& extension, const QString& filter);

    std::unique_ptr<Ui::ReportsDialog> m_ui;
    storage::Repositories* m_repos;
    storage::Database* m_database;
    core::StaffMember m_staff;
    std::shared_ptr<Export> m_export; // the running export, if any
    QThread* m_worker = nullptr;      // its thread; ours to wait for and delete
    quint64 m_exportRun = 0;          // which export a queued finished signal belongs to
    PageHook m_pageHook;              // tests only
    bool m_applyingPreset = false;    // the date fields are being set by a preset
};

} // namespace foyer::gui
